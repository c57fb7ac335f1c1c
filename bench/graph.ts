/**
 * The stage graph's costs: starting an onboarding whose stages run side by side against the same
 * stages in a straight line, the tick that starts several stages at once, and the forecast's CPU
 * over 1,000 onboardings (pure, no GitHub).
 */
import { readFileSync } from 'node:fs';
import { configSchema } from '../src/config.js';
import { forecastOnboarding } from '../src/onboarding/forecast.js';
import { planStart } from '../src/onboarding/start.js';
import { createCalendar } from '../src/schedule/index.js';
import { parseTemplate } from '../src/template/index.js';
import { type Bed, bodyOf, REPO, startBed } from './bed.js';
import { figures, type RequestFigures } from './flows.js';

/** The bundled partner hub: the enrollment, then four tracks side by side (one optional). */
const tracks = (): string => readFileSync('templates/partner-hub-enrollment.md', 'utf8').replace(/\[Partner Hub Enrollment\]/, '[Bench Onboarding]');
/** The same five stages one after another. */
const linear = (): string => tracks().replace(/ {2}stages:\n(?: {4}.*\n)+/, '');
/** Two tracks after a first stage. */
const twoTracks = (): string =>
  `---\nname: Two tracks\nabout: bench\ntitle: "[Bench Onboarding] %customer%"\nonboarding:\n  stages:\n    "2": { after: [1] }\n    "3": { after: [1] }\n---\n### Stage 1: First\n- [ ] CSM >> Start\n\n### Stage 2: Left\n- [ ] CSM >> Left work\n\n### Stage 3: Right\n- [ ] Engineer >> Right work\n`;

export interface GraphFigures {
  startLinear: RequestFigures;
  startTracks: RequestFigures;
  tickStartingTwo: RequestFigures;
  tickStartingFour: RequestFigures;
  forecast: { onboardings: number; cpuMsTotal: number; cpuUsPerOnboarding: number };
}

async function measure(bed: Bed, act: () => void): Promise<RequestFigures> {
  bed.double.resetCounts();
  act();
  await bed.double.idle();
  return figures(bed.double.counts());
}

/** Warm start (templates and config cached) of `template`, then the tick that completes its first stage. */
async function startAndTick(template: string): Promise<{ start: RequestFigures; tick: RequestFigures }> {
  const bed = await startBed({ throttle: false, template });
  try {
    const open = (customer: string) => bed.double.openIssue(REPO, { title: `[Bench Onboarding] ${customer}`, body: bodyOf(template), user: 'alice' }).number;
    open('Warmup');
    await bed.double.idle();
    let epic = 0;
    const start = await measure(bed, () => {
      epic = open('Contoso');
    });
    const [first] = bed.double.subIssues(REPO, epic);
    const boxes = (bed.double.issue(REPO, first!.number).body ?? '').match(/^- \[ \]/gm)?.length ?? 0;
    for (let i = 0; i < boxes - 1; i++) bed.double.toggleCheckbox(REPO, first!.number, i, 'alice');
    await bed.double.idle();
    const tick = await measure(bed, () => bed.double.toggleCheckbox(REPO, first!.number, boxes - 1, 'alice'));
    bed.double.assertNoViolations();
    return { start, tick };
  } finally {
    await bed.close();
  }
}

/** CPU of `forecastOnboarding` for `n` partner hub onboardings at random points of their progress. */
function forecastCpu(n: number): GraphFigures['forecast'] {
  const parsed = parseTemplate(readFileSync('templates/partner-hub-enrollment.md', 'utf8'));
  const template = parsed.template!;
  const config = configSchema.parse({ calendar: { holidays: 'US' } });
  const calendar = createCalendar(config.calendar);
  const epic = { number: 1, nodeId: 'I', databaseId: 1, title: 'x', body: '', state: 'open' as const, stateReason: null, createdAt: '', closedAt: null, assignees: [], labels: [] };
  const states = Array.from({ length: n }, (_, i) => {
    const startedAt = new Date(Date.UTC(2026, 0, 1 + (i % 300), 9)).toISOString();
    const { state } = planStart({ template, templateFile: null, stages: template.stages, customer: `C${i}`, epic, existing: [], config, now: startedAt });
    const done = i % state.stages.length;
    state.stages.forEach((s, k) => {
      if (k === 0 || k <= done) s.startedAt = new Date(Date.parse(startedAt) + k * 86_400_000).toISOString();
      if (k < done) s.completedAt = new Date(Date.parse(startedAt) + (k + 2) * 86_400_000).toISOString();
    });
    return state;
  });
  const now = new Date('2026-11-01T09:00:00Z');
  forecastOnboarding({ state: states[0]!, calendar, now }); // warm the holiday cache
  const before = process.cpuUsage();
  for (const state of states) forecastOnboarding({ state, calendar, now });
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  return { onboardings: n, cpuMsTotal: Math.round(ms), cpuUsPerOnboarding: Math.round((ms * 1000) / n) };
}

export async function benchGraph(): Promise<GraphFigures> {
  const lin = await startAndTick(linear());
  const four = await startAndTick(tracks());
  const two = await startAndTick(twoTracks());
  return { startLinear: lin.start, startTracks: four.start, tickStartingTwo: two.tick, tickStartingFour: four.tick, forecast: forecastCpu(1000) };
}

/**
 * The stage graph through the state machine: random templates with `after:`, `optional:` and
 * `due:`, started with `planStart`, their stages ticked in random order (ahead of their turn too).
 * After every step: no stage started before its prerequisites were done, the EPIC is closed
 * exactly when every required stage is, and the forecast is never earlier than a remaining path.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { forecastOnboarding } from '../../src/onboarding/forecast.js';
import { storedPrerequisites } from '../../src/onboarding/graph.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import { planStart } from '../../src/onboarding/start.js';
import { linkStagesInEpicBody } from '../../src/render/epic-body.js';
import { createCalendar } from '../../src/schedule/index.js';
import { parseTemplate } from '../../src/template/index.js';
import { at, config, edit, epicIssue, stageIssueFrom, step, T0, type World } from './fixture.js';

interface StageSpec {
  after: number[] | null;
  optional: boolean;
  due: number;
}

function templateOf(specs: StageSpec[]): string {
  const settings = specs
    .map((s, i) => {
      const after = s.after === null ? '' : ` after: [${s.after.map((a) => a + 1).join(', ')}],`;
      return `    "${i + 1}": {${after} due: ${s.due}${s.optional ? ', optional: true' : ''} }`;
    })
    .join('\n');
  const stages = specs.map((_, i) => `### Stage ${i + 1}: Step ${i + 1}\n- [ ] CSM >> First of ${i + 1}\n- [ ] CSM >> Second of ${i + 1}\n`).join('\n');
  return `---\nname: Graph\nabout: random graph\ntitle: "[Graph] %customer%"\nonboarding:\n  stages:\n${settings}\n---\n${stages}`;
}

/** An onboarding started from `source`, its issues numbered from 2, the first reconcile applied. */
function graphWorld(source: string): World {
  const parsed = parseTemplate(source, { file: 'graph.md' });
  if (!parsed.ok || !parsed.template) throw new Error(JSON.stringify(parsed.errors));
  const template = parsed.template;
  const cfg = config();
  const epic = epicIssue(template.body!);
  const plan = planStart({ template, templateFile: 'graph.md', stages: template.stages, customer: 'Contoso', epic, existing: [], config: cfg, now: T0 });
  const stageIssues = plan.specs.map((spec, i) => stageIssueFrom(spec, i + 2));
  for (const s of plan.state.stages) s.issue = stageIssues.find((i) => i.stageKey === s.key)!.number;
  epic.body = linkStagesInEpicBody({ body: epic.body, stages: template.stages, links: plan.state.stages.map((s) => ({ stageKey: s.key, issueNumber: s.issue!, done: false })) });
  const world: World = {
    template, config: cfg, calendar: createCalendar(cfg.calendar), state: plan.state, readItems: itemReaderFor(plan.state), nextId: 500,
    snapshot: { repo: { owner: 'acme', name: 'onboarding', nodeId: 'R_1' }, epic, stageIssues, otherSubIssues: [], statusComment: null, epicNotices: [] },
  };
  step(world, { type: 'recompute' }, T0);
  return world;
}

const specsArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        after: fc.option(fc.subarray(Array.from({ length: i }, (_, j) => j)), { nil: null }),
        optional: fc.boolean(),
        due: fc.integer({ min: 1, max: 5 }),
      }),
    ),
  ),
);

describe('the stage graph in the state machine, random templates ticked in random order', () => {
  it('starts no stage before its prerequisites, completes exactly with the required stages, and forecasts no earlier than any remaining path', () => {
    fc.assert(
      fc.property(specsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (specs, picks) => {
        const world = graphWorld(templateOf(specs));
        const pre = storedPrerequisites(world.state.stages);
        const issueOf = (key: string) => world.snapshot.stageIssues.find((i) => i.stageKey === key)!;
        let hours = 0;
        for (const pick of [...picks, -1]) {
          if (pick >= 0) {
            const open = world.snapshot.stageIssues.filter((i) => i.state === 'open');
            if (open.length === 0) break;
            const target = open[pick % open.length]!;
            hours += 7 + (pick % 40);
            const texts = world.readItems(target.body).filter((i) => !i.checked).map((i) => i.text);
            step(world, edit(world, target.number, texts, true, { at: at(hours) }), at(hours));
          }
          for (const s of world.state.stages) {
            if (!s.startedAt) continue;
            for (const p of pre.get(s.key)!) expect(issueOf(p).state).toBe('closed');
          }
          const required = world.state.stages.filter((s) => s.optional !== true);
          const must = required.length > 0 ? required : world.state.stages;
          expect(world.snapshot.epic.state === 'closed').toBe(must.every((s) => issueOf(s.key).state === 'closed'));
          // The forecast against every remaining path of stages not started yet.
          const now = new Date(at(hours));
          const f = forecastOnboarding({ state: world.state, calendar: world.calendar, now });
          expect(f.forecastAt).not.toBeNull();
          if (world.state.completedAt) continue;
          const longest = new Map<string, number>();
          for (const s of world.state.stages) {
            const from = (pre.get(s.key) ?? []).map((p) => longest.get(p) ?? 0);
            longest.set(s.key, s.startedAt ? 0 : (s.dueDays ?? 0) + Math.max(0, ...from));
          }
          for (const s of must) {
            if (s.startedAt) continue;
            // Business days are whole days: compare the dates, not the time of day they carry.
            const day = (d: Date) => world.calendar.localDate(d);
            expect(day(new Date(f.forecastAt!)) >= day(world.calendar.addBusinessDays(now, longest.get(s.key)!))).toBe(true);
          }
        }
      }),
      { seed: 20261203, numRuns: 60 },
    );
  });
});

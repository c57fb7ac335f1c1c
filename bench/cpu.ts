/**
 * Handler CPU time for one checkbox event on a 100-item stage: the pure core only (`diffTasks`
 * on the edited body, then `reconcile`), no I/O. The snapshot and stored state are read once
 * from a real onboarding on the double, so the input has the exact shape the handler sees.
 */
import { diffTasks } from '../src/checklist/index.js';
import { loadOnboarding } from '../src/handlers/session.js';
import { itemReaderFor } from '../src/onboarding/items.js';
import { reconcile } from '../src/onboarding/reconcile.js';
import { client, openOnboarding, stagedTemplate, startBed } from './bed.js';

const RUNS = 200;
const WARMUP = 20;

export interface CpuFigures {
  items: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** Plan length of one run, as a sanity check that the core did real work. */
  actions: number;
}

export async function benchHandlerCpu(items = 100): Promise<CpuFigures> {
  const template = stagedTemplate(items);
  const bed = await startBed({ throttle: false, template });
  try {
    const epic = openOnboarding(bed, 'Contoso', template);
    await bed.double.idle();
    const loaded = await loadOnboarding(bed.deps, client(bed.double, 'app-token', false), { owner: 'acme', repo: 'onboarding', epic });
    if (!loaded?.state) throw new Error('bench: could not load the onboarding just started');
    const { snapshot, state, config } = { ...loaded, state: loaded.state };
    const first = snapshot.stageIssues[0];
    if (!first) throw new Error('bench: the onboarding has no stage issues');
    const before = first.body;
    const after = before.replace('- [ ]', '- [x]');
    const ticked = { ...snapshot, stageIssues: snapshot.stageIssues.map((s) => (s.number === first.number ? { ...s, body: after } : s)) };
    const readItems = itemReaderFor(state);
    if (readItems(before).length !== items) throw new Error(`bench: stage 0 should have ${items} items`);
    const now = bed.clock.now.toISOString();
    const once = () => {
      const changes = diffTasks(before, after).filter((c) => c.from !== c.to);
      const event = { type: 'edited' as const, issue: first.number, actor: 'alice', at: now, changes };
      return reconcile({ snapshot: ticked, stored: state, event, now, labels: config.labels, readItems });
    };
    for (let i = 0; i < WARMUP; i++) once();
    const times: number[] = [];
    let actions = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      actions = once().actions.length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => Math.round((times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0) * 1000) / 1000;
    return { items, runs: RUNS, medianMs: at(0.5), p95Ms: at(0.95), actions };
  } finally {
    await bed.close();
  }
}


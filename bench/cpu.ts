/**
 * Handler CPU time for one tick (a person ticks one box) on a 100-item stage: what the progress
 * handler computes between reading GitHub and writing to it, with no I/O. Per tick, as
 * `handlers/progress.ts` and `handlers/session.ts` do it: `toProgressEvent` on the webhook payload
 * (the checkbox diff), a fresh item reader, and `reconcile` (the plan, status comment included).
 * The snapshot and stored state are read once from a real onboarding on the double.
 *
 * Every tick is a new edit: the k-th tick flips the box a binary Gray code flips at step k, so
 * no body repeats and the new body is never in the parse cache, while the old one is (it was the
 * previous tick's new body): the steady state of a running app. One cold parse of the same body,
 * and a tick with an empty cache, are measured in the same run for scale.
 */

import { deepFreeze, parseMarkdownFresh } from '../src/checklist/fresh-parse.js';
import { readTasks } from '../src/checklist/index.js';
import { sharedParseCache } from '../src/checklist/parse-cache.js';
import { type StageIssuePayload, toProgressEvent } from '../src/handlers/progress.js';
import { loadOnboarding } from '../src/handlers/session.js';
import { calendarFor } from '../src/onboarding/due.js';
import { itemReaderFor } from '../src/onboarding/items.js';
import { reconcile } from '../src/onboarding/reconcile.js';
import { client, openOnboarding, stagedTemplate, startBed } from './bed.js';

const RUNS = 200;
const WARMUP = 20;
const COLD_RUNS = 20;

export interface CpuFigures {
  items: number;
  runs: number;
  /** One tick, warm cache: the handler's CPU time between the GitHub read and the writes. */
  medianMs: number;
  p95Ms: number;
  /** The same ticks in wall time (includes waiting for a core when the machine is busy). */
  wallMedianMs: number;
  /** Full parses during the timed warm ticks (0 when the one-box fast path takes every tick). */
  fullParsesPerTick: number;
  /** Plan length of one run, as a sanity check that the core did real work. */
  actions: number;
  /** One uncached parse of the 100-item stage body (what a cache miss costs). */
  coldParseMedianMs: number;
  /** Deep-freezing one such parse (included in the cold parse). */
  freezeMedianMs: number;
  /** One tick with the parse cache emptied first: every body read is parsed. */
  coldTickMedianMs: number;
}

/** Index of the box the k-th step of a binary reflected Gray code flips (k >= 1): its lowest set bit. */
const grayFlip = (k: number): number => 31 - Math.clz32(k & -k);

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) * 1000) / 1000;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) * 1000) / 1000;
}

/**
 * CPU time of `run` (user + system, all of the process's threads), in ms: unlike wall time, it
 * does not count the time the process waited for a core on a busy machine.
 */
function cpuTimed(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
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
    const boxes = readTasks(first.body).map((t) => t.checkboxOffset);
    if (boxes.length !== items) throw new Error(`bench: stage 0 should have ${items} items`);

    // Bodies are built by hand, not with setCheckbox, so that building them seeds no cache.
    const total = WARMUP + RUNS + COLD_RUNS;
    const bodies = [first.body];
    for (let k = 1; k <= total; k++) {
      const previous = bodies[k - 1]!;
      const at = boxes[grayFlip(k) % boxes.length]!;
      bodies.push(previous.slice(0, at) + (previous[at] === ' ' ? 'x' : ' ') + previous.slice(at + 1));
    }
    const now = bed.clock.now.toISOString();
    const calendar = calendarFor(config.calendar, bed.deps.calendars);
    const ticks = bodies.slice(1).map((body, k) => ({
      payload: {
        action: 'edited',
        issue: { number: first.number, body, updated_at: now },
        changes: { body: { from: bodies[k]! } },
        sender: { login: 'alice', type: 'User' },
      } satisfies StageIssuePayload,
      snapshot: { ...snapshot, stageIssues: snapshot.stageIssues.map((s) => (s.number === first.number ? { ...s, body } : s)) },
    }));
    let actions = 0;
    const tick = (k: number): void => {
      const { payload, snapshot: read } = ticks[k]!;
      const event = toProgressEvent(payload, now);
      if (!event) throw new Error('bench: a tick changed no checkbox');
      const readItems = itemReaderFor(state);
      actions = reconcile({ snapshot: read, stored: state, event, now, labels: config.labels, readItems, calendar }).actions.length;
    };

    for (let k = 0; k < WARMUP; k++) tick(k);
    const warm: number[] = [];
    const wall: number[] = [];
    const parsesBefore = sharedParseCache.stats().fullParses;
    for (let k = WARMUP; k < WARMUP + RUNS; k++) {
      const started = performance.now();
      warm.push(cpuTimed(() => tick(k)));
      wall.push(performance.now() - started);
    }
    const fullParses = sharedParseCache.stats().fullParses - parsesBefore;

    const cold: number[] = [];
    for (let k = WARMUP + RUNS; k < total; k++) {
      sharedParseCache.clear();
      cold.push(cpuTimed(() => tick(k)));
    }
    const coldParse = Array.from({ length: COLD_RUNS }, () => cpuTimed(() => parseMarkdownFresh(first.body)));
    const freeze = Array.from({ length: COLD_RUNS }, () => {
      const { doc } = parseMarkdownFresh(first.body);
      const thawed = structuredClone(doc);
      return cpuTimed(() => deepFreeze(thawed));
    });
    return {
      items,
      runs: RUNS,
      medianMs: median(warm),
      p95Ms: percentile(warm, 0.95),
      wallMedianMs: median(wall),
      fullParsesPerTick: fullParses / RUNS,
      actions,
      coldParseMedianMs: median(coldParse),
      freezeMedianMs: median(freeze),
      coldTickMedianMs: median(cold),
    };
  } finally {
    await bed.close();
  }
}

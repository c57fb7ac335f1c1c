/**
 * One replica against two on one Redis: 20 onboardings, then 200 ticks delivered shuffled and
 * each twice. Requests per tick, duplicate notices, wall time from release to settled.
 */
import { readNoticeKey } from '../src/render/notice-marker.js';
import { type Bed, openOnboarding, REPO, startBed } from './bed.js';

const TOGGLES: [number, number][] = [[0, 0], [1, 0], [1, 1], [2, 0], [2, 1], [1, 1], [2, 0], [1, 1], [2, 0], [2, 1]];

export interface BurstFigures {
  replicas: number;
  ticks: number;
  deliveries: number;
  requests: number;
  writes: number;
  requestsPerTick: number;
  duplicateNotices: number;
  ms: number;
}

function duplicateNotices(bed: Bed): number {
  let duplicates = 0;
  for (const issue of bed.double.issues(REPO)) {
    const keys = bed.double.comments(REPO, issue.number).filter((c) => c.via_app).map((c) => readNoticeKey(c.body) ?? c.body.slice(0, 22));
    duplicates += keys.length - new Set(keys).size;
  }
  return duplicates;
}

export async function benchBurst(replicas: number): Promise<BurstFigures> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const bed = await startBed({ throttle: false, replicas, redis: { url, prefix: `embark-bench-${process.pid}-${replicas}-${Date.now()}` } });
  try {
    const epics = Array.from({ length: 20 }, (_, i) => openOnboarding(bed, `Customer ${i}`));
    await bed.settle(120_000);
    bed.double.holdWebhooks();
    for (const [stage, box] of TOGGLES) for (const epic of epics) bed.double.toggleCheckbox(REPO, bed.double.subIssues(REPO, epic)[stage]!.number, box, 'alice');
    const ticks = bed.double.heldWebhooks().length;
    bed.double.resetCounts();
    const began = performance.now();
    await bed.double.releaseWebhooks({ shuffle: 7, duplicate: 2 });
    await bed.settle(120_000);
    const ms = Math.round(performance.now() - began);
    const c = bed.double.counts();
    return { replicas, ticks, deliveries: ticks * 2, requests: c.total, writes: c.writes + c.graphqlMutations, requestsPerTick: Number((c.total / ticks).toFixed(2)), duplicateNotices: duplicateNotices(bed), ms };
  } finally {
    await bed.close();
  }
}

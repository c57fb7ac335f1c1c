/**
 * Sweep cost for N open onboardings: requests with nothing due, requests with a reminder due
 * on every onboarding (clock moved past 24 h), wall time and memory.
 */
import { sweepAccount } from '../src/handlers/sweep.js';
import { type Bed, client, openOnboarding, startBed } from './bed.js';
import { figures, type RequestFigures } from './flows.js';

const HOUR = 3_600_000;
const BATCH = 25;

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface SweepRun extends RequestFigures {
  ms: number;
  posted: number;
  failed: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
}

export interface SweepFigures {
  onboardings: number;
  setupMs: number;
  nothingDue: SweepRun;
  remindersDue: SweepRun;
  /** The request count the design predicts: search pages for two queries plus 3 per due onboarding. */
  predicted: { nothingDue: number; remindersDue: number };
}

async function measuredSweep(bed: Bed): Promise<SweepRun> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  bed.double.resetCounts();
  const start = performance.now();
  try {
    const report = await sweepAccount(bed.deps, client(bed.double, 'app-token', false), 'acme');
    const ms = Math.round(performance.now() - start);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      ms,
      posted: report.posted,
      failed: report.failed.length,
      ...figures(bed.double.counts()),
      rssBeforeMiB: mib(before.rss),
      rssPeakMiB: mib(peak),
      heapBeforeMiB: mib(before.heapUsed),
      heapAfterMiB: mib(process.memoryUsage().heapUsed),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Open `n` onboardings through Embark (latency 0, no throttling), then sweep twice. */
export async function benchSweep(n: number): Promise<SweepFigures> {
  const bed = await startBed({ throttle: false });
  try {
    const start = performance.now();
    for (let done = 0; done < n; done += BATCH) {
      for (let i = done; i < Math.min(n, done + BATCH); i++) openOnboarding(bed, `Customer ${i}`);
      await bed.double.idle({ timeoutMs: 120_000 });
    }
    const setupMs = Math.round(performance.now() - start);
    const nothingDue = await measuredSweep(bed);
    bed.advance(25 * HOUR);
    const remindersDue = await measuredSweep(bed);
    bed.double.assertNoViolations();
    // Open onboardings, one (empty) page of recently closed ones, one page of the repair search.
    const pages = Math.ceil(n / 50) + 2;
    return { onboardings: n, setupMs, nothingDue, remindersDue, predicted: { nothingDue: pages, remindersDue: pages + 3 * n } };
  } finally {
    await bed.close();
  }
}

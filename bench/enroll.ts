/**
 * Bulk enrollment figures: requests per enrolled onboarding (the enroll client's and the app's),
 * the simulated time to enroll 100 rows at the default pace with the 5-stage bench template, and
 * peak memory while reading 10,000 rows (against 1,000, to show it stays flat).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EnrollDeps, runEnroll } from '../src/cli/enroll.js';
import { nodeIo } from '../src/cli/io.js';
import type { PaceClock } from '../src/enroll/pace.js';
import { duration } from '../src/enroll/progress.js';
import type { RequestLogEntry } from '../test/github-double/index.js';
import { type Bed, REPO, startBed } from './bed.js';

/**
 * Content creations one request makes (GitHub's 80/min, 500/h budget): a REST POST creating an
 * issue, comment, label or sub-issue link, or each `createIssue` / `addComment` / `addSubIssue`
 * inside a GraphQL mutation. Failed requests created nothing.
 */
export function creationsOf(entry: RequestLogEntry): number {
  if (entry.fault || (entry.status !== undefined && entry.status >= 400)) return 0;
  if (entry.graphql) return entry.graphql.mutation ? (entry.graphql.query.match(/\b(createIssue|addComment|addSubIssue)\s*\(/g) ?? []).length : 0;
  if (entry.method !== 'POST') return 0;
  return /\/issues$|\/comments$|\/sub_issues$|\/labels$/.test(entry.path.split('?')[0]!) ? 1 : 0;
}

/** The bed's clock for a pacer: waiting lets the app finish its work, then moves time on. */
export function bedPaceClock(bed: Bed): PaceClock {
  return {
    now: () => bed.clock.now.getTime(),
    async sleep(ms) {
      await bed.settle();
      bed.advance(ms);
    },
  };
}

function bedDeps(bed: Bed): EnrollDeps {
  return {
    env: { GITHUB_TOKEN: bed.double.tokenFor('alice') },
    openRead: (path) => createReadStream(path),
    openWrite: (path) => createWriteStream(path),
    isFile: async (path) => (await stat(path).catch(() => null))?.isFile() ?? false,
    clock: bedPaceClock(bed),
    tty: false,
  };
}

const quiet = { ...nodeIo(), stdout() {}, stderr() {} };

function csv(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'embark-bench-enroll-'));
  const path = join(dir, 'customers.csv');
  const lines = ['customer,Tenant ID,CSM,Engineer'];
  for (let i = 1; i <= rows; i++) lines.push(`Customer ${i},T-${i},carol,bob`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export interface EnrollFigures {
  rows: number;
  stages: number;
  /** Requests the enroll client made per enrolled onboarding (template, lookup, creations). */
  enrollRequestsPerOnboarding: number;
  /** Requests the app made per onboarding it started. */
  appRequestsPerOnboarding: number;
  /** Simulated time from the first to the last enrollment at the default pace. */
  simulatedMs: number;
  simulated: string;
  /** Content creations (enroll + app) in the busiest simulated minute and hour. */
  busiestMinute: number;
  busiestHour: number;
}

/** The most content creations inside any window of `ms`. */
export function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let from = 0, to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= ms) from += 1;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

/** Enroll `rows` rows at the default pace on a simulated clock. */
export async function benchEnroll(rows = 100): Promise<EnrollFigures> {
  const bed = await startBed({ throttle: false });
  try {
    const file = csv(rows);
    const began = bed.clock.now.getTime();
    const code = await runEnroll([file, '--repo', REPO, '--template', 'bench', '--api-url', bed.double.apiUrl], quiet, bedDeps(bed));
    await bed.settle();
    if (code !== 0) throw new Error(`enroll bench: exit ${code}`);
    const log = bed.double.requests;
    const mine = log.filter((r) => r.actor === 'alice');
    const app = log.filter((r) => r.actor === bed.double.botLogin);
    const creations = log.flatMap((r) => Array.from({ length: creationsOf(r) }, () => Date.parse(r.at)));
    const last = Math.max(...mine.filter((r) => creationsOf(r) > 0).map((r) => Date.parse(r.at)));
    return {
      rows,
      stages: 5,
      enrollRequestsPerOnboarding: Number((mine.length / rows).toFixed(2)),
      appRequestsPerOnboarding: Number((app.length / rows).toFixed(2)),
      simulatedMs: last - began,
      simulated: duration(last - began),
      busiestMinute: busiest(creations, 60_000),
      busiestHour: busiest(creations, 3_600_000),
    };
  } finally {
    await bed.close();
  }
}

export interface MemoryFigures {
  rows: number;
  ms: number;
  heapBeforeMiB: number;
  heapPeakMiB: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

const mib = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/** A dry run over `rows` rows (lookup on the double, every row checked and rendered), sampling memory. */
export async function benchEnrollMemory(rows: number): Promise<MemoryFigures> {
  const bed = await startBed({ throttle: false });
  const file = csv(rows);
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let heapPeak = before.heapUsed;
    let rssPeak = before.rss;
    const sample = setInterval(() => {
      const now = process.memoryUsage();
      heapPeak = Math.max(heapPeak, now.heapUsed);
      rssPeak = Math.max(rssPeak, now.rss);
    }, 5);
    const began = performance.now();
    const code = await runEnroll([file, '--repo', REPO, '--template', 'bench', '--dry-run', '--api-url', bed.double.apiUrl], quiet, bedDeps(bed));
    const ms = Math.round(performance.now() - began);
    clearInterval(sample);
    if (code !== 0) throw new Error(`enroll memory bench: exit ${code}`);
    return { rows, ms, heapBeforeMiB: mib(before.heapUsed), heapPeakMiB: mib(heapPeak), rssBeforeMiB: mib(before.rss), rssPeakMiB: mib(rssPeak) };
  } finally {
    rmSync(file, { force: true });
    await bed.close();
  }
}

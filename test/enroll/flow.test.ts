import { afterEach, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { creationsOf } from '../../bench/enroll.js';
import { creationsPerRow, GITHUB_CREATION_LIMITS } from '../../src/enroll/pace.js';
import { type Bed, REPO, stages, startBed, statusComment } from '../flows/harness.js';
import { bedClock, csvFile, enrollOnBed, goodRows, HEADER, readText } from './support.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

/** EPICs the app started: issues with a row key and an EPIC marker, by customer. */
function started(b: Bed): string[] {
  return b.double
    .issues(REPO)
    .filter((i) => i.body?.includes('embark:enroll-key') && i.body.includes('embark:epic'))
    .map((i) => i.title.replace('[Managed Services Onboarding] ', ''))
    .sort();
}

describe('embark enroll on the app', () => {
  it('30 rows with 2 bad ones: 28 onboardings started by the app, the 2 reported by line, exit 1', async () => {
    bed = await startBed();
    const rows = goodRows(28);
    rows.splice(5, 0, ',T-x,carol,bob'); // line 7: no customer
    rows.splice(20, 0, 'Customer 003,T-3b,carol,bob'); // line 22: duplicate
    const file = csvFile(`${HEADER}\n${rows.join('\n')}\n`);
    const out = `${file}.results.csv`;
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp', '--out', out]);
    await bed.settle();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('customers.csv:7: skipped: no customer');
    expect(result.stderr).toContain('customers.csv:22: skipped: duplicate customer "Customer 003": line 4 names it already');
    expect(result.stdout).toContain('created 28, already there 0, skipped 2');
    expect(started(bed)).toHaveLength(28);
    const epic = bed.double.issues(REPO).find((i) => i.title.endsWith('Customer 001'))!;
    expect(stages(bed, epic.number)).toHaveLength(3);
    expect(statusComment(bed, epic.number)).toBeDefined();
    expect(epic.body).toContain('- Tenant ID: `T-1`');
    expect(epic.body).toContain('<!-- embark:owners {"CSM":["carol"],"Engineer":["bob"]} -->');
    const results = parse(readText(out), { columns: true }) as Record<string, string>[];
    expect(results).toHaveLength(30);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(28);
    expect(results[5]).toEqual({ line: '7', customer: '', status: 'skipped', issue_url: '', reason: 'no customer: fill in "customer"' });
    expect(results[0]!.issue_url).toMatch(new RegExp(`/acme/onboarding/issues/${epic.number}$`));
    // The app creates what the pace budgets for each start, and no more.
    const appCreations = bed.double.requests.filter((r) => r.actor === bed!.double.botLogin).reduce((n, r) => n + creationsOf(r), 0);
    expect(appCreations).toBeLessThanOrEqual(28 * (creationsPerRow(3) - 1));
    // Rerun: everything is there already; only the 2 bad rows are reported again.
    const again = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('created 0, already there 28, skipped 2');
    expect(started(bed)).toHaveLength(28);
  }, 60_000);

  it('interrupted halfway and rerun: exactly the same 28 onboardings, nothing doubled', async () => {
    bed = await startBed();
    const file = csvFile(`${HEADER}\n${goodRows(28).join('\n')}\n`);
    const controller = new AbortController();
    const b = bed;
    const clock = bedClock(bed);
    const enrolled = () => b.double.issues(REPO).filter((i) => i.body?.includes('embark:enroll-key')).length;
    const stopping = { ...clock, sleep: async (ms: number) => {
      await clock.sleep(ms);
      if (enrolled() >= 14) controller.abort();
    } };
    const first = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp'], { clock: stopping, signal: controller.signal });
    await bed.settle();
    expect(first.code).toBe(130);
    expect(first.stdout).toContain('(interrupted): created 14, already there 0, skipped 0');
    expect(started(bed)).toHaveLength(14);
    const second = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('created 14, already there 14, skipped 0');
    expect(started(bed)).toEqual(goodRows(28).map((r) => r.split(',')[0]));
    expect(bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'))).toHaveLength(28 * 3);
  }, 60_000);

  it('keeps creations per simulated minute and hour within GitHub limits at the default pace', async () => {
    bed = await startBed();
    // 85 rows of 5 creations each (issue, 3 stages, status comment): more than the 400 an hour the
    // default pace allows itself, so the hour window has to move on.
    const file = csvFile(`${HEADER}\n${goodRows(85).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(result.code).toBe(0);
    expect(started(bed)).toHaveLength(85);
    const times = bed.double.requests.flatMap((r) => Array.from({ length: creationsOf(r) }, () => Date.parse(r.at)));
    expect(times.length).toBeGreaterThanOrEqual(85 * 5);
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(GITHUB_CREATION_LIMITS.perMinute);
    expect(busiestWindow(times, 3_600_000)).toBeLessThanOrEqual(GITHUB_CREATION_LIMITS.perHour);
    // More than an hour's budget: the run had to wait for the hour window to move on.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(3_600_000);
  }, 120_000);

  it('pauses on a secondary rate limit for retry-after, then goes on without doubling anything', async () => {
    bed = await startBed();
    const fault = bed.double.fail({ route: 'POST /repos/{owner}/{repo}/issues', status: 403, retryAfter: 120, times: 2 });
    const waits: number[] = [];
    const file = csvFile(`${HEADER}\n${goodRows(6).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp'], { clock: bedClock(bed, waits) });
    await bed.settle();
    expect(fault.hits).toBe(2);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('GitHub asked to wait 2m 00s');
    expect(waits.filter((w) => w >= 119_000)).toHaveLength(2);
    expect(started(bed)).toHaveLength(6);
  }, 60_000);

  it('looks before re-sending a creation GitHub applied but answered 502 to', async () => {
    bed = await startBed();
    const fault = bed.double.fail({ route: 'POST /repos/{owner}/{repo}/issues', status: 502, after: 'apply' });
    const file = csvFile(`${HEADER}\n${goodRows(4).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(fault.hits).toBe(1);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created 4');
    expect(started(bed)).toHaveLength(4);
    expect(bed.double.issues(REPO).filter((i) => i.body?.includes('embark:enroll-key'))).toHaveLength(4);
  }, 60_000);

  it('finds what exists by listing the repository when search fails', async () => {
    bed = await startBed();
    const file = csvFile(`${HEADER}\n${goodRows(5).join('\n')}\n`);
    await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    const search = bed.double.fail({ route: 'GET /search/issues', status: 503, times: Number.POSITIVE_INFINITY });
    const again = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    expect(search.hits).toBeGreaterThan(0);
    expect(again.stdout).toContain('created 0, already there 5');
    expect(started(bed)).toHaveLength(5);
  }, 60_000);
});

/** The most creations inside any window of `ms` (times sorted or not). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= ms) from += 1;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

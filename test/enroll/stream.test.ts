import { describe, expect, it } from '@jest/globals';
import { defaultPace, type PaceClock } from '../../src/enroll/pace.js';
import type { RowResult } from '../../src/enroll/results.js';
import { enroll } from '../../src/enroll/run.js';
import { parseTemplate } from '../../src/template/index.js';
import { TEMPLATE } from '../flows/harness.js';

const template = parseTemplate(TEMPLATE).template!;
const clock: PaceClock = { now: () => 0, sleep: async () => {} };

describe('reading the CSV', () => {
  it('handles a 10,000-row file as a stream: the first rows are done long before the file is read', async () => {
    const CHUNKS = 200;
    const ROWS_PER_CHUNK = 50;
    let pulled = 0;
    let pulledAtFirstRow: number | null = null;
    async function* file() {
      yield 'customer,Tenant ID,CSM\n';
      for (let c = 0; c < CHUNKS; c++) {
        pulled += 1;
        const rows = Array.from({ length: ROWS_PER_CHUNK }, (_, i) => `Customer ${c * ROWS_PER_CHUNK + i + 1},T-${c},alice\n`);
        yield rows.join('');
      }
    }
    const statuses = new Map<string, number>();
    const outcome = await enroll({
      file: 'big.csv',
      source: file(),
      template,
      github: null,
      dryRun: true,
      pace: defaultPace(3),
      clock,
      report: {
        warning() {},
        paused() {},
        row(result: RowResult) {
          pulledAtFirstRow ??= pulled;
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        },
      },
    });
    expect(outcome.tally.wouldCreate).toBe(CHUNKS * ROWS_PER_CHUNK);
    expect(statuses).toEqual(new Map([['would-create', 10_000]]));
    expect(pulled).toBe(CHUNKS);
    // Only a read-ahead buffer's worth of the file had been pulled when the first row was handled.
    expect(pulledAtFirstRow).not.toBeNull();
    expect(pulledAtFirstRow!).toBeLessThan(CHUNKS / 10);
  });

  it('numbers rows by the line they start on, across quoted line breaks and blank lines', async () => {
    const results: RowResult[] = [];
    const csv = 'customer,Tenant ID\nA,"x\ny"\n\nB,T-2\n,T-3\n';
    const outcome = await enroll({
      file: 'lines.csv',
      source: [csv],
      template,
      github: null,
      dryRun: true,
      pace: defaultPace(3),
      clock,
      report: { warning() {}, paused() {}, row: (r) => results.push(r) },
    });
    expect(results.map((r) => [r.line, r.status])).toEqual([
      [2, 'skipped'],
      [5, 'would-create'],
      [6, 'skipped'],
    ]);
    expect(outcome.tally).toEqual({ created: 0, exists: 0, wouldCreate: 1, skipped: 2, failed: 0 });
  });

  it.each([
    ['an empty file', '', 'lines.csv is empty: it needs a header row with a "customer" column'],
    ['a header without customer', 'name,Tenant ID\nA,1\n', 'lines.csv line 1: the header has no "customer" column (it has: "name", "Tenant ID"). Add a column named "customer" holding each customer\'s name.'],
  ])('stops at %s, creating nothing', async (_name, csv, message) => {
    const rows: RowResult[] = [];
    const outcome = await enroll({ file: 'lines.csv', source: [csv], template, github: null, dryRun: true, pace: defaultPace(3), clock, report: { warning() {}, paused() {}, row: (r) => rows.push(r) } });
    expect(outcome.fileError).toBe(message);
    expect(rows).toEqual([]);
  });

  it('warns once about columns it ignores, naming them', async () => {
    const warnings: string[] = [];
    await enroll({ file: 'w.csv', source: ['customer,Colour,Size\nA,red,XL\n'], template, github: null, dryRun: true, pace: defaultPace(3), clock, report: { warning: (w) => warnings.push(w), paused() {}, row() {} } });
    expect(warnings).toEqual(['w.csv: ignoring columns that match no field or role of "Managed Services Onboarding": Colour, Size']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { scanRecord } from '../../src/enroll/csv-quotes.js';
import { type CsvRecord, csvRecords } from '../../src/enroll/csv-read.js';
import { defaultPace, type PaceClock } from '../../src/enroll/pace.js';
import type { RowResult } from '../../src/enroll/results.js';
import { enroll } from '../../src/enroll/run.js';
import { parseTemplate } from '../../src/template/index.js';
import { TEMPLATE } from '../flows/harness.js';

const template = parseTemplate(TEMPLATE).template!;
const clock: PaceClock = { now: () => 0, sleep: async () => {} };

async function records(csv: string): Promise<Omit<CsvRecord, 'unreadable'>[]> {
  const out: Omit<CsvRecord, 'unreadable'>[] = [];
  for await (const { unreadable, ...record } of csvRecords([csv])) {
    expect(unreadable).toBeNull();
    out.push(record);
  }
  return out;
}

async function dryRun(csv: string) {
  const rows: RowResult[] = [];
  const outcome = await enroll({ file: 'q.csv', source: [csv], template, github: null, dryRun: true, pace: defaultPace(3), clock, report: { warning() {}, paused() {}, row: (r) => rows.push(r) } });
  return { rows: rows.map((r) => [r.line, r.status, r.customer, r.reason]), outcome };
}

describe('scanning one record for quoting mistakes', () => {
  it.each([
    ['A,T-1\n', null],
    ['A,"T,1",""\n', null],
    ['A,"say ""hi"""\r', null],
    ['A,"x\r\ny"\n', null],
    ['\n\nA,T-1\n', null],
    ['Customer 32,=HYPERLINK("http://x")\n', { kind: 'stray', column: 1 }],
    ['A,T-1,ca"rol\n', { kind: 'stray', column: 2 }],
    [' "A",T-1\n', { kind: 'stray', column: 0 }],
    ['A,"T-1"b\n', { kind: 'after-closing', column: 1 }],
    ['A,"T-1" \n', { kind: 'after-closing', column: 1 }],
    ['A,"T-1\n', { kind: 'unclosed', column: 1 }],
  ])('%j', (raw, problem) => {
    expect(scanRecord(raw).problem).toEqual(problem);
  });

  it('reads the cells the way relaxed parsing does, and counts the line breaks inside the record', () => {
    expect(scanRecord('A,=H("x"),"p\r\nq","r"s\r\n')).toEqual({ cells: ['A', '=H("x")', 'p\r\nq', '"r"s'], problem: { kind: 'stray', column: 1 }, innerLineBreaks: 1 });
    // An open value at the end of the file: its last line break ends the file's last line.
    expect(scanRecord('A,"x\ny\n')).toEqual({ cells: ['A', 'x\ny\n'], problem: { kind: 'unclosed', column: 1 }, innerLineBreaks: 1 });
  });
});

describe('the records of a file', () => {
  it('start and end on the right lines, across blank lines and quoted line breaks, \\n or \\r\\n', async () => {
    const lf = 'customer,Tenant ID\nA,"x\ny"\n\nB,T-2\nC,"p\n\nq"\nD,T-4';
    const crlf = lf.replaceAll('\n', '\r\n');
    for (const csv of [lf, crlf]) {
      const got = (await records(csv)).map((r) => [r.cells[0], r.line, r.lastLine]);
      expect(got).toEqual([
        ['customer', 1, 1],
        ['A', 2, 3],
        ['B', 5, 5],
        ['C', 6, 8],
        ['D', 9, 9],
      ]);
    }
  });

  it('keep the rows after a stray quote as rows, the mistake noted on its record', async () => {
    const got = await records('customer,Tenant ID\nA,ab"cd\nB,"T-2"x\nC,T-3\n');
    expect(got).toEqual([
      { cells: ['customer', 'Tenant ID'], line: 1, lastLine: 1, quotes: null },
      { cells: ['A', 'ab"cd'], line: 2, lastLine: 2, quotes: { kind: 'stray', column: 1 } },
      { cells: ['B', '"T-2"x'], line: 3, lastLine: 3, quotes: { kind: 'after-closing', column: 1 } },
      { cells: ['C', 'T-3'], line: 4, lastLine: 4, quotes: null },
    ]);
  });

  it('end with the record csv-parse refuses, a quoted value open at the end of the file, after the rows before it', async () => {
    const got = await records('customer,Tenant ID\nA,T-1\n\nB,"T-2\nC,T-3\n');
    expect(got).toEqual([
      { cells: ['customer', 'Tenant ID'], line: 1, lastLine: 1, quotes: null },
      { cells: ['A', 'T-1'], line: 2, lastLine: 2, quotes: null },
      { cells: ['B'], line: 4, lastLine: 5, quotes: { kind: 'unclosed', column: 1 } },
    ]);
  });
});

describe('enrolling a file with quoting mistakes', () => {
  it('skips each bad row with its line and the fix, and keeps every other row', async () => {
    const { rows, outcome } = await dryRun(['customer,Tenant ID,CSM,Notes', 'A,T-1,alice', 'B,=HYPERLINK("x"),alice', 'C,T-3,alice,he said "hi"', 'D,T-4,alice', 'E,+"1",alice', 'F,"T-6', 'G,T-7', ''].join('\n'));
    expect(rows).toEqual([
      [2, 'would-create', 'A', null],
      [
        3,
        'skipped',
        'B',
        '"Tenant ID": a quote (") inside an unquoted value, and the value starts with "=", which a spreadsheet would run as a formula; remove that first "=", put the whole value in double quotes and double the quotes inside it, e.g. "HYPERLINK(""x"")"',
      ],
      // Even in a column the template does not use: a misplaced quote can move the cells after it.
      [4, 'skipped', 'C', '"Notes": a quote (") inside an unquoted value; put the whole value in double quotes and double the quotes inside it, e.g. "he said ""hi"""'],
      [5, 'would-create', 'D', null],
      [
        6,
        'skipped',
        'E',
        '"Tenant ID": a quote (") inside an unquoted value, and the value starts with "+", which a spreadsheet would run as a formula; remove that first "+", put the whole value in double quotes and double the quotes inside it, e.g. """1"""',
      ],
      [
        7,
        'skipped',
        'F',
        '"Tenant ID": a quoted value has no closing quote ("), so lines 7 to 8, to the end of the file, were read as that one value; add the closing quote at the end of the value, and double any quote inside it',
      ],
    ]);
    expect(outcome).toEqual({ tally: { created: 0, exists: 0, wouldCreate: 2, skipped: 4, failed: 0 }, interrupted: false, fileError: null });
  });

  it('says when a quote left open joins rows into one, and where a mistake sits in a row of several lines', async () => {
    const { rows } = await dryRun('customer,Tenant ID,CSM\nA,"T-1\nB,T-2\nC,"T-3",x\nD,T-4\nE,"T-5\nand more",ca"rol\n');
    expect(rows).toEqual([
      [
        2,
        'skipped',
        'A',
        '"Tenant ID": text after the closing quote (") of a quoted value, and this row runs from line 2 to line 4: a quote (") is probably left open there; close each quoted value where it ends, and double any quote inside it',
      ],
      [5, 'would-create', 'D', null],
      [6, 'skipped', 'E', '"CSM": a quote (") inside an unquoted value; put the whole value in double quotes and double the quotes inside it, e.g. "ca""rol" (this row runs from line 6 to line 7)'],
    ]);
  });

  it('counts a customer first named on a bad row, so a later row of it is a duplicate', async () => {
    const { rows } = await dryRun('customer,Tenant ID\nA,ab"c\nA,T-2\n');
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      [2, 'skipped'],
      [3, 'skipped'],
    ]);
    expect(rows[1]![3]).toBe('duplicate customer "A": line 2 names it already');
  });

  it.each([
    ['a stray quote', 'customer,"Tenant" ID\nA,T-1\n', 'q.csv line 1: the header (column 2): text after the closing quote (") of a quoted value'],
    ['a quote never closed', '"customer,Tenant ID\nA,T-1\n', 'q.csv line 1: the header (column 1): a quoted value has no closing quote ("), so lines 1 to 2'],
  ])('stops at a header with %s, creating nothing', async (_name, csv, message) => {
    const { rows, outcome } = await dryRun(csv);
    expect(rows).toEqual([]);
    expect(outcome.fileError).toContain(message);
  });
});

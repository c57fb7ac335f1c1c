import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, resultCells, resultStringifier } from '../../src/enroll/results.js';

describe('the results CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['Contoso', 'Contoso'],
    ['', ''],
  ])('neutralises %j as %j', (value, safe) => {
    expect(neutraliseCell(value)).toBe(safe);
  });

  it('writes a header and one line per row, readable back, no cell starting a formula', async () => {
    const out = resultStringifier();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    out.write(resultCells({ line: 2, customer: '=cmd', status: 'skipped', url: null, reason: 'has "quotes", commas' }));
    out.write(resultCells({ line: 3, customer: 'Contoso', status: 'created', url: 'https://github.com/acme/x/issues/1', reason: null }));
    out.end();
    await new Promise((resolve) => out.on('end', resolve));
    const rows = parse(chunks.join(''), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      { line: '2', customer: "'=cmd", status: 'skipped', issue_url: '', reason: 'has "quotes", commas' },
      { line: '3', customer: 'Contoso', status: 'created', issue_url: 'https://github.com/acme/x/issues/1', reason: '' },
    ]);
  });
});

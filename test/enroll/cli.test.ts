import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { run } from '../cli/support.js';
import { type Bed, REPO, startBed } from '../flows/harness.js';
import { csvFile, enrollOnBed, goodRows, HEADER, readText } from './support.js';

describe('embark enroll: bad usage exits 2 with one clear message', () => {
  const file = csvFile(`${HEADER}\n${goodRows(2).join('\n')}\n`);

  it.each([
    [['enroll', 'nope.csv', '--repo', REPO, '--template', 'msp'], 'embark: enroll: no such file: nope.csv'],
    [['enroll', file, '--template', 'msp'], 'embark: enroll: --repo OWNER/REPO is required'],
    [['enroll', file, '--repo', REPO], 'embark: enroll: --template NAME_OR_FILE is required'],
    [['enroll', file, '--repo', REPO, '--template', 'msp', '--rate', 'fast'], 'embark: enroll: --rate takes rows per minute between 1 and 600, like "--rate 10/min" (got "fast")'],
    [['enroll', '--repo', REPO, '--template', 'msp'], 'embark: enroll: name one CSV file'],
  ])('%j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('without a token', async () => {
    const saved = { GITHUB_TOKEN: process.env.GITHUB_TOKEN, GH_TOKEN: process.env.GH_TOKEN };
    delete process.env.GITHUB_TOKEN;
    delete process.env.GH_TOKEN;
    try {
      const result = await run('enroll', file, '--repo', REPO, '--template', 'msp');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no token: set GITHUB_TOKEN or GH_TOKEN');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  });
});

describe('embark enroll against the double', () => {
  let bed: Bed;
  beforeAll(async () => {
    bed = await startBed();
  });
  afterAll(async () => {
    bed.double.assertNoViolations();
    await bed.close();
  });

  it('names the templates there are when none matches', async () => {
    const file = csvFile(`${HEADER}\n${goodRows(1).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'nothing-like-it']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no template matches "nothing-like-it" \(templates: msp, activation-closeout,/);
  });

  it('says so when the repository does not exist', async () => {
    const file = csvFile(`${HEADER}\n${goodRows(1).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', 'acme/missing', '--template', 'msp']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no repository acme/missing');
  });

  it('--dry-run lists what it would create and creates nothing', async () => {
    const before = bed.double.issues(REPO).length;
    const file = csvFile(`${HEADER}\n${goodRows(3).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('customers.csv:2: would create Customer 001\n');
    expect(result.stdout).toContain('would create 3, already there 0, skipped 0');
    expect(bed.double.issues(REPO)).toHaveLength(before);
  });

  it('takes a local template file and draws a progress bar on a terminal', async () => {
    const template = csvFile((await import('../flows/harness.js')).TEMPLATE, 'local.md');
    const file = csvFile(`${HEADER}\n${goodRows(2, 50).join('\n')}\n`);
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', template], { tty: true });
    await bed.settle();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[#{24}\] 2\/2 rows · [\d.]+\/min · 0s left/);
    expect(result.stdout).toContain('created 2, already there 0, skipped 0');
  });

  it('skips a row with a stray quote, naming its line and the fix, and enrolls every other row (exit 1)', async () => {
    const rows = goodRows(6, 60);
    rows.splice(3, 0, 'Customer 32,=HYPERLINK("http://x"),carol,bob'); // line 5, a common hand edit
    const file = csvFile(`${HEADER}\n${rows.join('\n')}\n`, 'stray-quote.csv');
    const out = `${file}.results.csv`;
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp', '--out', out]);
    await bed.settle();
    const reason =
      '"Tenant ID": a quote (") inside an unquoted value, and the value starts with "=", which a spreadsheet would run as a formula; remove that first "=", put the whole value in double quotes and double the quotes inside it, e.g. "HYPERLINK(""http://x"")"';
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:5: skipped: ${reason}\n`);
    expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    expect(result.stdout).toContain('created 6, already there 0, skipped 1.');
    expect(result.stdout).toContain(`\n  ${file}:5: skipped: ${reason}\n`);
    const titles = bed.double.issues(REPO).map((i) => i.title);
    for (const customer of goodRows(6, 60).map((r) => r.split(',')[0])) {
      expect(titles.filter((t) => t === `[Managed Services Onboarding] ${customer}`)).toHaveLength(1);
    }
    expect(titles.filter((t) => t.includes('Customer 32'))).toEqual([]);
    const results = parse(readText(out), { columns: true }) as Record<string, string>[];
    expect(results.map((r) => [r.line, r.status])).toEqual([
      ['2', 'created'],
      ['3', 'created'],
      ['4', 'created'],
      ['5', 'skipped'],
      ['6', 'created'],
      ['7', 'created'],
      ['8', 'created'],
    ]);
    expect(results[3]).toEqual({ line: '5', customer: 'Customer 32', status: 'skipped', issue_url: '', reason });
  });

  it('names the line and the fix of the other quoting mistakes, and goes on with the valid rows', async () => {
    const lines = [
      HEADER,
      'Customer 80,T-80,carol,bob',
      'Customer 81,T-81,ca"rol,bob', // line 3: a quote in the middle of a value
      'Customer 82,"T-82"b,carol,bob', // line 4: text after a closing quote
      'Customer 83,T-83,carol,bob',
      'Customer 84,"T-84,carol,bob', // line 6: a quoted value never closed, at the end of the file
    ];
    const file = csvFile(`${lines.join('\n')}\n`, 'quoting.csv');
    const result = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp', '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    expect(result.stdout).toContain(`${file}:2: would create Customer 80\n`);
    expect(result.stdout).toContain(`${file}:5: would create Customer 83\n`);
    expect(result.stderr).toContain(`${file}:3: skipped: "CSM": a quote (") inside an unquoted value; put the whole value in double quotes and double the quotes inside it, e.g. "ca""rol"\n`);
    expect(result.stderr).toContain(
      `${file}:4: skipped: "Tenant ID": text after the closing quote (") of a quoted value; a quoted value ends at its closing quote. To keep the quotes as part of the value, put the whole value in double quotes and double the quotes inside it, e.g. """T-82""b"\n`,
    );
    expect(result.stderr).toContain(`${file}:6: skipped: "Tenant ID": a quoted value has no closing quote ("), so the file ends inside it; add the closing quote at the end of the value, and double any quote inside it\n`);
    expect(result.stdout).toContain('would create 2, already there 0, skipped 3.');
  });
});

describe('the example file in templates/', () => {
  it('is ready for the bundled partner hub template: every column used, every row valid', async () => {
    const saved = { GITHUB_TOKEN: process.env.GITHUB_TOKEN, GH_TOKEN: process.env.GH_TOKEN };
    delete process.env.GITHUB_TOKEN;
    delete process.env.GH_TOKEN;
    try {
      const result = await run('enroll', 'templates/enrollment-example.csv', '--repo', 'acme/onboarding', '--template', 'templates/partner-hub-enrollment.md', '--dry-run');
      expect(result.stderr).not.toContain('ignoring columns');
      expect(result.stdout).toContain('would create 3, already there 0, skipped 0');
      expect(result.code).toBe(0);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { run } from '../cli/support.js';
import { type Bed, REPO, startBed } from '../flows/harness.js';
import { csvFile, enrollOnBed, goodRows, HEADER } from './support.js';

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

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ERROR_LINE, fixture, run } from './support.js';

const folder = fixture('folder');
const small = join(folder, 'onboarding.md');
const nested = join(folder, 'nested', 'other.md');
const broken = fixture('broken/broken.md');

describe('embark validate', () => {
  it('reports a valid template on one line and exits 0', async () => {
    const { code, stdout, stderr } = await run('validate', small);
    expect(code).toBe(0);
    expect(stdout).toBe(`ok    ${small}  2 stages, 5 items, roles CSM, Engineer, 2 fields\n`);
    expect(stderr).toBe('');
  });

  it('checks the markdown files of a folder, skipping config.yml and sub-folders', async () => {
    const { code, stdout } = await run('validate', folder);
    expect(code).toBe(0);
    expect(stdout).toContain(small);
    expect(stdout).not.toContain('config.yml');
    expect(stdout).not.toContain('other.md');
  });

  it('goes into sub-folders with -r', async () => {
    const { code, stdout } = await run('validate', '-r', folder);
    expect(code).toBe(0);
    expect(stdout).toContain(nested);
    expect(stdout).toContain('2 templates, all valid');
  });

  it('prints each problem as file:line:column: error: message and exits 1', async () => {
    const { code, stdout } = await run('validate', broken);
    expect(code).toBe(1);
    const [header, ...problems] = stdout.trimEnd().split('\n');
    expect(header).toMatch(new RegExp(`^FAIL  ${broken.replace(/[.]/g, '\\.')}  .*\\(\\d+ errors?`));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^.+:\d+:\d+: (error|warning): .+$/);
    expect(stdout).toMatch(ERROR_LINE);
    expect(ERROR_LINE.exec(stdout)?.[1]).toBe(broken);
  });

  it('passes a template with warnings, unless --strict', async () => {
    const warned = fixture('warning/unused-footnote.md');
    const relaxed = await run('validate', warned);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toMatch(new RegExp(`^ok {4}.*\\(1 warning\\)\n${warned.replace(/[.]/g, '\\.')}:12:1: warning: .*\\[\\^unused\\]`));
    const strict = await run('validate', '--strict', warned);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^FAIL {2}/);
  });

  it('names every problem of the broken fixture at its line', async () => {
    const { stdout } = await run('validate', broken);
    const positions = stdout.split('\n').flatMap((line) => /^.+:(\d+:\d+): error: /.exec(line)?.[1] ?? []);
    // No `about` (reported at the top), an unknown onboarding key (line 6), a due of 0 days (line 7).
    expect(positions).toEqual(['1:1', '6:1', '7:3']);
    expect(stdout).toMatch(/:1:1: error: .*about/);
  });

  it('exits 1 when any one of several templates is invalid', async () => {
    const { code, stdout } = await run('validate', small, broken);
    expect(code).toBe(1);
    expect(stdout).toContain(`ok    ${small}`);
    expect(stdout).toContain('2 templates, 1 invalid');
  });

  it('counts a file named twice once', async () => {
    const { stdout } = await run('validate', small, folder);
    expect(stdout.split('\n').filter((line) => line.includes(small))).toHaveLength(1);
  });

  it('skips the other templates of an issue-template folder, such as a bug report', async () => {
    const mixed = fixture('mixed');
    const { code, stdout } = await run('validate', mixed);
    expect(code).toBe(0);
    expect(stdout).toContain(`skip  ${join(mixed, 'bug_report.md')}  not an onboarding template`);
    expect(stdout).toContain(`ok    ${join(mixed, 'onboarding.md')}`);
    expect(stdout).toContain('1 template, all valid, 1 skipped');
  });

  it('checks a bug report named on its own, and fails it', async () => {
    const { code, stdout } = await run('validate', fixture('mixed/bug_report.md'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/: error: /);
  });

  it('exits 1 when a folder holds no markdown template', async () => {
    const { code, stderr } = await run('validate', fixture('only-config'));
    expect(code).toBe(1);
    expect(stderr).toContain('no markdown templates found');
  });

  it.each([
    ['no paths', [] as string[], 'name at least one template'],
    ['an unknown flag', ['--fast', 'x.md'], "Unknown option '--fast'"],
    ['a missing file', ['test/cli/fixtures/nope.md'], 'no such file or folder: test/cli/fixtures/nope.md'],
  ])('exits 2 with a usage line on %s', async (_case, args, message) => {
    const { code, stdout, stderr } = await run('validate', ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: embark');
  });
});

/**
 * `embark validate --config FILE`: the repository config checked with the app's schema, each
 * problem at its line, and escalation steps that would mention nobody.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fixture, run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'embark-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config file with these lines, in the temporary folder. */
function config(name: string, ...lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('embark validate --config', () => {
  it('passes a valid config on one line, with no template needed', async () => {
    const file = fixture('onboarding.yml');
    const { code, stdout, stderr } = await run('validate', '--config', file);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `ok    ${file}  repository config\n`, stderr: '' });
  });

  it('reports each schema problem at the line of its key and exits 1', async () => {
    const file = config('schema.yml', 'roles:', '  CSM: alice', 'calendar:', '  workdays: [1, 9]', 'remindrs: []');
    const { code, stdout } = await run('validate', '--config', file);
    expect(code).toBe(1);
    const problems = stdout.trimEnd().split('\n').slice(1);
    expect(problems).toEqual([
      `${file}:2:3: error: \`roles.CSM\`: expected a list, got "alice"`,
      expect.stringMatching(new RegExp(`^${file}:4:3: error: \`calendar.workdays.1\`: `)),
      expect.stringMatching(new RegExp(`^${file}:5:1: error: unknown key \`remindrs\`; allowed keys are roles, templates, `)),
    ]);
  });

  it('reports YAML that does not parse where the unclosed list opens', async () => {
    const file = config('yaml.yml', 'roles:', '  CSM: [alice, bob', '  Engineer: [eve]');
    const { code, stdout } = await run('validate', '--config', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:2:8: error: not valid YAML`);
  });

  it('warns about escalation entries that name nobody, at their line', async () => {
    const file = config(
      'escalation.yml',
      'roles:',
      '  CSM: [alice]',
      '  Manager: []',
      'escalation:',
      '  - after: 0',
      '    notify:',
      '      - owners',
      '      - CMS',
      '      - Manager',
      '      - Owners',
      '      - "@acme/leads"',
    );
    const { code, stdout } = await run('validate', '--config', file);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      `ok    ${file}  repository config (3 warnings)`,
      `${file}:8:9: warning: \`escalation.0.notify\`: \`CMS\` is not a role under \`roles:\`, so it names nobody. Did you mean \`CSM\`?`,
      expect.stringContaining(`${file}:9:9: warning: \`escalation.0.notify\`: no one is listed for \`Manager\``),
      expect.stringContaining(`${file}:10:9: warning: \`escalation.0.notify\`: \`Owners\` is read as a role name`),
    ]);
    const strict = await run('validate', '--strict', '--config', file);
    expect(strict.code).toBe(1);
  });

  it('knows the roles of the templates checked in the same run', async () => {
    const file = config('template-role.yml', 'escalation:', '  - after: 1', '    notify: [Engineer, Sales]');
    const alone = await run('validate', '--config', file);
    expect(alone.stdout).toContain('`Engineer` is not a role under `roles:`, so it names nobody');
    const withTemplates = await run('validate', fixture('folder/onboarding.md'), '--config', file);
    expect(withTemplates.code).toBe(0);
    expect(withTemplates.stdout).toContain('no one is listed for `Engineer` under `roles:`, so this step mentions nobody unless someone is given the role with `/assign`');
    expect(withTemplates.stdout).toContain('`Sales` is not a role under `roles:` nor in any template checked');
  });

  it('fails the run when the templates pass but the config does not, and the other way round', async () => {
    const bad = config('bad.yml', 'defaultStageDays: 0');
    expect((await run('validate', fixture('folder/onboarding.md'), '--config', bad)).code).toBe(1);
    expect((await run('validate', fixture('broken/broken.md'), '--config', fixture('onboarding.yml'))).code).toBe(1);
    expect((await run('validate', fixture('folder/onboarding.md'), '--config', fixture('onboarding.yml'))).code).toBe(0);
  });

  it('is a usage mistake to name neither templates nor a config', async () => {
    const { code, stderr } = await run('validate');
    expect(code).toBe(2);
    expect(stderr).toContain('name at least one template file or folder, or a config file with --config');
  });
});

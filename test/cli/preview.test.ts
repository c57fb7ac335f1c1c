import { describe, expect, it } from '@jest/globals';
import { parseStageMarker } from '../../src/render/markers.js';
import { fixture, run } from './support.js';

const small = fixture('folder/onboarding.md');

describe('embark preview', () => {
  it('shows the EPIC and one issue per stage, as JSON', async () => {
    const { code, stdout } = await run('preview', small, '--customer', 'Contoso', '--json');
    expect(code).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.epic).toMatchObject({ number: 1, title: '[Small Onboarding] Contoso', labels: ['onboarding'] });
    expect(preview.epic.body).toMatch(/^\n?### Description\n/);
    expect(preview.stages.map((s: { title: string }) => s.title)).toEqual([
      '[Small Onboarding] Contoso · Stage 1: Agreement',
      '[Small Onboarding] Contoso · Stage 2: Setup',
    ]);
    expect(preview.stages.map((s: { labels: string[] }) => s.labels)).toEqual([
      ['onboarding-stage', 'stage: active'],
      ['onboarding-stage', 'stage: pending'],
    ]);
    expect(parseStageMarker(preview.stages[1].body)).toEqual({ epic: 1, stage: 'stage-2', template: 'Small Onboarding' });
    // The footnote the stage uses travels with it.
    expect(preview.stages[1].body).toContain('[^vault]: [Vault](https://vault.example.com)');
  });

  it('assigns the people the config names for each role', async () => {
    const { code, stdout } = await run('preview', small, '--customer', 'Contoso', '--config', fixture('onboarding.yml'), '--json');
    expect(code).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.stages.map((s: { assignees: string[] }) => s.assignees)).toEqual([
      ['alice', 'bob', 'eve'],
      ['eve', 'alice', 'bob'],
    ]);
    expect(preview.stages[0].labels).toEqual(['onboarding stage', 'stage: active']);
    expect(preview.stages[0].body).toContain('**Owners:** CSM: @alice, @bob · Engineer: @eve');
  });

  it('prints a readable markdown preview by default', async () => {
    const { code, stdout } = await run('preview', small, '--customer', 'Contoso');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Preview: onboarding of Contoso\n/);
    expect(stdout).toContain('## EPIC #1: [Small Onboarding] Contoso');
    expect(stdout).toContain('## Stage issue #3: [Small Onboarding] Contoso · Stage 2: Setup');
    expect(stdout).toContain('Assignees: none');
  });

  it('reports config problems by property path and exits 1', async () => {
    const config = fixture('bad-config.yml');
    const { code, stdout, stderr } = await run('preview', small, '--customer', 'C', '--config', config);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${config}:2:3: error: \`roles.CSM\`: expected a list, got "alice"`);
    expect(stderr).toContain(`${config}:3:1: error: \`defaultStageDays\``);
  });

  it('reports YAML that does not parse with its line', async () => {
    const config = fixture('malformed.yml');
    const { code, stderr } = await run('preview', small, '--customer', 'C', '--config', config);
    expect(code).toBe(1);
    // The list opened on line 2 is never closed; YAML only notices on line 3.
    expect(stderr).toMatch(new RegExp(`^${config.replace(/[.]/g, '\\.')}:2:8: error: not valid YAML`));
  });

  it('refuses a broken template with its errors', async () => {
    const { code, stdout, stderr } = await run('preview', fixture('broken/broken.md'), '--customer', 'C');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/: error: /);
  });

  it.each([
    ['no customer', [small]],
    ['an empty customer', [small, '--customer', ' ']],
    ['no template', ['--customer', 'C']],
    ['two templates', [small, small, '--customer', 'C']],
    ['a missing config file', [small, '--customer', 'C', '--config', 'nope.yml']],
    ['--customer without a value', [small, '--customer']],
  ])('exits 2 on %s', async (_case, args) => {
    const { code, stderr } = await run('preview', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: embark');
  });
});

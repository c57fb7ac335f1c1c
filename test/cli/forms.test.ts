import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixture, run } from './support.js';

const folder = fixture('forms');
const form = join(folder, 'onboarding-form.yml');

describe('issue forms in the CLI', () => {
  it('validate checks the forms of a folder, skips a form without stages and GitHub\'s config.yml', async () => {
    const { code, stdout } = await run('validate', folder);
    expect(code).toBe(0);
    expect(stdout).toContain(`ok    ${form}  2 stages, 3 items, roles CSM, Engineer, 5 fields`);
    expect(stdout).toContain(`skip  ${join(folder, 'bug.yml')}  an issue form without stages, not an onboarding`);
    expect(stdout).not.toContain('config.yml');
  });

  it('validate reports GitHub\'s rules and Embark\'s at the form\'s lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embark-forms-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, readFileSync(form, 'utf8').replace('id: tenant', 'id: customer').replace('labels: [onboarding]', 'labels: [onboarding]\nversion: v2'));
    const { code, stdout } = await run('validate', bad);
    expect(code).toBe(1);
    expect(stdout).toContain(`${bad}:5:1: error: \`version\` is not a permitted top-level key of an issue form`);
    expect(stdout).toMatch(new RegExp(`${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: \`body\\[7\\]\`: the id \`customer\` is already used by \`body\\[1\\]\``));
  });

  it('validate and preview take a form\'s settings from --config (forms:, by file name)', async () => {
    const config = fixture('forms-config.yml');
    expect((await run('validate', form, '--config', config)).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'embark-forms-'));
    const wrong = join(dir, 'onboarding.yml');
    writeFileSync(wrong, 'forms:\n  onboarding-form.yml:\n    due: [soon]\n');
    const refused = await run('validate', form, '--config', wrong);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('`.github/onboarding.yml` `forms.onboarding-form.yml.due.0`');
    const { code, stdout } = await run('preview', form, '--customer', 'Contoso', '--config', config, '--json');
    expect(code).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.epic.title).toBe('[MSP Onboarding] Contoso');
    expect(preview.stages.map((s: { title: string }) => s.title)).toEqual(['[MSP Onboarding] Contoso · Stage 0: Agreement', '[MSP Onboarding] Contoso · Stage 1: Access']);
    expect(preview.epic.body).toContain('### Customer name\n\n_No response_');
  });

  it('parse --json reads a form like a template', async () => {
    const { code, stdout } = await run('parse', '--json', form);
    expect(code).toBe(0);
    const [entry] = JSON.parse(stdout);
    expect(entry.ok).toBe(true);
    expect(JSON.stringify(entry)).toContain('Stage 1: Access');
    expect(JSON.stringify(entry)).toContain('Customer portal access enabled');
  });
});

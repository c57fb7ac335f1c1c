import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { customerFromAnswers, ownersFromAnswers, parseForm, parseIssueBody } from '../../src/template/index.js';

const FORM = readFileSync(new URL('./forms/onboarding-form.yml', import.meta.url), 'utf8');

/** The issue body GitHub writes when someone opens the form with answers (Contoso, Premium, CSM bob, stage 0 ticked). */
const OPENED = readFileSync(new URL('./forms/onboarding-form.opened.md', import.meta.url), 'utf8');

describe('issue forms as onboarding templates', () => {
  it('reads a form: stages from stage-labelled checkboxes, fields from the other fields, the version from the description', () => {
    const result = parseForm(FORM, { file: '.github/ISSUE_TEMPLATE/onboarding-form.yml' });
    expect(result.errors).toEqual([]);
    const t = result.template!;
    expect(t).toMatchObject({ name: 'Managed Services Onboarding (form)', version: 'v2027.01', titlePrefix: '[MSP Onboarding]', labels: ['onboarding'] });
    expect(t.stages.map((s) => [s.key, s.title, s.items.map((i) => `${i.role} >> ${i.text}`)])).toEqual([
      ['stage-0', 'Stage 0: Agreement', ['CSM >> Sales received a signed SLA']],
      ['stage-1', 'Stage 1: Access', ['Engineer >> Admin access to the customer environment', 'CSM >> Customer portal access enabled']],
    ]);
    // Lines point into the form file.
    expect(t.stages[1]!.items[1]!.line).toBe(FORM.split('\n').findIndex((l) => l.includes('Customer portal access enabled')) + 1);
    expect(t.fields.map((f) => [f.name, f.id, f.placeholder])).toEqual([
      ['Customer name', 'customer', true],
      ['Managed Services tier', 'tier', true],
      ['CSM', 'csm', true],
      ['Notes for the team', 'notes', true],
      ['Tenant ID', 'tenant', true],
    ]);
  });

  it('reads an issue opened from the form: answers as fields (the dropdown choice is the value), _No response_ unfilled, stages end at the next field', () => {
    const template = parseForm(FORM).template!;
    const issue = parseIssueBody(OPENED, template);
    expect(issue.errors).toEqual([]);
    const fields = Object.fromEntries(issue.template!.fields.map((f) => [f.name, [f.value, f.placeholder]]));
    expect(fields).toEqual({
      'Customer name': ['Contoso', false],
      'Managed Services tier': ['Premium', false],
      CSM: ['bob', false],
      'Notes for the team': ['', true],
      'Tenant ID': ['', true],
    });
    expect(issue.template!.stages[0]!.items[0]!.checked).toBe(true);
    expect(issue.template!.stages[1]!.markdown).toBe('- [ ] Engineer >> Admin access to the customer environment\n- [ ] CSM >> Customer portal access enabled');
    expect(customerFromAnswers(issue.template!.fields)).toBe('Contoso');
    expect(ownersFromAnswers(issue.template!.fields, { CSM: [], Engineer: [] })).toEqual({ CSM: ['bob'] });
  });

  it('takes settings a form cannot hold from the config entry, and reports them by path', () => {
    const ok = parseForm(FORM, { settings: { due: [2, 5], roles: { CSM: ['Customer Success'] } } });
    expect(ok.template!.stages.map((s) => s.dueDays)).toEqual([2, 5]);
    const bad = parseForm(FORM, { file: 'onboarding-form.yml', settings: { due: ['soon'] } });
    expect(bad.errors[0]!.message).toMatch(/^`\.github\/onboarding\.yml` `forms\.onboarding-form\.yml\.due\.0`:/);
  });

  it.each([
    ['an extra top-level key', FORM.replace('labels: [onboarding]', 'labels: [onboarding]\nonboarding:\n  due: [2]'), /`onboarding` is not a permitted top-level key of an issue form/, 5],
    ['duplicate ids', FORM.replace('id: tenant', 'id: customer'), /the id `customer` is already used by `body\[1\]`/, 0],
    ['a field without a label', FORM.replace('      label: Notes for the team\n', '      description: free text\n'), /the required attribute `label` is missing/, 0],
    // Without an id on either (an id on one of them would tell them apart).
    ['duplicate labels', FORM.replace('label: Tenant ID', 'label: Customer name').replace('    id: tenant\n', '').replace('    id: customer\n', ''), /the label “Customer name” is already used/, 0],
    ['a dropdown without options', FORM.replace('options: [alice, bob]', 'options: []'), /a dropdown needs a non-empty list of `options`/, 0],
    ['a reserved None option', FORM.replace('- Full Stack', '- None'), /`None` is reserved/, 0],
    ['no stage', FORM.replace(/ {2}- type: checkboxes[\s\S]*?(?= {2}- type: input\n {4}id: tenant)/, ''), /The form has no stage: add a `checkboxes` field labelled as a stage/, 0],
    ['a password field', FORM.replace('label: Tenant ID', 'label: Admin password'), /GitHub refuses labels that ask for a password/, 0],
  ])('refuses %s, with the line to fix', (_name, source, message, line) => {
    const result = parseForm(source);
    expect(result.ok).toBe(false);
    const error = result.errors.find((e) => message.test(e.message));
    expect(error).toBeDefined();
    if (line) expect(error!.line).toBe(line);
  });

  it('warns about a checklist item GitHub would force people to tick when opening the issue', () => {
    const result = parseForm(FORM.replace('        - label: CSM >> Sales received a signed SLA', '        - label: CSM >> Sales received a signed SLA\n          required: true'));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/is `required: true`: GitHub will not open the issue until it is ticked/);
  });
});

/**
 * `onboarding.customerFields`: the intake fields the customer fills in on the status page. Names
 * match the template's fields ignoring case and spaces; a name that matches none is an error on
 * its line, a field that only exists inside a stage a warning.
 */
import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';

const template = (onboarding: string, body: string) => `---\nname: Onboarding\nabout: v2024.01\ntitle: "[Onboarding] %customer%"\nonboarding:\n${onboarding}---\n${body}`;

const BODY = '### Description\n- Tenant ID: `xxx`\n- Subscription ID: `xxx`\n\n### Stage 1\n- [ ] CSM >> a\n- [ ] Customer >> b\n';

describe('onboarding.customerFields', () => {
  it('takes names in any case and spacing', () => {
    const result = parseTemplate(template('  customerFields: [tenant id, SubscriptionID]\n', BODY));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.template?.settings.customerFields).toEqual(['tenant id', 'SubscriptionID']);
  });

  it('defaults to none', () => {
    expect(parseTemplate(template('  due: [2]\n', BODY)).template?.settings.customerFields).toEqual([]);
  });

  it('refuses a name that matches no intake field, on its line, listing the fields there are', () => {
    const result = parseTemplate(template('  customerFields:\n    - Tenant ID\n    - Tennant ID\n', BODY));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 8, column: 7, message: expect.stringContaining("names `Tennant ID`, which matches no intake field") }),
    ]);
    expect(result.errors[0]!.message).toContain("this template's fields are Tenant ID, Subscription ID");
  });

  it('says how to write a field when the template has none', () => {
    const result = parseTemplate(template('  customerFields: [Tenant ID]\n', '### Stage 1\n- [ ] CSM >> a\n'));
    expect(result.errors).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining('this template has none') })]);
  });

  it('warns when the field only exists inside a stage (it moves to the stage issue)', () => {
    const body = '### Stage 1\n- [ ] CSM >> a\n- Region: `xxx`\n';
    const result = parseTemplate(template('  customerFields: [Region]\n', body));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 10, message: expect.stringContaining('sits inside a stage') })]);
  });

  it('names the new key among the allowed ones when a key is misspelt', () => {
    const result = parseTemplate(template('  customerField: [Tenant ID]\n', BODY));
    expect(result.errors.map((e) => e.message).join('\n')).toContain('customerFields');
  });
});

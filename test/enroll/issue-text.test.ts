import { describe, expect, it } from '@jest/globals';
import { BODY_LIMIT, enrollIssueText, fieldLines } from '../../src/enroll/issue-text.js';
import { parseOwnersMarker } from '../../src/render/owners-marker.js';
import { parseIssueBody, parseTemplate } from '../../src/template/index.js';
import { TEMPLATE } from '../flows/harness.js';

const template = parseTemplate(TEMPLATE).template!;
const lines = fieldLines(template);
const row = (over: Partial<Parameters<typeof enrollIssueText>[0]['row']> = {}) => ({ line: 2, customer: 'Contoso', fields: {}, owners: {}, contacts: [], ...over });

describe('the issue opened for a row', () => {
  it('has the template title with the customer, the field filled, and the key and owners markers first', () => {
    const text = enrollIssueText({ template, lines, row: row({ fields: { 'Tenant ID': 'T-42' }, owners: { CSM: ['carol'] } }), key: 'abcdef01-0123456789abcdef' });
    if (!text.ok) throw new Error(text.reason);
    expect(text.title).toBe('[Managed Services Onboarding] Contoso');
    const [first, second] = text.body.split('\n');
    expect(first).toBe('<!-- embark:enroll-key abcdef01-0123456789abcdef -->');
    expect(parseOwnersMarker(second!)).toEqual({ CSM: ['carol'] });
    expect(text.body).toContain('- Tenant ID: `T-42`');
    // The app reads the same stages and the filled field from this body.
    const parsed = parseIssueBody(text.body, template);
    expect(parsed.ok).toBe(true);
    expect(parsed.template!.stages.map((s) => s.items.length)).toEqual([1, 2, 2]);
    expect(parsed.template!.fields).toEqual([expect.objectContaining({ name: 'Tenant ID', value: 'T-42', placeholder: false })]);
  });

  it('fills plain `Key: value` fields and a field asking for the customer name', () => {
    const t = parseTemplate(TEMPLATE.replace('- Tenant ID: `xxx`', '- Customer name: `xxx`\n- Region: TBD')).template!;
    const text = enrollIssueText({ template: t, lines: fieldLines(t), row: row({ fields: { Region: 'EU' } }), key: 'abcdef01-0123456789abcdef' });
    if (!text.ok) throw new Error(text.reason);
    expect(text.body).toContain('- Customer name: `Contoso`\n- Region: EU\n');
    expect(text.body).not.toContain('embark:owners');
  });

  it('is refused when the title or the body would be over GitHub\'s limits', () => {
    const long = enrollIssueText({ template, lines, row: row({ customer: 'C'.repeat(240) }), key: 'abcdef01-0123456789abcdef' });
    expect(long).toEqual({ ok: false, reason: 'the title would be 270 characters and GitHub allows 256: shorten the customer name' });
    const big = enrollIssueText({ template, lines, row: row({ fields: { 'Tenant ID': 'x'.repeat(BODY_LIMIT) } }), key: 'abcdef01-0123456789abcdef' });
    expect(big.ok).toBe(false);
    expect(!big.ok && big.reason).toMatch(/^the issue body would be \d+ characters and GitHub allows 65536/);
  });
});

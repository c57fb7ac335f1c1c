/**
 * Intake fields with the span of their value, and writing one value in place: only that span
 * changes; a field that is gone, or whose value someone changed since it was read, is not written.
 */
import { describe, expect, it } from '@jest/globals';
import { fieldNameKey, readFieldSpans, writeFieldValue } from '../../src/template/field-spans.js';

const BODY = [
  '<!-- embark:epic {"template":"x"} -->',
  '### Description',
  '',
  '- Customer legal name: `Contoso Ltd`',
  '- Tenant ID: `xxx`',
  '- Subscription ID: <subscription id>',
  '- Billing contact:',
  '* [ ] Tenant ID: `yyy`',
  '',
  '### Stage 1: Access',
  '- [ ] #12',
  '',
].join('\r\n');

/** `after` equals `before` except for `[start, end)` of before, which became `text`. */
function onlySpanChanged(before: string, after: string, start: number, end: number, text: string): void {
  expect(after.slice(0, start)).toBe(before.slice(0, start));
  expect(after.slice(start, start + text.length)).toBe(text);
  expect(after.slice(start + text.length)).toBe(before.slice(end));
}

describe('readFieldSpans', () => {
  it('finds quoted and plain fields with the exact span of each value', () => {
    const fields = readFieldSpans(BODY);
    expect(fields.map((f) => [f.name, f.key, f.occurrence, f.value, f.placeholder, f.quoted])).toEqual([
      ['Customer legal name', 'customerlegalname', 0, 'Contoso Ltd', false, true],
      ['Tenant ID', 'tenantid', 0, 'xxx', true, true],
      ['Subscription ID', 'subscriptionid', 0, '<subscription id>', true, false],
      ['Billing contact', 'billingcontact', 0, '', true, false],
      ['Tenant ID', 'tenantid', 1, 'yyy', false, true],
    ]);
    for (const f of fields) expect(BODY.slice(f.start, f.end)).toBe(f.value);
  });

  it('matches names ignoring case and spaces', () => {
    expect(fieldNameKey('Tenant ID')).toBe(fieldNameKey('tenantid'));
    expect(fieldNameKey(' TENANT  id ')).toBe('tenantid');
  });

  it('ignores fields in code blocks and fields written over several lines', () => {
    const body = '### Description\n```\n- Tenant ID: `xxx`\n```\n- Tenant ID: `a\n  b`\n- Region: `eu`\n';
    expect(readFieldSpans(body).map((f) => f.name)).toEqual(['Region']);
  });
});

describe('writeFieldValue', () => {
  it.each([
    ['a quoted placeholder', { name: 'tenant id', occurrence: 0, from: 'xxx' }, 'abc-123'],
    ['the second field of a name', { name: 'Tenant ID', occurrence: 1, from: 'yyy' }, 'def-456'],
    ['a plain placeholder', { name: 'Subscription ID', occurrence: 0, from: '<subscription id>' }, 'sub-1'],
  ])('changes only the value span of %s', (_name, target, value) => {
    const field = readFieldSpans(BODY).find((f) => f.key === fieldNameKey(target.name) && f.occurrence === target.occurrence)!;
    const written = writeFieldValue(BODY, target, value);
    expect(written).toMatchObject({ ok: true, changed: true });
    onlySpanChanged(BODY, written.ok ? written.body : '', field.start, field.end, value);
  });

  it('gives an empty plain field a space before its value', () => {
    const written = writeFieldValue(BODY, { name: 'Billing contact', occurrence: 0, from: '' }, 'Jane');
    expect(written.ok && written.body).toContain('\r\n- Billing contact: Jane\r\n');
    expect(written.ok && written.body.length).toBe(BODY.length + ' Jane'.length);
  });

  it('writes into a body edited elsewhere meanwhile, at the field\'s new place', () => {
    const edited = BODY.replace('### Description', '### Description\r\n\r\nA note someone added.\r\n');
    const written = writeFieldValue(edited, { name: 'Tenant ID', occurrence: 0, from: 'xxx' }, 'abc');
    const at = edited.indexOf('`xxx`') + 1;
    onlySpanChanged(edited, written.ok ? written.body : '', at, at + 3, 'abc');
  });

  it('refuses when the value was changed since it was read', () => {
    const edited = BODY.replace('Tenant ID: `xxx`', 'Tenant ID: `set-by-alice`');
    expect(writeFieldValue(edited, { name: 'Tenant ID', occurrence: 0, from: 'xxx' }, 'abc')).toEqual({ ok: false, reason: 'changed' });
  });

  it('refuses when the field is gone', () => {
    const edited = BODY.replace('- Subscription ID: <subscription id>\r\n', '');
    expect(writeFieldValue(edited, { name: 'Subscription ID', occurrence: 0, from: '<subscription id>' }, 'x')).toEqual({ ok: false, reason: 'gone' });
    expect(writeFieldValue(BODY, { name: 'Tenant ID', occurrence: 2, from: 'xxx' }, 'x')).toEqual({ ok: false, reason: 'gone' });
  });

  it('writes nothing when the value is already there', () => {
    expect(writeFieldValue(BODY, { name: 'Customer legal name', occurrence: 0, from: 'Contoso Ltd' }, 'Contoso Ltd')).toEqual({ ok: true, body: BODY, changed: false });
  });
});

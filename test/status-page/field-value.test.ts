/**
 * What a customer may write into an intake field: one plain line that cannot change the EPIC
 * body's structure. Each refusal names the problem and the fix.
 */
import { describe, expect, it } from '@jest/globals';
import { checkFieldValue, MAX_FIELD_VALUE_LENGTH } from '../../src/status-page/field-value.js';

type Row = [name: string, raw: string, quoted: boolean, expected: { value: string } | { refused: RegExp }];

const rows: Row[] = [
  ['a tenant id (GUID)', '3f2c9a1e-8b7d-4c5e-9f10-2a3b4c5d6e7f', true, { value: '3f2c9a1e-8b7d-4c5e-9f10-2a3b4c5d6e7f' }],
  ['trimmed', '  abc-123 \t', true, { value: 'abc-123' }],
  ['a subscription name with punctuation', 'Contoso (prod), West EU #2', false, { value: 'Contoso (prod), West EU #2' }],
  ['an email address is not a mention', 'ops@contoso.example', false, { value: 'ops@contoso.example' }],
  ['HTML inside a code span shows as typed', '<b>x</b>', true, { value: '<b>x</b>' }],
  ['a leading # inside a code span is text', '#42', true, { value: '#42' }],
  ['non-Latin text', 'Контосо ГмбХ', false, { value: 'Контосо ГмбХ' }],
  ['exactly the longest value', 'a'.repeat(MAX_FIELD_VALUE_LENGTH), true, { value: 'a'.repeat(MAX_FIELD_VALUE_LENGTH) }],
  ['empty', '   ', true, { refused: /empty: type it/ }],
  ['a backtick closes the code span', 'abc`def', true, { refused: /backtick/ }],
  ['a backtick in a plain field', 'abc`def', false, { refused: /backtick/ }],
  ['a line break', 'abc\ndef', true, { refused: /line break: write it on one line/ }],
  ['a carriage return', 'abc\rdef', false, { refused: /line break/ }],
  ['a Unicode line separator', 'abc\u2028def', false, { refused: /line break/ }],
  ['a tab', 'abc\tdef', true, { refused: /tab or an invisible control character/ }],
  ['a bidi override', 'abc\u202edef', true, { refused: /invisible control character/ }],
  ['closing the details block', '</details>', false, { refused: /< or >.*HTML/ }],
  ['a script tag', '<script>alert(1)</script>', false, { refused: /< or >/ }],
  ['a fake hidden marker, even in a code span', '<!-- embark:epic x -->', true, { refused: /<!-- or -->/ }],
  ['a task item', '- [x] done', false, { refused: /starts with "-"/ }],
  ['a leading # (heading)', '# Title', false, { refused: /starts with "#".*start it with a letter or digit/ }],
  ['a leading *', '*bold*', false, { refused: /starts with "\*"/ }],
  ['a link', 'see [here](https://evil.example)', false, { refused: /\[ or \].*link/ }],
  ['an image', '![x](https://tracker.example/p.gif)', false, { refused: /\[ or \]/ }],
  ['a mention', 'ask @octocat', false, { refused: /@name.*without the @/ }],
  ['a trailing backslash', 'C:\\', false, { refused: /backslash/ }],
  ['over-long', 'a'.repeat(MAX_FIELD_VALUE_LENGTH + 1), true, { refused: /201 characters long; at most 200 fit/ }],
];

describe('checkFieldValue', () => {
  it.each(rows)('%s', (_name, raw, quoted, expected) => {
    const result = checkFieldValue(raw, { quoted });
    if ('value' in expected) expect(result).toEqual({ ok: true, value: expected.value });
    else {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(expected.refused);
    }
  });
});

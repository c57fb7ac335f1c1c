/**
 * The answers in an issue opened from an issue form. GitHub writes each field as `### <label>`, a
 * blank line and the answer (`_No response_` when left empty; a dropdown's choice as its text,
 * several joined with `, `). Answers become intake fields, so everything that reads a field (the
 * customer's name, a role's owner, a `when:` condition) reads a form's answers too.
 */
import { isPlaceholder } from './fields.js';
import type { FormField, IntakeField } from './model.js';

/** What GitHub writes for a field left empty. */
export const NO_RESPONSE = '_No response_';

const HEADING = /^ {0,3}###[ \t]+(.*?)[ \t#]*$/;

/** The answers to the form's input, textarea and dropdown fields found in `body`, as intake fields. */
export function readFormAnswers(body: string, fields: readonly FormField[]): IntakeField[] {
  const lines = body.split(/\r?\n/);
  const labels = new Set(fields.map((f) => f.label.trim()));
  // Only a field's own heading ends an answer: an answer may hold `###` lines of its own.
  const headings = lines.flatMap((line, row) => {
    const text = HEADING.exec(line)?.[1]?.trim();
    return text !== undefined && labels.has(text) ? [{ row, text }] : [];
  });
  const out: IntakeField[] = [];
  for (const field of fields) {
    if (field.type === 'checkboxes') continue;
    const at = headings.findIndex((h) => h.text === field.label.trim());
    if (at === -1) continue;
    const from = headings[at]!.row + 1;
    const to = headings[at + 1]?.row ?? lines.length;
    const value = lines.slice(from, to).join('\n').trim();
    const empty = value === NO_RESPONSE || value === '';
    out.push({
      name: field.label.trim(),
      value: empty ? '' : value,
      placeholder: empty || isPlaceholder(value),
      line: from + 1,
      itemId: null,
      ...(field.id ? { id: field.id } : {}),
    });
  }
  return out;
}

const CUSTOMER_NAMES = /^(?:customer(?:[ _-]?name)?|company(?:[ _-]?name)?|client(?:[ _-]?name)?|organi[sz]ation)$/i;

/** The customer a form's answers name (a field with id or label `customer`, `company`, ...), or ''. */
export function customerFromAnswers(fields: readonly IntakeField[]): string {
  const field = fields.find((f) => !f.placeholder && (CUSTOMER_NAMES.test(f.id ?? '') || CUSTOMER_NAMES.test(f.name.trim())));
  return field ? field.value.split('\n')[0]!.trim() : '';
}

const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/;

/**
 * Owners a form's answers name for roles: a field whose label or id is a role's name or alias
 * (`CSM`, `Engineer`), answered with GitHub logins (a dropdown of the team, or typed, separated by
 * commas or spaces). Answers that are not logins are ignored.
 */
export function ownersFromAnswers(fields: readonly IntakeField[], roles: Record<string, readonly string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const field of fields) {
    if (field.placeholder) continue;
    const names = [field.name, field.id ?? ''].map((n) => n.trim().toLowerCase());
    const role = Object.keys(roles).find((r) => [r, ...(roles[r] ?? [])].some((n) => names.includes(n.toLowerCase())));
    if (!role) continue;
    const logins = field.value.split(/[\s,]+/).map((v) => LOGIN.exec(v)?.[1]).filter((v): v is string => v !== undefined);
    if (logins.length > 0) out[role] = [...new Set([...(out[role] ?? []), ...logins])];
  }
  return out;
}

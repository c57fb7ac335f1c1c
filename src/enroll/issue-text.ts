/**
 * The issue `embark enroll` opens for a row: the template's title with the customer, and the
 * template's body with the row's intake fields filled in, under hidden lines (the row key, the
 * owners, and the contacts the template has no field for). Pure. The app then starts the onboarding from this issue as from any other.
 */
import { contactsMarker } from '../render/contacts-marker.js';
import { ownersMarker } from '../render/owners-marker.js';
import { parseIssueBody, renderTitle } from '../template/index.js';
import type { Template } from '../template/model.js';
import { normaliseName } from './columns.js';
import type { EnrollRow } from './row-check.js';
import { rowKeyMarker } from './row-key.js';

/** GitHub refuses longer issue titles. */
export const TITLE_LIMIT = 256;
/** GitHub refuses longer issue bodies (422 "body is too long"). */
export const BODY_LIMIT = 65_536;

/** Where each intake field sits in the template's body: 0-based line index by field name. */
export type FieldLines = Map<string, number>;

/** Find the template body's field lines once per run (the body's own line numbers, not the file's). */
export function fieldLines(template: Template): FieldLines {
  const parsed = parseIssueBody(template.body ?? '', template);
  return new Map((parsed.template?.fields ?? []).map((f) => [f.name, f.line - 1]));
}

const BACKTICK_VALUE = /`[^`]*`(\s*)$/;
const PLAIN_VALUE = /:(?:\s+.*)?$/;

/** The line with its value replaced, in the style the template wrote it (`` `value` `` or plain). */
function fillLine(line: string, value: string): string {
  if (BACKTICK_VALUE.test(line)) return line.replace(BACKTICK_VALUE, (_m, space: string) => `\`${value}\`${space}`);
  return line.replace(PLAIN_VALUE, () => `: ${value}`);
}

export type IssueText = { ok: true; title: string; body: string } | { ok: false; reason: string };

/** The title and body for a row, or why GitHub would refuse them. */
export function enrollIssueText(args: { template: Template; lines: FieldLines; row: EnrollRow; key: string }): IssueText {
  const { template, lines, row, key } = args;
  const title = renderTitle(template, row.customer);
  if (title.length > TITLE_LIMIT) {
    return { ok: false, reason: `the title would be ${title.length} characters and GitHub allows ${TITLE_LIMIT}: shorten the customer name` };
  }
  const values = { ...row.fields };
  // A field that asks for the customer's name gets it, unless a column filled it already.
  for (const name of lines.keys()) {
    if (values[name] === undefined && ['customer', 'customername'].includes(normaliseName(name))) values[name] = row.customer;
  }
  const source = template.body ?? '';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const bodyLines = source.split(/\r?\n/);
  for (const [name, value] of Object.entries(values)) {
    const index = lines.get(name);
    if (index === undefined) continue;
    if (index >= 0 && index < bodyLines.length) bodyLines[index] = fillLine(bodyLines[index]!, value);
  }
  const head = [rowKeyMarker(key), ownersMarker(row.owners), contactsMarker(row.contacts)].filter((l) => l !== '');
  const body = [...head, ...bodyLines].join(eol);
  if (body.length > BODY_LIMIT) {
    return { ok: false, reason: `the issue body would be ${body.length} characters and GitHub allows ${BODY_LIMIT}: shorten the long values` };
  }
  return { ok: true, title, body };
}

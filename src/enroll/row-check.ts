/**
 * One CSV record -> an enrollment row, or the reason it is skipped. Pure; the caller keeps the
 * customers seen so far (to refuse duplicates) and reports the reason with the line number.
 */
import { MAX_CONTACTS } from '../customer/contacts.js';
import { contactsFromIntake, type IntakeValue, isEmailField } from '../customer/intake-contacts.js';
import { isLogin } from '../render/owners-marker.js';
import { isPlaceholder } from '../template/fields.js';
import { hasPlaceholder } from '../template/title.js';
import type { ColumnMap } from './columns.js';
import { type QuoteProblem, quoteReason } from './csv-quotes.js';
import { customerIdentity } from './row-key.js';

/** A row ready to enroll. */
export interface EnrollRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  customer: string;
  /** Intake field name (as the template writes it) -> value; only filled cells. */
  fields: Record<string, string>;
  /** Canonical role -> logins; only filled cells. */
  owners: Record<string, string[]>;
  /** The customer's contacts from the contact columns the template has no field for (checked). */
  contacts: { name: string; email: string }[];
}

export type RowCheck = { ok: true; row: EnrollRow } | { ok: false; reason: string };

/** Leading characters a spreadsheet runs as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@]/;
/** Logins in an owners cell: separated by spaces, commas or semicolons. */
const LOGIN_SEPARATORS = /[\s,;]+/;

const bad = (reason: string): RowCheck => ({ ok: false, reason });

/** The columns whose values go into the onboarding. */
const usedColumns = (columns: ColumnMap): number[] => [
  columns.customer,
  ...columns.fields.map((f) => f.column),
  ...columns.roles.map((r) => r.column),
  ...columns.contacts.emails,
  ...(columns.contacts.name === null ? [] : [columns.contacts.name]),
];

/**
 * The contacts of a row, read as the app reads an intake (`Name <address>`, several separated by
 * `,` or `;`), or what is wrong with an address, so the row is refused here and not at the start.
 */
function rowContacts(values: IntakeValue[], customer: string): { ok: true; contacts: { name: string; email: string }[] } | { ok: false; reason: string } {
  const read = contactsFromIntake(values, customer);
  const problem = read.problems[0];
  if (problem !== undefined) return { ok: false, reason: `${problem}; fix the address or leave the cell empty` };
  if (read.contacts.length > MAX_CONTACTS) return { ok: false, reason: `it names ${read.contacts.length} contacts and an onboarding keeps at most ${MAX_CONTACTS}` };
  return { ok: true, contacts: read.contacts };
}

/** What is wrong with one cell's value, whatever its column, or null. */
function cellProblem(header: string, value: string): string | null {
  if (FORMULA_START.test(value)) {
    return `"${header}" starts with "${value[0]}", which a spreadsheet would run as a formula; remove that first character`;
  }
  return null;
}

/** How a record's quotes went wrong, and the line it ends on (see `csv-quotes.ts`). */
export interface RecordQuotes {
  problem: QuoteProblem;
  lastLine: number;
}

/**
 * Check one record. `seen` maps customer identities to the line that first named them; a
 * customer is recorded there at its first appearance, good row or not, because two rows of one
 * customer would share one row key. A record with a quoting mistake (`quotes`) is refused first,
 * with the quote as the reason: its cells may not be what the writer meant.
 */
export function checkRow(args: { record: string[]; line: number; header: string[]; columns: ColumnMap; seen: Map<string, number>; quotes?: RecordQuotes | null }): RowCheck {
  const { record, line, header, columns, seen } = args;
  if (args.quotes) {
    const { problem, lastLine } = args.quotes;
    const customer = (record[columns.customer] ?? '').trim().replace(/\s+/g, ' ');
    if (customer !== '' && !seen.has(customerIdentity(customer))) seen.set(customerIdentity(customer), line);
    const used = usedColumns(columns).includes(problem.column);
    const name = header[problem.column]?.trim() ? `"${header[problem.column]}"` : `column ${problem.column + 1}`;
    return bad(quoteReason({ problem, name, value: record[problem.column] ?? '', used, lines: { first: line, last: lastLine } }));
  }
  const extra = record.slice(header.length).filter((cell) => cell.trim() !== '');
  if (extra.length > 0) return bad(`it has ${record.length} cells but the header has ${header.length}; quote values that contain commas`);
  const cell = (column: number) => (record[column] ?? '').trim();
  const customer = cell(columns.customer).replace(/\s+/g, ' ');
  if (customer === '') return bad(`no customer: fill in "${header[columns.customer]}"`);
  const identity = customerIdentity(customer);
  const first = seen.get(identity);
  if (first !== undefined) return bad(`duplicate customer "${customer}": line ${first} names it already`);
  seen.set(identity, line);
  if (hasPlaceholder(customer) || isPlaceholder(customer)) return bad(`"${header[columns.customer]}" still holds the placeholder "${customer}"`);
  for (const column of usedColumns(columns)) {
    const problem = cellProblem(header[column]!, cell(column));
    if (problem) return bad(problem);
  }
  const fields: Record<string, string> = {};
  for (const { column, field } of columns.fields) {
    const value = cell(column);
    if (value === '') continue;
    if (isPlaceholder(value)) return bad(`"${header[column]}" still holds the placeholder "${value}": fill it in or leave the cell empty`);
    if (/[\r\n]/.test(value)) return bad(`"${header[column]}" holds a line break; a field takes one line`);
    if (value.includes('`')) return bad(`"${header[column]}" holds a backtick (\`), which the template's field cannot hold`);
    fields[field] = value;
  }
  // A template field for addresses is read as contacts when the onboarding starts: check it now.
  const emailFields = Object.entries(fields).filter(([field]) => isEmailField(field));
  const fieldContacts = rowContacts(emailFields.map(([name, value]) => ({ name, value })), customer);
  if (!fieldContacts.ok) return bad(fieldContacts.reason);
  const { emails, name } = columns.contacts;
  const contactCells = [...(name === null ? [] : [name]), ...emails].map((column) => ({ name: header[column]!, value: cell(column) || null }));
  const contacts = rowContacts(contactCells, customer);
  if (!contacts.ok) return bad(contacts.reason);
  const owners: Record<string, string[]> = {};
  for (const { column, role } of columns.roles) {
    const value = cell(column);
    if (value === '') continue;
    const logins = value.split(LOGIN_SEPARATORS).filter((l) => l !== '');
    const wrong = logins.find((l) => !isLogin(l));
    if (wrong !== undefined) return bad(`"${header[column]}": "${wrong}" is not a GitHub login (write logins without @, separated by spaces)`);
    owners[role] = [...new Set([...(owners[role] ?? []), ...logins])];
  }
  return { ok: true, row: { line, customer, fields, owners, contacts: emails.length > 0 ? contacts.contacts : [] } };
}

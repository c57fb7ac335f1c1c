/**
 * Which CSV column feeds what: the customer, an intake field of the template, the owners of a
 * role, or the customer's contacts (an address or contact-name column the template has no field
 * for, named as intake fields are: `Email Address`, `Contact email`, `Contact name`). Names match ignoring case, spaces and punctuation (`Tenant ID`, `tenant_id` and `TenantID`
 * are one name), the way people retype a template's labels into a spreadsheet header.
 */
import { isEmailField, isNameField } from '../customer/intake-contacts.js';
import type { Template } from '../template/model.js';

/** `Tenant ID` -> `tenantid`: letters and digits only, lower case (any script). */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header names that hold the customer (`customer`, or the partner hub's `Customer Name`). */
const CUSTOMER_NAMES = new Set(['customer', 'customername']);

/** What each column of the header is for. */
export interface ColumnMap {
  /** Index of the customer column. */
  customer: number;
  /** Intake fields filled from a column: the field's name as the template writes it. */
  fields: { column: number; field: string }[];
  /** Columns naming a role's owners: the role's canonical name. */
  roles: { column: number; role: string }[];
  /**
   * Columns naming the customer's contacts that no intake field of the template takes (`Email
   * Address`, `Contact email`; `Contact name`): they go into the issue's hidden contacts line.
   */
  contacts: { emails: number[]; name: number | null };
  /** Header names that match nothing (a warning: they are ignored). */
  unknown: string[];
}

/** Why a header cannot be used: one message for the person who wrote the file. */
export class HeaderError extends Error {
  override readonly name = 'HeaderError';
}

/** Role name -> canonical role, from the template's roles and their `onboarding.roles` aliases. */
function roleNames(template: Template): Map<string, string> {
  const names = new Map<string, string>();
  for (const role of template.roles) names.set(normaliseName(role), role);
  for (const [role, def] of Object.entries(template.settings.roles)) {
    names.set(normaliseName(role), role);
    for (const alias of Array.isArray(def) ? def : def.aliases) names.set(normaliseName(alias), role);
  }
  return names;
}

/** Match a header row to the template. Throws {@link HeaderError} when it cannot be used. */
export function mapColumns(header: string[], template: Template): ColumnMap {
  const fields = new Map(template.fields.map((f) => [normaliseName(f.name), f.name]));
  const roles = roleNames(template);
  const map: ColumnMap = { customer: -1, fields: [], roles: [], contacts: { emails: [], name: null }, unknown: [] };
  const names: number[] = [];
  const seen = new Map<string, string>();
  header.forEach((raw, column) => {
    const name = normaliseName(raw);
    if (name === '') {
      map.unknown.push(`(column ${column + 1} has no name)`);
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new HeaderError(`columns "${earlier}" and "${raw}" name the same thing; keep one of them.`);
    seen.set(name, raw);
    const field = fields.get(name);
    if (CUSTOMER_NAMES.has(name)) {
      if (map.customer >= 0) throw new HeaderError(`columns "${header[map.customer]}" and "${raw}" both name the customer; keep one of them.`);
      map.customer = column;
      // The partner hub's "Customer name" is also a field of its template: fill it too.
      if (field) map.fields.push({ column, field });
    } else if (field) map.fields.push({ column, field });
    else if (roles.has(name)) map.roles.push({ column, role: roles.get(name)! });
    else if (isEmailField(raw)) map.contacts.emails.push(column);
    else if (isNameField(raw)) names.push(column);
    else map.unknown.push(raw.trim());
  });
  if (names.length > 1) throw new HeaderError(`columns ${names.map((c) => `"${header[c]}"`).join(' and ')} each name the contact; keep one of them.`);
  // A contact's name goes with an address: without an address column of its own it is not used.
  if (names[0] !== undefined && map.contacts.emails.length > 0) map.contacts.name = names[0];
  else if (names[0] !== undefined) map.unknown.push(header[names[0]]!.trim());
  if (map.customer < 0) {
    throw new HeaderError(`the header has no "customer" column (it has: ${header.map((h) => `"${h}"`).join(', ')}). Add a column named "customer" holding each customer's name.`);
  }
  return map;
}

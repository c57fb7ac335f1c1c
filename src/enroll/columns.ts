/**
 * Which CSV column feeds what: the customer, an intake field of the template, or the owners of a
 * role. Names match ignoring case, spaces and punctuation (`Tenant ID`, `tenant_id` and `TenantID`
 * are one name), the way people retype a template's labels into a spreadsheet header.
 */
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
  const map: ColumnMap = { customer: -1, fields: [], roles: [], unknown: [] };
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
    else map.unknown.push(raw.trim());
  });
  if (map.customer < 0) {
    throw new HeaderError(`the header has no "customer" column (it has: ${header.map((h) => `"${h}"`).join(', ')}). Add a column named "customer" holding each customer's name.`);
  }
  return map;
}

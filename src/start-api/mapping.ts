/**
 * A start request -> the onboarding's issue: the customer, intake fields, owners and contacts
 * taken from the request's own fields first, then from its named properties through the
 * repository's `api` mapping, then from properties named like an intake field (`tenant_id`
 * fills `Tenant ID`, as a CSV column does in `embark enroll`). Everything a person would have to
 * fix is refused with the field it is about. Pure.
 */
import type { ApiMapping } from '../config.js';
import { parseAddress, parseContact } from '../customer/contact.js';
import { MAX_CONTACTS } from '../customer/contacts.js';
import { normaliseName } from '../enroll/columns.js';
import { enrollIssueText, fieldLines } from '../enroll/issue-text.js';
import { isLogin } from '../render/owners-marker.js';
import { isPlaceholder } from '../template/fields.js';
import type { Template } from '../template/model.js';
import { hasPlaceholder } from '../template/title.js';
import { type FieldProblem, pointer } from './problem.js';
import type { StartRequest } from './request.js';

/** What the request resolves to: the issue to open and what identifies it. */
export interface ResolvedStart {
  customer: string;
  externalId: string | null;
  /** Intake field -> value. */
  fields: Record<string, string>;
  owners: Record<string, string[]>;
  contacts: { name: string; email: string }[];
  /** Properties nothing used (told back to the sender, so a typo in a mapping shows). */
  ignored: string[];
}

export type Resolved = { ok: true; start: ResolvedStart } | { ok: false; errors: FieldProblem[] };

/** The longest intake value: a field is one line of an issue body. */
const VALUE_MAX = 1000;
const CUSTOMER_NAMES = ['customer', 'customername'];

/** Role name, alias or spelling -> the template's role. */
function roleNames(template: Template): Map<string, string> {
  const names = new Map<string, string>();
  for (const role of template.roles) names.set(normaliseName(role), role);
  for (const [role, def] of Object.entries(template.settings.roles)) {
    names.set(normaliseName(role), role);
    for (const alias of Array.isArray(def) ? def : def.aliases) names.set(normaliseName(alias), role);
  }
  return names;
}

/** What is wrong with a value for an intake field, or null. */
function valueProblem(value: string): string | null {
  if (/[\r\n]/.test(value)) return 'holds a line break; a field takes one line';
  if (value.includes('`')) return 'holds a backtick (`), which the template\'s field cannot hold';
  if (value.length > VALUE_MAX) return `is longer than ${VALUE_MAX} characters`;
  if (isPlaceholder(value)) return `still holds the placeholder "${value}": fill it in or leave it out`;
  return null;
}

const splitLogins = (value: string) => value.split(/[\s,;]+/).map((l) => l.replace(/^@/, '')).filter((l) => l !== '');

/** Resolve a request against its template and the repository's mapping. */
export function resolveStart(args: { request: StartRequest; template: Template; mapping: ApiMapping }): Resolved {
  const { request, template, mapping } = args;
  const props = request.properties;
  const used = new Set<string>();
  const take = (name: string | undefined): string | undefined => {
    if (name === undefined || props[name] === undefined) return undefined;
    used.add(name);
    const value = props[name]!.trim();
    return value === '' ? undefined : value;
  };
  const propPointer = (name: string) => (request.shape === 'properties' ? pointer(name) : pointer('properties', name));
  const errors: FieldProblem[] = [];

  // The customer.
  const byName = Object.keys(props).find((p) => CUSTOMER_NAMES.includes(normaliseName(p)));
  const customer = (request.customer ?? take(mapping.customer) ?? take(byName))?.replace(/\s+/g, ' ');
  if (!customer) {
    const hint = mapping.customer ? `the property "${mapping.customer}" (api.customer in .github/onboarding.yml) is missing or empty` : 'map a property to it with api.customer in .github/onboarding.yml';
    errors.push({ pointer: pointer('customer'), detail: `no customer: send "customer", or ${hint}` });
  } else if (hasPlaceholder(customer) || isPlaceholder(customer)) {
    errors.push({ pointer: pointer('customer'), detail: `still holds the placeholder "${customer}"` });
  }

  // Intake fields: the request's own, then mapped properties, then properties named like a field.
  const byField = new Map(template.fields.map((f) => [normaliseName(f.name), f.name]));
  const fieldNames = template.fields.map((f) => `"${f.name}"`).join(', ') || 'none';
  const fields: Record<string, string> = {};
  const put = (field: string, raw: string, at: string) => {
    const value = raw.trim();
    if (value === '' || fields[field] !== undefined) return;
    const problem = valueProblem(value);
    if (problem) errors.push({ pointer: at, detail: problem });
    else fields[field] = value;
  };
  for (const [name, value] of Object.entries(request.fields)) {
    const field = byField.get(normaliseName(name));
    if (!field) errors.push({ pointer: pointer('fields', name), detail: `the template "${template.name}" has no intake field "${name}"; its fields are ${fieldNames}` });
    else put(field, value, pointer('fields', name));
  }
  for (const [wanted, property] of Object.entries(mapping.fields)) {
    const field = byField.get(normaliseName(wanted));
    const value = field ? take(property) : undefined;
    if (field && value !== undefined) put(field, value, propPointer(property));
  }
  for (const property of Object.keys(props)) {
    const field = byField.get(normaliseName(property));
    if (!field || used.has(property)) continue;
    const value = take(property);
    if (value !== undefined) put(field, value, propPointer(property));
  }

  // Owners per role.
  const roles = roleNames(template);
  const owners: Record<string, string[]> = {};
  const addOwners = (role: string, logins: string[], at: string) => {
    const wrong = logins.find((l) => !isLogin(l));
    if (wrong !== undefined) errors.push({ pointer: at, detail: `"${wrong}" is not a GitHub login` });
    else if (logins.length > 0) owners[role] = [...new Set([...(owners[role] ?? []), ...logins])];
  };
  for (const [name, logins] of Object.entries(request.owners)) {
    const role = roles.get(normaliseName(name));
    if (!role) errors.push({ pointer: pointer('owners', name), detail: `the template "${template.name}" has no role "${name}"; its roles are ${[...new Set(roles.values())].join(', ') || 'none'}` });
    else addOwners(role, logins, pointer('owners', name));
  }
  for (const [name, property] of Object.entries(mapping.owners)) {
    const role = roles.get(normaliseName(name));
    const value = role && owners[role] === undefined ? take(property) : undefined;
    if (role && value !== undefined) addOwners(role, splitLogins(value), propPointer(property));
  }

  // Contacts.
  const contacts: { name: string; email: string }[] = [];
  const addContact = (name: string, email: string, at: string) => {
    const checked = parseContact(name, email);
    if (!checked.ok) errors.push({ pointer: at, detail: checked.error });
    else if (!contacts.some((c) => c.email === checked.email)) contacts.push({ name: checked.name, email: checked.email });
  };
  for (const [i, c] of request.contacts.entries()) addContact(c.name, c.email, pointer('contacts', i, 'email'));
  for (const property of mapping.contacts) {
    for (const address of (take(property) ?? '').split(/[,;]/).map((a) => a.trim()).filter((a) => a !== '')) {
      const parsed = parseAddress(address);
      if (!parsed.ok) errors.push({ pointer: propPointer(property), detail: parsed.error });
      else addContact('', parsed.email, propPointer(property));
    }
  }
  if (contacts.length > MAX_CONTACTS) errors.push({ pointer: pointer('contacts'), detail: `names ${contacts.length} contacts and an onboarding keeps at most ${MAX_CONTACTS}` });

  const externalId = request.externalId ?? take(mapping.externalId) ?? null;
  if (errors.length > 0 || !customer) return { ok: false, errors };
  const ignored = Object.keys(props).filter((p) => !used.has(p));
  return { ok: true, start: { customer, externalId, fields, owners, contacts, ignored } };
}

/** The new EPIC's title and body with the key line, or why GitHub would refuse them. */
export function startIssueText(template: Template, start: ResolvedStart, key: string): { ok: true; title: string; body: string } | { ok: false; errors: FieldProblem[] } {
  const text = enrollIssueText({
    template,
    lines: fieldLines(template),
    row: { line: 0, customer: start.customer, fields: start.fields, owners: start.owners, contacts: start.contacts },
    key,
  });
  if (!text.ok) return { ok: false, errors: [{ pointer: text.reason.startsWith('the title') ? pointer('customer') : pointer('fields'), detail: text.reason }] };
  return text;
}

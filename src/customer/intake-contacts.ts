/**
 * Customer contacts from a template's intake fields, as templates name them: a field that IS an
 * email field (`Contact email`, `Email Address`, `Customer e-mail`, `Customer administrator email`) gives addresses; a contact
 * name field nearby (`Contact name`, `Customer contact`, `Primary contact`) or the customer's
 * name gives the name. The whole field name must say "email": `Email address for budget alerts`
 * (seed 000) is an address for alerts, not a person to mail about the onboarding.
 *
 * A value may hold several addresses separated by `,` or `;`, each bare or as `Name <address>`.
 */
import { parseContact } from './contact.js';

/** An intake field as name and value; an unfilled placeholder is null. */
export interface IntakeValue {
  name: string;
  value: string | null;
}

/** The contacts found, and what could not be read (for a comment the CSM can act on). */
export interface IntakeContacts {
  contacts: { name: string; email: string }[];
  problems: string[];
}

const normalise = (name: string) =>
  name.toLowerCase().replace(/e-mail/g, 'email').replace(/[^a-z0-9]+/g, ' ').trim();
const EMAIL_FIELD = /^(?:(?:primary|main|lead|customer|client|contact|technical|business|admin|administrator|tenant)\s+)*email(?:\s+address(?:es)?)?$/;
const NAME_FIELD = /^(?:(?:primary|main|lead|customer|client)\s+)?contact(?:\s+(?:name|person))?(?:\s+name)?$/;

/** Is this field name an email field (`Contact email`, `E-mail`)? */
export const isEmailField = (name: string): boolean => EMAIL_FIELD.test(normalise(name));
/** Is this field name a contact's name (`Contact name`, `Primary contact`)? */
export const isNameField = (name: string): boolean => NAME_FIELD.test(normalise(name));

/** Split on `,` / `;` outside quotes and `<...>`; a piece without `@` is the start of the next one (`Doe, Jane <j@x.com>`). */
function split(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    else if (c === '<') angled = true;
    else if (c === '>') angled = false;
    if ((c === ',' || c === ';') && !quoted && !angled) {
      pieces.push(current);
      current = '';
    } else current += c;
  }
  pieces.push(current);
  const merged: string[] = [];
  let carry = '';
  for (const piece of pieces) {
    if (piece.includes('@')) {
      merged.push(carry ? `${carry},${piece}` : piece);
      carry = '';
    } else if (piece.trim() !== '') carry = carry ? `${carry},${piece}` : piece;
  }
  if (carry.trim() !== '') merged.push(carry);
  return merged.map((p) => p.trim());
}

/** `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`, `jane@x.com (Jane)`, `[jane@x.com](mailto:jane@x.com)`, `jane@x.com`. */
function readEntry(piece: string): { name: string | null; address: string } {
  const text = piece.replace(/\[([^\]]*)\]\(mailto:[^)]*\)/gi, '$1');
  const angled = /^(.*)<([^<>]*)>\s*$/s.exec(text);
  if (angled) {
    const name = angled[1]!.trim().replace(/^"(.*)"$/s, '$1').trim();
    return { name: name === '' ? null : name, address: angled[2]! };
  }
  const commented = /^(\S+)\s*\(([^()]*)\)\s*$/.exec(text);
  if (commented) return { name: commented[2]!.trim() || null, address: commented[1]! };
  return { name: null, address: text };
}

/** The contacts a filled-in intake gives, each address once. */
export function contactsFromIntake(fields: readonly IntakeValue[], customerName: string): IntakeContacts {
  const contacts: IntakeContacts['contacts'] = [];
  const problems: string[] = [];
  const names = fields.flatMap((f, index) => (isNameField(f.name) && f.value && !f.value.includes('@') ? [{ index, name: f.value }] : []));
  fields.forEach((field, index) => {
    const value = field.value?.trim() ?? '';
    if (value === '' || !(isEmailField(field.name) || (isNameField(field.name) && value.includes('@')))) return;
    const pieces = split(value);
    // The nearest name field names the contact when the field holds one address; earlier wins a tie.
    const nearby = [...names].sort((a, b) => Math.abs(a.index - index) - Math.abs(b.index - index) || a.index - b.index)[0];
    for (const piece of pieces) {
      if (!piece.includes('@')) {
        problems.push(`${field.name}: "${piece.slice(0, 60)}" holds no email address`);
        continue;
      }
      const entry = readEntry(piece);
      const name = entry.name ?? (pieces.length === 1 && nearby ? nearby.name : customerName);
      const parsed = parseContact(name, entry.address);
      if (!parsed.ok) {
        problems.push(`${field.name}: ${parsed.error}`);
        continue;
      }
      if (!contacts.some((c) => c.email.toLowerCase() === parsed.email.toLowerCase())) contacts.push({ name: parsed.name, email: parsed.email });
    }
  });
  return { contacts, problems };
}

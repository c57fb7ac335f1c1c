/**
 * `<!-- embark:contacts [{"name":"Jane Doe","email":"jane@contoso.com"}] -->`: the customer's
 * contacts for one onboarding, written into the EPIC body by `embark enroll` when the CSV names
 * contacts the template has no intake field for, and read when the onboarding starts (source
 * `csv`). Like the owners marker: `<`, `>`, `&` and `--` never appear raw, so no value can close
 * the comment; the reader never throws, and every entry passes `parseContact` again, because the
 * body is text a person may have edited.
 */
import { parseContact } from '../customer/contact.js';

/** A contact as the marker holds it. */
export interface MarkedContact {
  name: string;
  email: string;
}

const PREFIX = /<!--\s*embark:contacts(?![\w-])/;

/** The hidden line naming these contacts; `''` when there are none. */
export function contactsMarker(contacts: readonly MarkedContact[]): string {
  if (contacts.length === 0) return '';
  const json = JSON.stringify(contacts.map((c) => ({ name: c.name, email: c.email })))
    .replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/--/g, '-\\u002d');
  return `<!-- embark:contacts ${json} -->`;
}

/**
 * The contacts a body's first contacts marker names, and what in it could not be used (an entry
 * whose address or name `parseContact` refuses). Empty when there is no readable marker.
 */
export function parseContactsMarker(body: string): { contacts: MarkedContact[]; problems: string[] } {
  const none = { contacts: [], problems: [] };
  const start = PREFIX.exec(body);
  if (!start) return none;
  const from = start.index + start[0].length;
  const end = body.indexOf('-->', from);
  if (end < 0) return none;
  let raw: unknown;
  try {
    raw = JSON.parse(body.slice(from, end).trim());
  } catch {
    return { contacts: [], problems: ['the hidden contacts line of this issue is not readable; add the contacts with /contact add'] };
  }
  if (!Array.isArray(raw)) return none;
  const contacts: MarkedContact[] = [];
  const problems: string[] = [];
  for (const entry of raw) {
    const { name, email } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const checked = parseContact(typeof name === 'string' ? name : '', typeof email === 'string' ? email : '');
    if (!checked.ok) problems.push(checked.error);
    else if (!contacts.some((c) => c.email.toLowerCase() === checked.email.toLowerCase())) contacts.push({ name: checked.name, email: checked.email });
  }
  return { contacts, problems };
}

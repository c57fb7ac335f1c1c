/**
 * A customer contact: the person Embark mails about their onboarding. The schema is what the
 * onboarding's hidden state keeps; `parseContact` is the one gate every name and address passes
 * (intake fields, CSV, `/contact`, the API), so nothing unchecked ever reaches a mail header.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hasControl } from './one-line.js';

/** Where a contact came from. */
export const contactSources = ['intake', 'csv', 'command', 'api'] as const;
export type ContactSource = (typeof contactSources)[number];

export const contactSchema = z.object({
  /** Display name, one line, may be empty. */
  name: z.string(),
  /** The address as checked by `parseContact` (domain lowercased). */
  email: z.string(),
  source: z.enum(contactSources),
  /** ISO instant; mails whose time came before it are never sent to this contact. */
  addedAt: z.string(),
  /** GitHub login, or `intake` / `csv` / the API client. */
  addedBy: z.string(),
  /** Set by the unsubscribe link (ISO); from then on only transactional mail goes out. */
  unsubscribedAt: z.string().nullable().default(null),
});

export type Contact = z.infer<typeof contactSchema>;

/** Longest display name accepted. */
export const MAX_NAME_LENGTH = 100;
/** RFC 5321: a path holds at most 256 octets, so an address at most 254. */
export const MAX_ADDRESS_LENGTH = 254;

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A checked address with its domain lowercased, or what is wrong with it in words a CSM can act on. */
export function parseAddress(raw: string): { ok: true; email: string } | { ok: false; error: string } {
  const email = raw.trim().replace(/^mailto:/i, '');
  const shown = `"${email.slice(0, 60)}"`;
  if (email === '') return { ok: false, error: 'the email address is empty' };
  if (hasControl(email) || /\s/.test(email)) return { ok: false, error: `${shown} is not an email address: it holds a space or line break` };
  if (email.length > MAX_ADDRESS_LENGTH) return { ok: false, error: `the email address is longer than ${MAX_ADDRESS_LENGTH} characters` };
  const parts = email.split('@');
  if (parts.length !== 2) return { ok: false, error: `${shown} is not an email address: write exactly one @, like jane@contoso.com` };
  const [local, domain] = parts as [string, string];
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) {
    return { ok: false, error: `${shown} is not an email address: the part before the @ may hold letters, digits and . _ + - (no two dots in a row)` };
  }
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, error: `${shown} is not an email address: the domain needs a dot, like contoso.com` };
  if (!labels.every((label) => LABEL.test(label)) || !/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+)$/.test(labels.at(-1)!)) {
    return { ok: false, error: `${shown} is not an email address: the domain may hold letters, digits and - (write an international domain in its xn-- form)` };
  }
  return { ok: true, email: `${local}@${domain.toLowerCase()}` };
}

/**
 * A contact's checked name and address. The name is refused when it holds a line break or other
 * control character (it would end a mail header), trimmed and blanks collapsed; it may be empty.
 */
export function parseContact(name: string, email: string): { ok: true; name: string; email: string } | { ok: false; error: string } {
  if (hasControl(name)) return { ok: false, error: 'the contact name holds a line break or control character; write it on one line' };
  const cleanName = name.replace(/\s+/g, ' ').trim();
  if ([...cleanName].length > MAX_NAME_LENGTH) return { ok: false, error: `the contact name is longer than ${MAX_NAME_LENGTH} characters` };
  const address = parseAddress(email);
  if (!address.ok) return address;
  return { ok: true, name: cleanName, email: address.email };
}

/**
 * The short stable reference of an address used in mail keys, survey answers and signed links,
 * so the state and URLs do not repeat the address. Case-insensitive: `Jane@X.com` is `jane@x.com`.
 */
export function contactRef(email: string): string {
  return createHash('sha256').update(`embark-contact:${email.trim().toLowerCase()}`).digest('hex').slice(0, 12);
}

/** `jane.doe@contoso.com` -> `j***@contoso.com`: enough for a CSM to tell contacts apart in a public comment. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email][0]}***${email.slice(at)}`;
}

/**
 * An onboarding's contact list, changed only through these functions. Each is idempotent, so a
 * replayed command, CSV row or unsubscribe click changes nothing the second time. Contacts are
 * the same person when their addresses are equal ignoring case.
 */
import { type Contact, contactRef } from './contact.js';

/** Most contacts one onboarding keeps: each costs mail keys in the status comment (65,536 characters). */
export const MAX_CONTACTS = 20;

/** A change to the list: the new list, and whether anything changed. */
export interface ContactsChange {
  contacts: Contact[];
  changed: boolean;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The contact with this address or `contactRef`, if any. */
export function findContact(contacts: readonly Contact[], addressOrRef: string): Contact | undefined {
  return contacts.find((c) => same(c.email, addressOrRef) || contactRef(c.email) === addressOrRef);
}

/**
 * The list with `contact` added (its address already checked by `parseContact`). An address
 * already listed leaves the list as it is, unsubscribe included: adding someone again must not
 * undo their unsubscribe.
 */
export function addContact(contacts: readonly Contact[], contact: Contact): ({ ok: true } & ContactsChange) | { ok: false; reason: string } {
  if (findContact(contacts, contact.email)) return { ok: true, contacts: [...contacts], changed: false };
  if (contacts.length >= MAX_CONTACTS) {
    return { ok: false, reason: `this onboarding already has ${MAX_CONTACTS} contacts, the most it keeps; remove one first` };
  }
  return { ok: true, contacts: [...contacts, contact], changed: true };
}

/** The list without the contact with this address (or ref); unchanged when it is not listed. */
export function removeContact(contacts: readonly Contact[], addressOrRef: string): ContactsChange {
  const gone = findContact(contacts, addressOrRef);
  return gone ? { contacts: contacts.filter((c) => c !== gone), changed: true } : { contacts: [...contacts], changed: false };
}

/** The list with the contact marked unsubscribed at `at`; the first unsubscribe's time is kept. */
export function unsubscribeContact(contacts: readonly Contact[], addressOrRef: string, at: string): ContactsChange {
  const target = findContact(contacts, addressOrRef);
  if (!target || target.unsubscribedAt !== null) return { contacts: [...contacts], changed: false };
  return { contacts: contacts.map((c) => (c === target ? { ...c, unsubscribedAt: at } : c)), changed: true };
}

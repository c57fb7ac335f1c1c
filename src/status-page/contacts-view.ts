/**
 * Contacts as the customer's pages see them (pure): a reference and a display name, never the
 * address. A contact without a name shows as the masked address (`j***@contoso.com`), the same
 * form the team sees in the status comment.
 */
import { type Contact, contactRef, maskEmail } from '../customer/contact.js';
import type { CachedContact } from './view-cache.js';

/** The name a contact signs and answers under on the page, in the log and in comments. */
export function contactDisplayName(contact: Pick<Contact, 'name' | 'email'>): string {
  return contact.name.trim() !== '' ? contact.name : maskEmail(contact.email);
}

/** The page's view of an onboarding's contacts. */
export function cachedContacts(contacts: readonly Contact[]): CachedContact[] {
  return contacts.map((c) => ({ ref: contactRef(c.email), name: contactDisplayName(c), unsubscribed: c.unsubscribedAt !== null }));
}

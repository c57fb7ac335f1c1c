/**
 * What the one-click unsubscribe link changes (pure): the contact marked unsubscribed in the
 * state (from then on `dueMails` sends them only transactional mail) and one line in the
 * activity log with the masked address. Idempotent: a second click, a mail provider's retry or a
 * replayed request finds the contact already unsubscribed and changes nothing.
 */
import { maskEmail } from '../customer/contact.js';
import { findContact, unsubscribeContact } from '../customer/contacts.js';
import type { StoredState } from '../onboarding/state.js';

export type UnsubscribePlan =
  | { kind: 'unsubscribed'; state: StoredState }
  /** Already unsubscribed: nothing to write. */
  | { kind: 'already' }
  /** No such contact (removed, or never added): the same 404 as a forged link. */
  | { kind: 'unknown' };

/** The log key of a contact's unsubscribe, so a replayed write logs it once. */
export function unsubscribeKey(ref: string): string {
  return `unsubscribe:${ref}`;
}

export function planUnsubscribe(input: { state: StoredState; contact: string; now: string }): UnsubscribePlan {
  const contacts = input.state.contacts ?? [];
  const contact = findContact(contacts, input.contact);
  if (!contact) return { kind: 'unknown' };
  const change = unsubscribeContact(contacts, input.contact, input.now);
  if (!change.changed) return { kind: 'already' };
  const state = structuredClone(input.state);
  state.contacts = change.contacts;
  state.log.unshift({
    at: input.now,
    actor: 'customer',
    text: `${maskEmail(contact.email)} unsubscribed with the link in a mail`,
    key: unsubscribeKey(input.contact),
  });
  return { kind: 'unsubscribed', state };
}

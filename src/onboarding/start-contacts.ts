/**
 * The customer's contacts an onboarding starts with (pure): the email fields of the intake as the
 * person filled them in (source `intake`), then the contacts `embark enroll` wrote into the body's
 * hidden contacts line (source `csv`), each address once, at most `MAX_CONTACTS`. What cannot be
 * read does not stop the start: it becomes a line of the activity log, which the status comment
 * also shows under its contacts, so the CSM sees it and can add the contact by hand.
 */
import { type Contact, type ContactSource, maskEmail } from '../customer/contact.js';
import { addContact } from '../customer/contacts.js';
import { contactsFromIntake } from '../customer/intake-contacts.js';
import { maskAddresses } from '../render/contact-facts.js';
import { parseContactsMarker } from '../render/contacts-marker.js';
import type { IntakeField } from '../template/model.js';
import type { LogEntry } from './state.js';

/** Log keys of the start's contact problems (`start-contact:<n>`): the status comment lists them with the contacts. */
export const CONTACT_PROBLEM_KEY = 'start-contact:';

/** Contacts for the start, and the log lines for what could not be read. */
export function startContacts(input: { fields: readonly IntakeField[]; body: string; customer: string; now: string }): { contacts: Contact[]; log: LogEntry[] } {
  const intake = contactsFromIntake(
    input.fields.map((f) => ({ name: f.name, value: f.placeholder ? null : f.value })),
    input.customer,
  );
  const marked = parseContactsMarker(input.body);
  const found: { name: string; email: string; source: ContactSource }[] = [
    ...intake.contacts.map((c) => ({ ...c, source: 'intake' as const })),
    ...marked.contacts.map((c) => ({ ...c, source: 'csv' as const })),
  ];
  const problems = [...intake.problems, ...marked.problems.map((p) => `the enrollment's contacts: ${p}`)];
  let contacts: Contact[] = [];
  for (const c of found) {
    const added = addContact(contacts, { name: c.name, email: c.email, source: c.source, addedAt: input.now, addedBy: c.source, unsubscribedAt: null });
    if (added.ok) contacts = added.contacts;
    else problems.push(`${maskEmail(c.email)} was left out: ${added.reason}`);
  }
  const log = problems.map((problem, i) => ({
    at: input.now,
    actor: 'embark',
    text: `could not take a customer contact from the issue: ${maskAddresses(problem)}; fix it, or add the contact with /contact add NAME <email>`,
    key: `${CONTACT_PROBLEM_KEY}${i}`,
  }));
  return { contacts, log };
}

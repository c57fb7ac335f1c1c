/**
 * What the team may see of the customer's contacts, outside the hidden state: each address masked
 * (`j***@contoso.com`), the name escaped, where the contact came from, an unsubscribe, an address
 * the mail server refused (its words with every address in them masked too) and how many mails
 * went out. Shared by the status comment and the `/contact` list, so both say the same.
 */
import { type Contact, contactRef, maskEmail } from '../customer/contact.js';
import type { MailLog } from '../customer/mail-log.js';
import { escapeTableCell, escapeUserText, inlineCode } from './escape.js';
import { formatDay } from './time.js';

/** One contact as the team sees it. */
export interface ContactFacts {
  /** `j***@contoso.com`. */
  masked: string;
  name: string;
  source: Contact['source'];
  unsubscribedAt: string | null;
  /** The mail server's answer when it refused the address (addresses masked), or null. */
  refused: string | null;
  /** Mail keys recorded for this contact (sent, or skipped as pointless after a newer one). */
  mails: number;
}

// Anything shaped like an address in a server's answer (`<jane@contoso.com>`, `jane@contoso.com:`).
const ADDRESS_IN_TEXT = /[^\s<>"'()[\],;:]+@[A-Za-z0-9.-]+[A-Za-z0-9]/g;

/** `text` with every address in it masked. */
export function maskAddresses(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, (address) => maskEmail(address));
}

/** The facts of each contact, in list order. */
export function contactFacts(contacts: readonly Contact[], mail: MailLog | undefined): ContactFacts[] {
  const sent = mail?.sent ?? [];
  const failed = mail?.failed ?? [];
  return contacts.map((contact) => {
    const ref = `:${contactRef(contact.email)}`;
    const address = contact.email.toLowerCase();
    // The newest refusal since the contact was (re)added; an older one was for an earlier try.
    const refusal = failed.filter((f) => f.address.toLowerCase() === address && f.at >= contact.addedAt).at(-1);
    return {
      masked: maskEmail(contact.email),
      name: contact.name,
      source: contact.source,
      unsubscribedAt: contact.unsubscribedAt,
      refused: refusal ? maskAddresses(refusal.reply) : null,
      mails: sent.filter((key) => key.endsWith(ref)).length,
    };
  });
}

/** `unsubscribed 2026-11-25; address refused: 550 ...`: the notes of one contact, escaped, or `''`. */
function notes(facts: ContactFacts, escapeText: (text: string) => string): string {
  const parts: string[] = [];
  if (facts.unsubscribedAt) parts.push(`unsubscribed ${formatDay(facts.unsubscribedAt)}`);
  if (facts.refused !== null) parts.push(`address refused: ${escapeText(facts.refused)}`);
  return parts.join('; ');
}

/** The "Customer contacts" table of the status comment; no lines when there are none. */
export function contactsTable(facts: readonly ContactFacts[]): string[] {
  if (facts.length === 0) return [];
  const cell = (text: string) => escapeTableCell(text, { maxLength: 200 });
  return [
    '| Customer contact | Name | From | Mails | Notes |',
    '| --- | --- | --- | --- | --- |',
    ...facts.map((f) => `| ${inlineCode(f.masked, { inTable: true })} | ${cell(f.name) || '–'} | ${f.source} | ${f.mails} | ${notes(f, cell) || '–'} |`),
  ];
}

/** One list line per contact, for the `/contact` reply. */
export function contactLines(facts: readonly ContactFacts[]): string[] {
  return facts.map((f) => {
    const name = f.name === '' ? '' : ` ${escapeUserText(f.name, { maxLength: 100 })}`;
    const more = notes(f, (text) => escapeUserText(text, { maxLength: 200 }));
    return `- ${inlineCode(f.masked)}${name} (${f.source}, ${f.mails} mail${f.mails === 1 ? '' : 's'}${more ? `; ${more}` : ''})`;
  });
}

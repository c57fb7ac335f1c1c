/**
 * A due mail as the message to send: subject, plain text, HTML and the headers Embark sets.
 *
 * - The subject is one line (no CR/LF can reach a header), at most 150 characters.
 * - Non-transactional mail carries RFC 8058 one-click unsubscribe (`List-Unsubscribe` with the
 *   contact's signed link and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`) and says in
 *   its footer why the contact gets it; welcome and go-live do not.
 * - `Message-ID` is derived from the onboarding and the key, so a resend after a crash carries
 *   the same id and the receiving side can tell it is the same message.
 * - `Auto-Submitted: auto-generated` (RFC 3834) keeps out-of-office replies from answering.
 */
import { createHash } from 'node:crypto';
import { type MailContext, mailContent } from './mail-content.js';
import { TRANSACTIONAL } from './mail-due.js';
import { checkedUrl, toHtml, toText } from './mail-layout.js';
import { oneLine } from './one-line.js';

/** A mail ready for the transport. Header values are built here, never copied from user input. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** `<32 hex@embark>`: the same for the same onboarding and key, different for any other. */
export function messageIdFor(repo: string, epic: number, key: string): string {
  const hash = createHash('sha256').update(`embark-mail:${repo.toLowerCase()}#${epic}:${key}`).digest('hex').slice(0, 32);
  return `<${hash}@embark>`;
}

/** Render one due mail. Throws a TypeError when a link it needs is missing or not http(s). */
export function renderMail(context: MailContext): RenderedMail {
  const { mail, onboarding, links } = context;
  const content = mailContent(context);
  const subject = oneLine(content.subject, 150);
  const headers: Record<string, string> = {
    'Message-ID': messageIdFor(onboarding.repo, onboarding.epic, mail.key),
    'Auto-Submitted': 'auto-generated',
  };
  const blocks = [...content.blocks];
  if (!TRANSACTIONAL.has(mail.kind)) {
    if (!links.unsubscribe) throw new TypeError(`${mail.key}: a ${mail.kind} mail needs links.unsubscribe`);
    const unsubscribe = checkedUrl(links.unsubscribe);
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    blocks.push({
      kind: 'footer',
      text: `You get this mail because you are a contact for the onboarding of ${oneLine(onboarding.customer, 100)}.`,
      link: { label: 'Unsubscribe', url: unsubscribe },
    });
  }
  return { subject, text: toText(blocks), html: toHtml(subject, blocks), headers };
}

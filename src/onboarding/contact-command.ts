/**
 * `/contact` and `/remind customer` (pure): the customer's contacts change only through the
 * idempotent list functions of `customer/contacts.ts`, and a reminder by mail is a `MailDue` the
 * command loop hands out (the handler's `step` sends it after the plan's GitHub writes). Replies
 * and the activity log show addresses masked: the full address lives in the hidden state only.
 */
import type { Command } from '../commands/index.js';
import { resolveStage } from '../commands/index.js';
import { type Contact, maskEmail } from '../customer/contact.js';
import { addContact, findContact, removeContact } from '../customer/contacts.js';
import type { MailDue } from '../customer/mail-due.js';
import { remindNow } from '../customer/remind-now.js';
import { contactFacts, contactLines } from '../render/contact-facts.js';
import { escapeUserText, inlineCode } from '../render/escape.js';
import { formatDay } from '../render/time.js';
import type { BusinessCalendar } from '../schedule/calendar.js';
import { customerStagesOf } from './customer-mail.js';
import type { Work } from './transitions.js';
import type { StageView } from './view.js';

/** Whether customer mail can go out for this onboarding, and if not, why and how to turn it on. */
export interface CustomerMailSwitch {
  on: boolean;
  why: string | null;
}

/** How the app turns customer mail on; every mail links the contact's status page, hence the last two. */
export const MAIL_SETTINGS_HINT = 'EMBARK_SMTP_URL, EMBARK_MAIL_FROM, EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL';

/** The switch from the deployment (mail transport configured) and the repository's `customer.enabled`. */
export function customerMailSwitch(args: { deployment: boolean; repository: boolean }): CustomerMailSwitch {
  if (!args.deployment) {
    return { on: false, why: `customer mail is off in this Embark deployment; whoever runs the app turns it on by setting ${MAIL_SETTINGS_HINT}` };
  }
  if (!args.repository) {
    return { on: false, why: 'customer mail is off for this repository; remove `customer.enabled: false` from `.github/onboarding.yml` (or set it to true) to turn it on' };
  }
  return { on: true, why: null };
}

/** What these commands need from the command context. */
export interface ContactContext {
  actor: string;
  now: string;
  customerMail: CustomerMailSwitch;
  /** `manual:<comment id>`: the reminder keys carry the comment, so a new comment may remind again. */
  commentKey: string;
}

/** The working copy, with the mails the comment's commands asked for. */
export type MailWork = Work & { mails: MailDue[] };

/** The reply line of one command: `ok` false when it was refused or could do nothing. */
export type ContactReply = { ok: boolean; text: string };

const shown = (email: string) => inlineCode(maskEmail(email));
const named = (name: string, email: string) => (name === '' ? shown(email) : `${escapeUserText(name, { maxLength: 100 })} (${shown(email)})`);

/** `/contact`, `/contact add`, `/contact remove` (the permission is checked by the caller). */
export function contactCommand(work: MailWork, cmd: Extract<Command, { name: 'contact' }>, ctx: ContactContext): ContactReply {
  const contacts = work.state.contacts ?? [];
  const { op } = cmd;
  if (op.kind === 'list') {
    const off = ctx.customerMail.on ? '' : `\n\nNothing is mailed to them: ${ctx.customerMail.why}.`;
    if (contacts.length === 0) return { ok: true, text: `This onboarding has no customer contacts yet; add one with \`/contact add NAME <email>\`.${off}` };
    return { ok: true, text: [`Customer contacts (${contacts.length}):`, ...contactLines(contactFacts(contacts, work.state.mail))].join('\n') + off };
  }
  if (op.kind === 'remove') {
    const gone = findContact(contacts, op.email);
    const change = removeContact(contacts, op.email);
    if (!change.changed || !gone) return { ok: true, text: `${shown(op.email)} is not a contact of this onboarding; nothing changed.` };
    work.state.contacts = change.contacts;
    work.log.push({ at: ctx.now, actor: ctx.actor, text: `removed customer contact ${gone.name ? `${gone.name} ` : ''}<${maskEmail(gone.email)}>` });
    return { ok: true, text: `Removed ${named(gone.name, gone.email)} from the customer contacts; nothing more is mailed to them.` };
  }
  if (!ctx.customerMail.on) return { ok: false, text: `\`/contact add\`: ${ctx.customerMail.why}. Nothing was changed.` };
  const contact: Contact = { name: op.name, email: op.email, source: 'command', addedAt: ctx.now, addedBy: ctx.actor, unsubscribedAt: null };
  const change = addContact(contacts, contact);
  if (!change.ok) return { ok: false, text: `\`/contact add\`: ${change.reason}.` };
  if (!change.changed) {
    const there = findContact(contacts, op.email)!;
    const unsubscribed = there.unsubscribedAt ? ` They unsubscribed on ${formatDay(there.unsubscribedAt)} and stay unsubscribed.` : '';
    return { ok: true, text: `${named(there.name, there.email)} is already a customer contact; nothing changed.${unsubscribed}` };
  }
  work.state.contacts = change.contacts;
  work.log.push({ at: ctx.now, actor: ctx.actor, text: `added customer contact ${op.name ? `${op.name} ` : ''}<${maskEmail(op.email)}>` });
  return { ok: true, text: `Added ${named(op.name, op.email)} as a customer contact.` };
}

/** `/remind customer [stage]`: the reminders go into `work.mails`; the reply says who, masked, or why nobody. */
export function remindCustomer(work: MailWork, stage: string | null, ctx: ContactContext & { stages: StageView[]; calendar: BusinessCalendar }): ContactReply {
  if (!ctx.customerMail.on) return { ok: false, text: `Nobody was mailed: ${ctx.customerMail.why}.` };
  let stageKey: string | undefined;
  if (stage !== null) {
    const found = resolveStage(stage, ctx.stages);
    if (!found.ok) return { ok: false, text: `Nobody was mailed: ${found.message}.` };
    stageKey = found.stageKey;
  }
  const result = remindNow({
    state: work.state,
    stages: customerStagesOf(ctx.stages, work.state, ctx.calendar),
    config: { enabled: true },
    commentId: ctx.commentKey.replace(/^manual:/, ''),
    ...(stageKey === undefined ? {} : { stageKey }),
  });
  if (!result.ok) return { ok: false, text: `Nobody was mailed: ${result.reason}.` };
  // Two `/remind customer` lines in one comment ask for the same mails: each goes once.
  const fresh = result.mails.filter((mail) => !work.mails.some((m) => m.key === mail.key));
  work.mails.push(...fresh);
  if (fresh.length === 0) return { ok: true, text: 'Those customer reminders are already on their way; nothing more to send.' };
  const who = [...new Set(fresh.map((m) => m.contact))].map((email) => shown(email));
  const titles = [...new Set(fresh.map((m) => m.stage))].map((key) => ctx.stages.find((s) => s.key === key)?.title ?? String(key));
  work.log.push({ at: ctx.now, actor: ctx.actor, text: `reminded the customer by mail about ${titles.join(', ')}` });
  return { ok: true, text: `Mailing a reminder about ${titles.map((t) => escapeUserText(t)).join(', ')} to ${who.join(', ')}.` };
}

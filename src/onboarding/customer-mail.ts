/**
 * Customer mail from the onboarding's point of view (pure): the stages as the customer's mail
 * sees them, which mails are due now, and what the team is told after a run of the mail executor
 * (the state with sent keys recorded, log lines, and one notice per address the server refused).
 * The handler renders and sends; this module decides.
 */
import type { Contact } from '../customer/contact.js';
import { contactRef, maskEmail } from '../customer/contact.js';
import type { MailDue } from '../customer/mail-due.js';
import type { CustomerMailConfig, CustomerStage } from '../customer/mail-input.js';
import { type MailOutcome, recordMails } from '../customer/mail-log.js';
import { doneKeys, dueMails } from '../customer/mail-plan.js';
import { escapeUserText } from '../render/escape.js';
import { noticeMarker } from '../render/notice-marker.js';
import type { BusinessCalendar } from '../schedule/calendar.js';
import { isCustomerItem } from './customer-items.js';
import { stageDue } from './due.js';
import type { Action } from './plan.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

/** The stages as customer mail reads them: which are active, and the customer's open required items. */
export function customerStagesOf(stages: readonly StageView[], state: Pick<StoredState, 'customerItems' | 'startedAt'>, calendar: BusinessCalendar): CustomerStage[] {
  return stages.map((s) => ({
    stageKey: s.key,
    title: s.title,
    active: s.status === 'active' || s.status === 'reopened',
    startedAt: s.startedAt,
    openCustomerItems: s.requiredOpen.filter((item) => isCustomerItem(item, state.customerItems)).map((item) => item.text),
    dueAt: stageDue(s.stored, calendar, state.startedAt),
  }));
}

/**
 * The customer mails due now: the schedule's (`dueMails`) plus `extra` ones asked for by a person
 * (`/remind customer`), each key once and none already sent.
 */
export function customerMailDue(args: {
  state: StoredState;
  stages: readonly StageView[];
  config: CustomerMailConfig;
  calendar: BusinessCalendar;
  now: Date;
  extra?: readonly MailDue[];
}): MailDue[] {
  const { state, config, calendar } = args;
  if (!config.enabled) return [];
  const stages = customerStagesOf(args.stages, state, calendar);
  const planned = dueMails({ state, stages, config, calendar, now: args.now });
  const done = new Set([...doneKeys(state), ...planned.map((m) => m.key)]);
  return [...planned, ...(args.extra ?? []).filter((m) => !done.has(m.key))];
}

const KIND_TEXT: Record<MailDue['kind'], string> = {
  welcome: 'the welcome',
  'your-part': '"your part"',
  remind: 'a reminder',
  digest: 'the update',
  'sign-off': 'the go-live mail',
  checkin: 'the check-in',
};

/**
 * The state after a run of the mail executor, and the actions that tell the team about addresses
 * the server refused for good: one keyed comment on the EPIC per refused address (naming it and
 * the server's words) and the attention label. Transient failures are not in `outcome`: their
 * keys stay unrecorded and the next sweep tries again.
 */
export function recordMailRun(args: {
  state: StoredState;
  mails: readonly MailDue[];
  outcome: MailOutcome;
  stages: readonly StageView[];
  now: string;
  attentionLabel: string;
  epic: number;
}): { state: StoredState; actions: Action[] } {
  const { mails, outcome, now } = args;
  const recorded = recordMails(args.state, outcome) as StoredState;
  const byKey = new Map(mails.map((m) => [m.key, m]));
  const title = (stageKey: string | undefined) => args.stages.find((s) => s.key === stageKey)?.title;
  const entries = [
    ...outcome.sent.map((sent) => {
      const mail = byKey.get(sent.key);
      const about = mail?.stage && title(mail.stage) ? ` (${title(mail.stage)})` : '';
      return { at: now, actor: 'embark', text: `mailed ${mail ? KIND_TEXT[mail.kind] : 'a mail'}${about} to ${maskEmail(mail?.contact ?? '')}`, key: `mail:${sent.key}` };
    }),
    ...outcome.failed.map((f) => ({ at: now, actor: 'embark', text: `the mail server refused ${maskEmail(f.address)}: ${f.reply}`, key: `mail-failed:${f.key}` })),
  ];
  const state: StoredState = { ...recorded, log: [...entries, ...recorded.log] };
  const actions: Action[] = [];
  const refused = new Map<string, (typeof outcome.failed)[number]>();
  for (const f of outcome.failed) if (!refused.has(f.address.toLowerCase())) refused.set(f.address.toLowerCase(), f);
  for (const f of refused.values()) {
    const key = `mail-refused:${contactRef(f.address)}:${f.key}`;
    const body = [
      noticeMarker(key),
      `**Customer mail to ${escapeUserText(f.address, { maxLength: 254 })} was refused** by the mail server: “${escapeUserText(f.reply, { maxLength: 300 })}”`,
      '',
      'Embark will not mail this address again. Check it with the customer, then `/contact remove` it and `/contact add NAME <address>` with the right one.',
    ].join('\n');
    actions.push({ kind: 'comment', issue: args.epic, body, key });
  }
  if (refused.size > 0) actions.push({ kind: 'setLabels', issue: args.epic, add: [args.attentionLabel], remove: [] });
  return { state, actions };
}

/** The contact a due mail goes to. */
export function contactOf(state: Pick<StoredState, 'contacts'>, mail: MailDue): Contact | undefined {
  return (state.contacts ?? []).find((c) => c.email.toLowerCase() === mail.contact.toLowerCase());
}

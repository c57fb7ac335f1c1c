/**
 * Which customer mails are due now: a pure function of the onboarding's state (its contacts and
 * the mail already sent), the stages as the customer sees them, the `customer` config, the
 * business calendar and `now`. The sweep and the event handlers call it and send what it returns;
 * the keys make a repeat send nothing (see `mail-due.ts` for their formats).
 *
 * Rules, per contact:
 * - Nothing when customer mail is off, the onboarding is cancelled, or the contact's address was
 *   refused for good (a permanent failure recorded since the contact was added).
 * - Unsubscribed contacts get only transactional mail (welcome, sign-off).
 * - Scheduled mail (reminders, digests, check-ins) counts only rungs due after the contact was
 *   added, so a contact added late is not sent the past, and waits for business hours.
 * - A welcome that is due also gives the customer's part of the active stages: it replaces their
 *   your-part mails (recorded as skipped). A reminder or your-part in the same run replaces that
 *   period's digest, so a contact gets one scheduled mail at a time.
 * - Reminders pause while the onboarding is blocked or snoozed (the stage's or the whole one's);
 *   digests do not: an update saying it is on hold is still an update.
 */
import type { BusinessCalendar } from '../schedule/calendar.js';
import { type Instant, toDate } from '../schedule/instant.js';
import { pickDueRung, type Rung } from '../schedule/ladder.js';
import { type Contact, contactRef } from './contact.js';
import { type MailDue, TRANSACTIONAL } from './mail-due.js';
import type { CustomerMailConfig, CustomerStage, MailPlanState } from './mail-input.js';
import { checkinRungs, digestPeriod, digestRungs, reminderRungs } from './mail-rungs.js';

/** Everything `dueMails` reads. */
export interface MailPlanInput {
  state: MailPlanState;
  stages: readonly CustomerStage[];
  config: CustomerMailConfig;
  calendar: BusinessCalendar;
  now: Instant;
}

/** Keys never to plan again: sent, skipped or failed for good. */
export function doneKeys(state: MailPlanState): string[] {
  return [...(state.mail?.sent ?? []), ...(state.mail?.failed ?? []).map((f) => f.key)];
}

/** A contact whose address the server refused for good since they were added: mailing them again would bounce. */
export function isBouncing(state: MailPlanState, contact: Contact): boolean {
  const address = contact.email.toLowerCase();
  return (state.mail?.failed ?? []).some((f) => f.address.toLowerCase() === address && f.at >= contact.addedAt);
}

/** The customer mails due at `now`, per contact in list order, then welcome, your part, reminders, digest, go-live, check-in. */
export function dueMails(input: MailPlanInput): MailDue[] {
  const { state, config } = input;
  if (!config.enabled || state.cancelled !== null) return [];
  const done = doneKeys(input.state);
  const sent = new Set(done);
  return (state.contacts ?? [])
    .filter((contact) => !isBouncing(state, contact))
    .flatMap((contact) => forContact(input, contact, done, sent));
}

function forContact(input: MailPlanInput, contact: Contact, done: readonly string[], sent: ReadonlySet<string>): MailDue[] {
  const { state, config, calendar } = input;
  const now = toDate(input.now, 'now');
  const ref = contactRef(contact.email);
  const addedAt = new Date(contact.addedAt).getTime();
  const subscribed = contact.unsubscribedAt === null;
  const base = { contact: contact.email, name: contact.name };
  const mails: MailDue[] = [];
  const push = (mail: Omit<MailDue, 'contact' | 'name' | 'skipped'> & { skipped?: string[] }) => {
    if (sent.has(mail.key) || (!subscribed && !TRANSACTIONAL.has(mail.kind))) return;
    mails.push({ ...base, skipped: [], ...mail });
  };
  const pick = (rungs: Rung[]) => pickDueRung(rungs.filter((rung) => rung.at.getTime() >= addedAt), now, done);

  if (state.completedAt === null) {
    const yours = input.stages.filter((s) => s.active && s.startedAt !== null && s.openCustomerItems.length > 0);
    const yourPart = config.yourPart && subscribed ? yours.map((s) => `your-part:${s.stageKey}:${ref}`).filter((k) => !sent.has(k)) : [];
    if (config.welcome && !sent.has(`welcome:${ref}`)) {
      push({ key: `welcome:${ref}`, kind: 'welcome', ...(yours[0] ? { stage: yours[0].stageKey } : {}), skipped: yourPart });
    } else if (config.yourPart) {
      for (const stage of yours) push({ key: `your-part:${stage.stageKey}:${ref}`, kind: 'your-part', stage: stage.stageKey });
    }

    if (state.blocked === null) {
      for (const stage of yours) {
        if (snoozed(state, stage.stageKey, now)) continue;
        const rung = pick(reminderRungs({ stageKey: stage.stageKey, startedAt: stage.startedAt!, offsets: config.reminders, ref, calendar }));
        if (rung) push({ key: rung.rung.key, kind: 'remind', stage: stage.stageKey, skipped: rung.skipped });
      }
    }

    if (config.digest !== 'off') {
      const rung = pick(digestRungs({ startedAt: state.startedAt, now, period: digestPeriod(config.digest), ref, calendar }));
      if (rung) {
        const carrier = mails.find((m) => !TRANSACTIONAL.has(m.kind));
        if (carrier) carrier.skipped.push(rung.rung.key);
        else push({ key: rung.rung.key, kind: 'digest', period: rung.rung.index });
      }
    }
    return mails;
  }

  const completedAt = new Date(state.completedAt).getTime();
  if (config.signOff && completedAt >= addedAt) push({ key: `sign-off:${ref}`, kind: 'sign-off' });
  if (config.checkins && state.checkins.length > 0) {
    const rung = pick(checkinRungs({ completedAt: state.completedAt, days: state.checkins, ref, calendar }));
    if (rung) {
      const day = state.checkins[rung.rung.index]!;
      const surveyDay = config.survey === 'last' ? Math.max(...state.checkins) : config.survey;
      // A survey check-in skipped after downtime is not lost: the one sent instead carries it.
      const survey = day === surveyDay || rung.skipped.includes(`checkin:${surveyDay}:${ref}`);
      push({ key: rung.rung.key, kind: 'checkin', day, survey, skipped: rung.skipped });
    }
  }
  return mails;
}

/** Snoozed (the whole onboarding, or this stage) until after `now`. */
function snoozed(state: MailPlanState, stageKey: string, now: Date): boolean {
  const until = [state.snoozedUntil, state.stages.find((s) => s.key === stageKey)?.snoozedUntil ?? null];
  return until.some((at) => at !== null && new Date(at).getTime() > now.getTime());
}

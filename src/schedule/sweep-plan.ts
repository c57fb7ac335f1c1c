/**
 * What the periodic sweep should send for one onboarding right now: reminders and overdue
 * escalations per active stage, the block escalation, and the follow-up check-in.
 *
 * Rules, on top of each module's own:
 * - Only `active` stages with open items and a start time get reminders and escalations.
 * - A block pauses every stage's reminders and overdue escalations; the block escalates instead.
 * - A snooze (the onboarding's or the stage's, whichever lasts longer) pauses reminders only:
 *   escalation goes to people who did not ask for the snooze.
 * - Once completed, only check-ins remain.
 * - At most one action per kind and stage; the caller may merge a stage's reminder and
 *   escalation into one comment.
 *
 * Sent keys of stage messages are namespaced by stage (`stage-1/r1:24h`); onboarding-wide keys
 * (block escalations `b1:...`, check-ins `c30`) are not. Every key and skipped key in the result
 * is already in the form to append to `onboarding.sent`.
 */

import type { BusinessCalendar } from './calendar.js';
import { checkinDue } from './checkins.js';
import type { EscalationStep } from './escalation.js';
import { blockEscalationDue, escalationDue } from './escalation.js';
import { type Instant, toDate, toOptionalDate } from './instant.js';
import { reminderDue } from './reminders.js';

/** A stage as the sweep sees it. */
export interface SweepStage {
  key: string;
  state: 'pending' | 'active' | 'done';
  startedAt: Instant | null;
  dueAt: Instant | null;
  /** Required items still unticked. */
  openItems: number;
  snoozedUntil?: Instant | null;
}

/** An onboarding as the sweep sees it (from the status comment and the stage issues). */
export interface SweepOnboarding {
  blocked: { since: Instant } | null;
  snoozedUntil: Instant | null;
  completedAt: Instant | null;
  /** Keys of messages already sent (or skipped), stage ones prefixed `<stage key>/`. */
  sent: readonly string[];
  stages: readonly SweepStage[];
}

/** One message the sweep should send. */
export type SweepAction =
  | { kind: 'reminder'; stageKey: string; key: string; offsetIndex: number; at: Date; skipped: string[] }
  | {
      kind: 'escalation';
      stageKey: string;
      key: string;
      step: EscalationStep;
      at: Date;
      skipped: string[];
    }
  | { kind: 'block-escalation'; key: string; step: EscalationStep; at: Date; skipped: string[] }
  | { kind: 'checkin'; key: string; days: number; at: Date; skipped: string[] };

/** The key a stage message is recorded under in `sent`. */
export function stageSentKey(stageKey: string, key: string): string {
  return `${stageKey}/${key}`;
}

/** Actions due at `now` for one onboarding, in a stable order: block, stages in order, check-in. */
export function dueActions(input: {
  now: Instant;
  calendar: BusinessCalendar;
  /** The schedule part of `.github/onboarding.yml`. */
  config: { reminders: { after: (number | string)[]; businessHours: boolean }; escalation: readonly EscalationStep[]; checkins: number[] };
  onboarding: SweepOnboarding;
}): SweepAction[] {
  const { calendar, config, onboarding } = input;
  const now = toDate(input.now, 'now');
  const actions: SweepAction[] = [];

  if (onboarding.completedAt !== null) {
    const checkin = checkinDue({
      completedAt: onboarding.completedAt,
      now,
      days: config.checkins,
      sent: onboarding.sent,
    });
    if (checkin) actions.push({ kind: 'checkin', ...checkin });
    return actions;
  }

  const blocked = onboarding.blocked !== null;
  if (onboarding.blocked !== null) {
    const step = blockEscalationDue({
      blockedSince: onboarding.blocked.since,
      now,
      ladder: config.escalation,
      calendar,
      sent: onboarding.sent,
    });
    if (step) actions.push({ kind: 'block-escalation', key: step.key, step: step.step, at: step.at, skipped: step.skipped });
  }

  for (const stage of onboarding.stages) {
    if (stage.state !== 'active' || stage.openItems <= 0 || stage.startedAt === null) continue;
    const prefix = stageSentKey(stage.key, '');
    const sent = onboarding.sent.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    const scoped = (key: string) => stageSentKey(stage.key, key);

    const reminder = reminderDue({
      startedAt: stage.startedAt,
      now,
      offsets: config.reminders.after,
      businessHours: config.reminders.businessHours,
      calendar,
      sent,
      snoozedUntil: laterOf(onboarding.snoozedUntil, stage.snoozedUntil),
      blocked,
    });
    if (reminder) {
      actions.push({
        kind: 'reminder',
        stageKey: stage.key,
        key: scoped(reminder.key),
        offsetIndex: reminder.offsetIndex,
        at: reminder.at,
        skipped: reminder.skipped.map(scoped),
      });
    }

    const escalation = escalationDue({ dueAt: stage.dueAt, now, ladder: config.escalation, calendar, sent, blocked });
    if (escalation) {
      actions.push({
        kind: 'escalation',
        stageKey: stage.key,
        key: scoped(escalation.key),
        step: escalation.step,
        at: escalation.at,
        skipped: escalation.skipped.map(scoped),
      });
    }
  }
  return actions;
}

function laterOf(a: Instant | null | undefined, b: Instant | null | undefined): Date | null {
  const x = toOptionalDate(a, 'onboarding.snoozedUntil');
  const y = toOptionalDate(b, 'stage.snoozedUntil');
  if (x === null) return y;
  if (y === null) return x;
  return x.getTime() >= y.getTime() ? x : y;
}

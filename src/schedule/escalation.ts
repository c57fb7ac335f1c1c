/**
 * Escalation of overdue and blocked work along the configured ladder (`escalation:` in
 * onboarding.yml). Step `after: n` is due n business days after the start point (`after: 0` at
 * the start point itself, moved to the next business day at the same time when that is not a
 * business day). Same newest-not-sent rule as reminders (see `ladder.ts`).
 *
 * - Overdue: counted from the stage's due date. Paused while the onboarding is blocked, because
 *   the block has its own escalation.
 * - Blocked: the same ladder counted from when the block started, so `after: 0` tells the first
 *   rung as soon as a sweep sees the block. Keys carry the block's start, so a later, new block
 *   escalates again from the first step.
 */
import type { BusinessCalendar } from './calendar.js';
import { type Instant, toDate, toOptionalDate } from './instant.js';
import { pickDueRung, type Rung } from './ladder.js';


/** One rung of an escalation ladder (`escalation:` in `.github/onboarding.yml`, validated by `config.ts`). */
export interface EscalationStep {
  /** Business days after the due date (0 = on the due date). */
  after: number;
  /** Who is mentioned: role names (`owners` = the stage's owners), `@user` or `@org/team`. */
  notify: string[];
}

/** The escalation step to send now. */
export interface EscalationDue {
  /** `e<step from 1>:+<after>bd` (overdue) or `b<step from 1>:+<after>bd@<block start ISO>` (blocked). */
  key: string;
  /** Position of the step in the ladder, from 0. */
  stepIndex: number;
  step: EscalationStep;
  /** When this step became due. */
  at: Date;
  /** Keys of older steps that are now pointless (record them as sent too). */
  skipped: string[];
}

function ladderDue(
  origin: Date,
  now: Date,
  ladder: readonly EscalationStep[],
  calendar: BusinessCalendar,
  sent: readonly string[],
  keyOf: (step: EscalationStep, index: number) => string,
): EscalationDue | null {
  const rungs: Rung[] = ladder.map((step, index) => ({
    key: keyOf(step, index),
    index,
    at: calendar.addBusinessDays(origin, step.after),
  }));
  const pick = pickDueRung(rungs, now, sent);
  if (!pick) return null;
  const index = pick.rung.index;
  return { key: pick.rung.key, stepIndex: index, step: ladder[index]!, at: pick.rung.at, skipped: pick.skipped };
}

/** The escalation step due for work due at `dueAt`, or null (no due date, blocked, or nothing new). */
export function escalationDue(input: {
  dueAt: Instant | null | undefined;
  now: Instant;
  ladder: readonly EscalationStep[];
  calendar: BusinessCalendar;
  sent: readonly string[];
  blocked?: boolean;
}): EscalationDue | null {
  const dueAt = toOptionalDate(input.dueAt, 'dueAt');
  if (dueAt === null || input.blocked) return null;
  return ladderDue(
    dueAt,
    toDate(input.now, 'now'),
    input.ladder,
    input.calendar,
    input.sent,
    (step, index) => `e${index + 1}:+${step.after}bd`,
  );
}

/** The escalation step due for a block that started at `blockedSince`, or null. */
export function blockEscalationDue(input: {
  blockedSince: Instant;
  now: Instant;
  ladder: readonly EscalationStep[];
  calendar: BusinessCalendar;
  sent: readonly string[];
}): EscalationDue | null {
  const since = toDate(input.blockedSince, 'blockedSince');
  const stamp = since.toISOString();
  return ladderDue(
    since,
    toDate(input.now, 'now'),
    input.ladder,
    input.calendar,
    input.sent,
    (step, index) => `b${index + 1}:+${step.after}bd@${stamp}`,
  );
}

/**
 * The scheduled customer mails as ladder rungs (`schedule/ladder.ts`), so they follow the team
 * reminders' rule: after downtime only the newest due rung goes out and the older ones are
 * reported as skipped.
 *
 * Scheduled mails (reminders, digests, check-ins) wait for business hours: a rung that falls on
 * a weekend, a holiday or at night becomes due at the next opening of the calendar, so a customer
 * is not mailed a reminder on Saturday evening. Mails that answer an event (welcome, your part,
 * go-live) go out at once and are not rungs.
 */
import type { BusinessCalendar } from '../schedule/calendar.js';
import { type Duration, durationAfter, parseDuration } from '../schedule/duration.js';
import type { Rung } from '../schedule/ladder.js';
import { reminderSchedule } from '../schedule/reminders.js';

const DAY_MS = 86_400_000;

const inBusinessHours = (calendar: BusinessCalendar, rung: Rung): Rung => ({ ...rung, at: calendar.nextBusinessStart(rung.at) });

/** A stage's reminder rungs for one contact: `remind:<stage>:<offset>:<ref>`. */
export function reminderRungs(input: {
  stageKey: string;
  startedAt: string;
  offsets: readonly (string | number)[];
  ref: string;
  calendar: BusinessCalendar;
}): Rung[] {
  const { calendar } = input;
  return reminderSchedule({ startedAt: input.startedAt, offsets: input.offsets, calendar }).map((rung) => {
    const text = (parseDuration(input.offsets[rung.index]!) as Duration).text;
    return inBusinessHours(calendar, { ...rung, key: `remind:${input.stageKey}:${text}:${input.ref}` });
  });
}

/** The digest period, parsed; throws on a value the config schema would have refused. */
export function digestPeriod(digest: string | number): Duration {
  const period = parseDuration(digest);
  if (!period.ok) throw new Error(`customer.digest: ${period.error}`);
  if (period.ms <= 0) throw new Error('customer.digest: the period must be longer than zero; use off to turn it off');
  return period;
}

/**
 * Digest rungs around `now` for one contact: `digest:<n>:<ref>`, period n ending n periods after
 * the start. Only the periods next to now are listed: older ones can never be the newest due.
 */
export function digestRungs(input: { startedAt: string; now: Date; period: Duration; ref: string; calendar: BusinessCalendar }): Rung[] {
  const { period, calendar } = input;
  const start = new Date(input.startedAt);
  const current = Math.floor((input.now.getTime() - start.getTime()) / period.ms);
  const rungs: Rung[] = [];
  for (let n = Math.max(1, current - 1); n <= current + 1; n++) {
    const scaled: Duration = { ...period, amount: period.amount * n, ms: period.ms * n };
    if (period.businessDays !== undefined) scaled.businessDays = period.businessDays * n;
    const at = durationAfter({ start, duration: scaled, calendar });
    rungs.push(inBusinessHours(calendar, { key: `digest:${n}:${input.ref}`, index: n, at }));
  }
  return rungs;
}

/** Check-in rungs for one contact: `checkin:<day>:<ref>`, days of 24 hours after completion. */
export function checkinRungs(input: { completedAt: string; days: readonly number[]; ref: string; calendar: BusinessCalendar }): Rung[] {
  const done = new Date(input.completedAt).getTime();
  return input.days.map((day, index) =>
    inBusinessHours(input.calendar, { key: `checkin:${day}:${input.ref}`, index, at: new Date(done + day * DAY_MS) }),
  );
}

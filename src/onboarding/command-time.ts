/**
 * The instants `/due` and `/snooze` set, from the values the command parser already read (pure).
 * Nothing is printed back to text and parsed again: `+2w` arrives as 14 calendar days, `3bd` as
 * three business days, and each is laid onto the repository's business calendar here.
 *
 * A due date always means "by close of business on a business day", whichever form set it:
 * - `2026-12-04`: that date; a weekend, holiday or closed date is refused with the next business
 *   day suggested, and so is a date whose close of business has passed.
 * - `+3` / `+3bd`: three business days from now (`addBusinessDays`), at that day's close.
 * - `+5d` / `+2w`: that many calendar days from now; landing on a closed day moves it to the next
 *   business day (the person asked for a distance, not for that weekday).
 */
import { DateTime } from 'luxon';
import type { DueSpec, Duration } from '../commands/index.js';
import type { BusinessCalendar } from '../schedule/index.js';
import { durationAfter } from '../schedule/index.js';

export type DueResult = { ok: true; dueAt: Date } | { ok: false; message: string };

const MINUTE_MS = 60_000;
const UNIT_MS: Record<Duration['unit'], number> = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 1_440 * MINUTE_MS, w: 10_080 * MINUTE_MS, bd: 1_440 * MINUTE_MS };

/** Noon of a local date: inside that date whatever the zone's DST rules. */
function localNoon(date: DateTime): Date {
  return date.set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** When a stage set by `/due` is due, or why that date cannot be used. */
export function dueAtFor(spec: DueSpec, context: { now: Date; calendar: BusinessCalendar }): DueResult {
  const { now, calendar } = context;
  if (spec.kind === 'offset' && spec.unit === 'businessDays') {
    return { ok: true, dueAt: calendar.endOfBusinessDay(calendar.addBusinessDays(now, spec.amount)) };
  }
  if (spec.kind === 'offset') {
    const day = localNoon(DateTime.fromJSDate(now, { zone: calendar.timezone }).plus({ days: spec.amount }));
    // `addBusinessDays(day, 0)`: the day itself when open, else the next business day.
    return { ok: true, dueAt: calendar.endOfBusinessDay(calendar.addBusinessDays(day, 0)) };
  }
  const local = DateTime.fromISO(spec.date, { zone: calendar.timezone });
  if (!local.isValid) return { ok: false, message: `${spec.date} is not a real date` };
  const day = localNoon(local);
  const reason = calendar.closedReason(day);
  if (reason !== null) {
    return { ok: false, message: `${spec.date} is not a business day (${reason}); the next business day is ${calendar.localDate(calendar.addBusinessDays(day, 0))}` };
  }
  const dueAt = calendar.endOfBusinessDay(day);
  if (dueAt.getTime() <= now.getTime()) return { ok: false, message: `${spec.date} is already past (business hours there end before now); pick a later date` };
  return { ok: true, dueAt };
}

/** Until when `/snooze <duration>` pauses reminders (business days on the calendar, the rest by the clock). */
export function snoozeUntilFor(duration: Duration, context: { now: Date; calendar: BusinessCalendar }): Date {
  const { amount, unit } = duration;
  return durationAfter({
    start: context.now,
    duration: { text: `${amount}${unit}`, amount, unit, ms: amount * UNIT_MS[unit], ...(unit === 'bd' ? { businessDays: amount } : {}) },
    calendar: context.calendar,
  });
}

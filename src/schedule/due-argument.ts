/**
 * The date argument of `/due <stage> <date | +N>`.
 *
 * Both forms mean "by close of business on a business day", so a due date set by hand reads the
 * same in every comment:
 * - `2026-12-01`: that date in the calendar's time zone, due at the end of its business hours.
 *   A weekend, holiday or closed date is refused with the next business day suggested, and so is
 *   a date whose close of business has already passed.
 * - `+3` (or `+3bd`): three business days from now (same counting as `addBusinessDays`, so from a
 *   weekend the count starts on the next business day), due at the end of that day's business hours.
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar } from './calendar.js';

/** Most business days `+N` accepts: about two years, to catch typos like `+300000`. */
const MAX_BUSINESS_DAYS = 520;

/** A due instant, or a message for the comment that says what to write instead. */
export type DueArgumentResult = { ok: true; dueAt: Date } | { ok: false; error: string };

const USAGE = 'use a date like 2026-12-01 or +3 (business days from now)';

/** Parse a `/due` date argument against `now` in `calendar`'s time zone. */
export function parseDueArgument(arg: string, context: { now: Date; calendar: BusinessCalendar }): DueArgumentResult {
  const { now, calendar } = context;
  const text = arg.trim();

  const relative = /^\+(\d+)(?:bd)?$/i.exec(text);
  if (relative) {
    const days = Number(relative[1]);
    if (days < 1 || days > MAX_BUSINESS_DAYS) {
      return { ok: false, error: `"${text}": use between +1 and +${MAX_BUSINESS_DAYS} business days` };
    }
    return { ok: true, dueAt: calendar.endOfBusinessDay(calendar.addBusinessDays(now, days)) };
  }

  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: false, error: `"${text}" is not a due date; ${USAGE}` };
  const local = DateTime.fromISO(text, { zone: calendar.timezone });
  if (!local.isValid) return { ok: false, error: `"${text}" is not a real date; ${USAGE}` };
  // Noon is safely inside the local date whatever the DST rules of the zone.
  const day = local.set({ hour: 12 }).toJSDate();
  const reason = calendar.closedReason(day);
  if (reason !== null) {
    const next = calendar.localDate(calendar.addBusinessDays(day, 0));
    return { ok: false, error: `${text} is not a business day (${reason}); the next business day is ${next}` };
  }
  const dueAt = calendar.endOfBusinessDay(day);
  if (dueAt.getTime() <= now.getTime()) {
    return { ok: false, error: `${text} is already past (business hours there end before now); pick a later date` };
  }
  return { ok: true, dueAt };
}

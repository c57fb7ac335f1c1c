/** Shared test helpers: calendars from partial config, and readable local times. */
import { DateTime } from 'luxon';
import { type CalendarConfig, calendarSchema } from '../../src/config.js';
import { type BusinessCalendar, createCalendar } from '../../src/schedule/calendar.js';

/** A calendar from a partial `calendar:` block, defaults applied the way config loading does. */
export function calendarFrom(partial: Partial<CalendarConfig> = {}): BusinessCalendar {
  return createCalendar(calendarSchema.parse(partial));
}

/** The instant of a local wall-clock time, `2026-03-27 09:00`, in `zone`. */
export function at(local: string, zone = 'UTC'): Date {
  const parsed = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone });
  if (!parsed.isValid) throw new Error(`bad local time in test: ${local}`);
  return parsed.toJSDate();
}

/** A Date shown as local wall-clock time with its weekday: `Mon 2026-03-30 09:00`. */
export function local(date: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

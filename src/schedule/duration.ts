/**
 * Durations as written in config and templates (`24h`, `90m`, `7d`, `1w`, `3bd`, or a number of
 * hours), and how one is laid onto the calendar.
 */
import type { BusinessCalendar } from './calendar.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS, bd: DAY_MS } as const;

/** `m` minutes, `h` hours, `d` days, `w` weeks, `bd` business days. */
export type DurationUnit = keyof typeof UNIT_MS;

/** A parsed duration. */
export interface Duration {
  /** Canonical spelling, used in reminder keys: `24h`, `1.5h`, `3bd`. */
  text: string;
  amount: number;
  unit: DurationUnit;
  /**
   * Wall-clock length in milliseconds. For `bd` this is an approximation (one calendar day per
   * business day) that only orders and formats; lay it onto a calendar with `durationAfter`.
   */
  ms: number;
  /** Set for `bd` durations: a whole number of business days. */
  businessDays?: number;
}

/** A duration, or a message saying what to write instead. */
export type DurationResult = ({ ok: true } & Duration) | { ok: false; error: string };

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w|bd)\s*$/i;

/** Parse `24h`, `90m`, `7d`, `1w`, `3bd` or a number of hours (the syntax `durationSchema` accepts). */
export function parseDuration(text: string | number): DurationResult {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) {
      return { ok: false, error: `${text} is not a duration; use a number of hours >= 0, or a text like 24h` };
    }
    return { ok: true, text: `${text}h`, amount: text, unit: 'h', ms: text * HOUR_MS };
  }
  const match = DURATION.exec(text);
  if (!match) {
    return { ok: false, error: `"${text}" is not a duration; use one like 90m, 24h, 2d, 1w or 3bd (business days)` };
  }
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase() as DurationUnit;
  if (unit === 'bd' && !Number.isInteger(amount)) {
    return { ok: false, error: `"${text}": business days must be a whole number, like 3bd` };
  }
  const duration: Duration = { text: `${amount}${unit}`, amount, unit, ms: amount * UNIT_MS[unit] };
  if (unit === 'bd') duration.businessDays = amount;
  return { ok: true, ...duration };
}

/** `2d 4h`, `1h 30m`, `0m`: days, hours and minutes that are not zero, rounded to the minute. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const minutes = Math.round(ms / MINUTE_MS);
  const parts: string[] = [];
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes % 60 > 0) parts.push(`${minutes % 60}m`);
  return parts.length > 0 ? parts.join(' ') : '0m';
}

/**
 * The instant `duration` after `start`.
 * - `bd` always counts business days (`calendar.addBusinessDays`, keeping the time of day).
 * - Otherwise, by default, wall-clock time: `24h` is 24 hours later, weekend or not.
 * - With `businessHours`, time counts only inside the business-hours window: `24h` is 24 business
 *   hours (three 8-hour days), and a day means one window (`1d` = 8 business hours), a week
 *   `workdaysPerWeek` windows, so fractions like `1.5d` still work.
 */
export function durationAfter(input: {
  start: Date;
  duration: Duration;
  calendar: BusinessCalendar;
  businessHours?: boolean;
}): Date {
  const { start, duration, calendar } = input;
  if (duration.businessDays !== undefined) return calendar.addBusinessDays(start, duration.businessDays);
  if (!input.businessHours) return new Date(start.getTime() + duration.ms);
  const hours =
    duration.unit === 'd'
      ? duration.amount * calendar.hoursPerDay
      : duration.unit === 'w'
        ? duration.amount * calendar.workdaysPerWeek * calendar.hoursPerDay
        : duration.ms / HOUR_MS;
  return calendar.addBusinessHours(start, hours);
}

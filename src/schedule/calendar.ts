/**
 * The business calendar: which local dates are working days, and arithmetic in business days and
 * business hours. Pure: holidays come from date-holidays' bundled data, never the network, and the
 * per-year holiday cache lives inside each calendar object.
 *
 * Rules (the tests pin each one):
 * - A date is a business day when its local weekday (in `timezone`) is one of `workdays`, it is not
 *   a `public` holiday of `holidays`, and it is not listed in `closed`. Holiday types `bank`,
 *   `optional`, `school` and `observance` stay working days: they are half days (German Heiliger
 *   Abend from 14:00) or days many businesses work (Dutch Oudejaarsavond, US Christmas Eve).
 * - Day arithmetic is done on local calendar dates and the local time of day is kept, so adding
 *   business days across a DST change keeps 09:00 at 09:00. A local time that does not exist on the
 *   target date (inside a spring-forward gap) moves forward by the gap, as luxon does.
 * - A start on a non-business day counts from the next business day: Saturday + 1 = Tuesday,
 *   Saturday + 0 = Monday, Saturday - 1 = Friday (one rule for both directions).
 * - `businessDaysBetween(a, b)` counts the business days passed going from a's date to b's date,
 *   counting b's date but not a's; the time of day is ignored. Friday -> Monday = 1, Friday ->
 *   Saturday = 0, and it is negative when b is earlier.
 * - Business hours are the window [hours.start, hours.end) of local time on business days.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';

/**
 * date-holidays, loaded the first time a calendar names holidays: its tables cost about a third
 * of a second of CPU to load, which every run of the GitHub Action (a fresh process per event)
 * would pay whether the repository uses holidays or not. Bundled data, never the network.
 */
let holidaysClass: typeof HolidaysClass | null = null;
function Holidays(): typeof HolidaysClass {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return holidaysClass;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A calendar with no business day in this many consecutive days is treated as broken. */
const MAX_CLOSED_RUN = 3 * 366;

/**
 * What a calendar is built from (the `calendar` block of `.github/onboarding.yml`, validated by
 * `config.ts`; declared here so the schedule does not depend on the config module that uses it).
 */
export interface CalendarConfig {
  /** IANA time zone business days are counted in. */
  timezone: string;
  /** Working weekdays, 1 = Monday ... 7 = Sunday. */
  workdays: number[];
  /** Public holidays from date-holidays: a country (`NL`), or country-state (`US-CA`). */
  holidays?: string | undefined;
  /** Extra closed dates, `YYYY-MM-DD`. */
  closed: string[];
  /** Business hours, used when reminders count in business hours. */
  hours: { start: number; end: number };
}

/** Business-day arithmetic in one configured time zone. All instants are UTC `Date`s. */
export interface BusinessCalendar {
  /** IANA time zone the calendar counts in. */
  readonly timezone: string;
  /** How many weekdays are workdays (5 for Monday to Friday). */
  readonly workdaysPerWeek: number;
  /** Length of the business-hours window in hours (8 for 9 to 17). */
  readonly hoursPerDay: number;
  /** Whether the local date of `date` is a business day. */
  isBusinessDay(date: Date): boolean;
  /** Why the local date of `date` is not a business day (`Saturday`, a holiday's name, `closed`), or null. */
  closedReason(date: Date): string | null;
  /** `n` business days after (or before, when negative) `start`, at the same local time of day. */
  addBusinessDays(start: Date, n: number): Date;
  /** Signed count of business days from a's local date to b's local date (b's date counts, a's does not). */
  businessDaysBetween(a: Date, b: Date): number;
  /** `hours` (>= 0, fractions allowed) of business hours after `start`, counted inside the hours window. */
  addBusinessHours(start: Date, hours: number): Date;
  /** `date` itself when it falls inside business hours, else the next opening of business hours. */
  nextBusinessStart(date: Date): Date;
  /** The close of business hours on the local date of `date` (whether or not it is a business day). */
  endOfBusinessDay(date: Date): Date;
  /** The local date of `date` as `YYYY-MM-DD`. */
  localDate(date: Date): string;
}

/** A local time of day, kept while moving between dates. */
interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Build a calendar from validated config. Throws an Error naming the config property and the fix
 * when the time zone, holiday country, closed dates, workdays or hours cannot work.
 */
export function createCalendar(config: CalendarConfig): BusinessCalendar {
  const timezone = config.timezone;
  if (!IANAZone.isValidZone(timezone)) {
    throw new Error(
      `calendar.timezone: "${timezone}" is not an IANA time zone; use a name like Europe/Amsterdam or America/New_York`,
    );
  }
  const workdays = new Set(config.workdays);
  if (workdays.size === 0) {
    throw new Error('calendar.workdays: list at least one working weekday (1 = Monday ... 7 = Sunday)');
  }
  const { start: openHour, end: closeHour } = config.hours;
  if (openHour >= closeHour) {
    throw new Error(
      `calendar.hours: start (${openHour}) must be before end (${closeHour}); business hours cannot wrap past midnight`,
    );
  }
  const closed = new Set<string>();
  for (const iso of config.closed) {
    if (!DateTime.fromISO(iso, { zone: 'utc' }).isValid) {
      throw new Error(`calendar.closed: "${iso}" is not a real date; use YYYY-MM-DD`);
    }
    closed.add(iso);
  }
  const holidaysOf = config.holidays ? holidayLookup(config.holidays) : () => new Map<string, string>();

  const toLocal = (date: Date): DateTime => DateTime.fromJSDate(date, { zone: timezone });
  const dayOf = (local: DateTime): number => Math.floor(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
  const timeOf = (local: DateTime): TimeOfDay => ({
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    millisecond: local.millisecond,
  });
  const at = (day: number, time: TimeOfDay): DateTime => {
    const d = new Date(day * DAY_MS);
    return DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ...time },
      { zone: timezone },
    );
  };
  const hourOn = (day: number, hour: number): DateTime =>
    hour === 24 ? at(day + 1, midnight) : at(day, { ...midnight, hour });

  const reasonClosed = (day: number): string | null => {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday
    if (!workdays.has(weekday)) return WEEKDAYS[weekday - 1]!;
    const iso = isoOf(day);
    if (closed.has(iso)) return 'closed';
    return holidaysOf(Number(iso.slice(0, 4))).get(iso) ?? null;
  };
  const isOpen = (day: number): boolean => reasonClosed(day) === null;

  /** The first business day at or after `day` (or before, with step -1). */
  const scan = (day: number, step: 1 | -1): number => {
    for (let d = day, run = 0; run <= MAX_CLOSED_RUN; d += step, run++) {
      if (isOpen(d)) return d;
    }
    throw new Error(
      `calendar: no business day within ${MAX_CLOSED_RUN} days of ${isoOf(day)}; check calendar.workdays and calendar.closed`,
    );
  };

  /** Business days in (from, to], for from <= to. */
  const countOpen = (from: number, to: number): number => {
    let count = 0;
    for (let d = from + 1; d <= to; d++) if (isOpen(d)) count++;
    return count;
  };

  const nextStart = (date: Date): DateTime => {
    const local = toLocal(date);
    const day = dayOf(local);
    if (isOpen(day)) {
      const open = hourOn(day, openHour);
      if (date.getTime() < open.toMillis()) return open;
      if (date.getTime() < hourOn(day, closeHour).toMillis()) return local;
    }
    return hourOn(scan(day + 1, 1), openHour);
  };

  return {
    timezone,
    workdaysPerWeek: workdays.size,
    hoursPerDay: closeHour - openHour,
    isBusinessDay: (date) => isOpen(dayOf(toLocal(date))),
    closedReason: (date) => reasonClosed(dayOf(toLocal(date))),
    localDate: (date) => isoOf(dayOf(toLocal(date))),
    endOfBusinessDay: (date) => hourOn(dayOf(toLocal(date)), closeHour).toJSDate(),

    addBusinessDays(start, n) {
      if (!Number.isInteger(n)) throw new RangeError(`addBusinessDays: n must be a whole number, got ${n}`);
      const local = toLocal(start);
      let day = scan(dayOf(local), 1);
      const step = n < 0 ? -1 : 1;
      for (let left = Math.abs(n); left > 0; left--) day = scan(day + step, step);
      return at(day, timeOf(local)).toJSDate();
    },

    businessDaysBetween(a, b) {
      const from = dayOf(toLocal(a));
      const to = dayOf(toLocal(b));
      return to >= from ? countOpen(from, to) : 0 - countOpen(to, from); // 0 - x: never -0
    },

    addBusinessHours(start, hours) {
      if (!Number.isFinite(hours) || hours < 0) {
        throw new RangeError(`addBusinessHours: hours must be a finite number >= 0, got ${hours}`);
      }
      let left = hours * HOUR_MS;
      let cursor = nextStart(start);
      for (;;) {
        const day = dayOf(cursor);
        const close = hourOn(day, closeHour).toMillis();
        const available = close - cursor.toMillis();
        if (left <= available) return new Date(cursor.toMillis() + left);
        left -= available;
        cursor = hourOn(scan(day + 1, 1), openHour);
      }
    },

    nextBusinessStart: (date) => nextStart(date).toJSDate(),
  };
}

const midnight: TimeOfDay = { hour: 0, minute: 0, second: 0, millisecond: 0 };
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Public holidays of `code` (`NL`, `US-CA`, `DE-BY`) by year, as a map of local date -> name.
 * Validates the code up front: date-holidays silently returns nothing for an unknown country and
 * falls back to the country for an unknown state, which would hide a typo.
 */
function holidayLookup(code: string): (year: number) => Map<string, string> {
  const [country = '', state, region] = code.trim().toUpperCase().split('-');
  const Known = Holidays();
  const known = new Known();
  if (!(country in known.getCountries())) {
    throw new Error(
      `calendar.holidays: "${code}" is not a country date-holidays knows; use an ISO code like NL or US-CA`,
    );
  }
  if (state !== undefined && !(state in (known.getStates(country) ?? {}))) {
    throw new Error(
      `calendar.holidays: "${code}": ${country} has no state "${state}" in date-holidays; use an ISO 3166-2 code like US-CA, or just ${country}`,
    );
  }
  if (region !== undefined && state !== undefined && !(region in (known.getRegions(country, state) ?? {}))) {
    throw new Error(
      `calendar.holidays: "${code}": ${country}-${state} has no region "${region}" in date-holidays; use ${country}-${state}`,
    );
  }
  const source =
    state === undefined
      ? new Known(country)
      : region === undefined
        ? new Known(country, state)
        : new Known(country, state, region);
  const byYear = new Map<number, Map<string, string>>();
  return (year) => {
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Map();
      for (const holiday of source.getHolidays(year)) {
        // `date` is the local date and time as written by date-holidays: "2026-04-27 00:00:00".
        if (holiday.type === 'public') dates.set(holiday.date.slice(0, 10), holiday.name);
      }
      byYear.set(year, dates);
    }
    return dates;
  };
}

/**
 * Instants as the schedule core accepts them: a `Date`, or an ISO 8601 string as stored in the
 * status comment's JSON. Everything the core returns is a `Date`.
 */

/** A point in time: a `Date` or an ISO 8601 string with an offset (`2026-03-02T09:00:00Z`). */
export type Instant = Date | string;

/** The `Date` of an instant; throws a TypeError naming `label` when it is not a valid time. */
export function toDate(value: Instant, label: string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(`${label}: "${String(value)}" is not a valid time; use an ISO 8601 string like 2026-03-02T09:00:00Z`);
  }
  return date;
}

/** `toDate` for optional instants: null and undefined stay null. */
export function toOptionalDate(value: Instant | null | undefined, label: string): Date | null {
  return value === null || value === undefined ? null : toDate(value, label);
}

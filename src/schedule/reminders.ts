/**
 * Which reminder of a stage is due: offsets (`24h`, `48h`, `7d`) count from the stage's start;
 * the newest passed offset not yet sent is returned, older unsent ones are reported as skipped
 * (see `ladder.ts`), so a sweep after downtime sends one reminder, not a burst.
 */
import type { BusinessCalendar } from './calendar.js';
import { durationAfter, parseDuration } from './duration.js';
import { type Instant, toDate, toOptionalDate } from './instant.js';
import { pickDueRung, type Rung } from './ladder.js';

/** The reminder to send now. */
export interface ReminderDue {
  /** `r<position from 1>:<offset>`, e.g. `r1:24h`; record it in `sent` once sent. */
  key: string;
  /** Position of the offset in the configured list, from 0. */
  offsetIndex: number;
  /** When this reminder became due. */
  at: Date;
  /** Keys of older reminders that are now pointless (record them as sent too). */
  skipped: string[];
}

/** Each offset's key and due time. Throws on an offset `parseDuration` rejects (config validates them). */
export function reminderSchedule(input: {
  startedAt: Instant;
  offsets: readonly (string | number)[];
  businessHours?: boolean;
  calendar: BusinessCalendar;
}): Rung[] {
  const start = toDate(input.startedAt, 'startedAt');
  return input.offsets.map((offset, index) => {
    const duration = parseDuration(offset);
    if (!duration.ok) throw new Error(`reminders.after[${index}]: ${duration.error}`);
    const at = durationAfter({ start, duration, calendar: input.calendar, businessHours: input.businessHours });
    return { key: `r${index + 1}:${duration.text}`, index, at };
  });
}

/**
 * The reminder due at `now`, or null: nothing while `blocked` (blocks escalate instead), while
 * snoozed until after `now`, or when every passed offset was sent or superseded by a later one.
 * A reminder exactly at its offset is due.
 */
export function reminderDue(input: {
  startedAt: Instant;
  now: Instant;
  offsets: readonly (string | number)[];
  businessHours?: boolean;
  calendar: BusinessCalendar;
  sent: readonly string[];
  snoozedUntil?: Instant | null;
  blocked?: boolean;
}): ReminderDue | null {
  if (input.blocked) return null;
  const now = toDate(input.now, 'now');
  const snoozedUntil = toOptionalDate(input.snoozedUntil, 'snoozedUntil');
  if (snoozedUntil !== null && snoozedUntil.getTime() > now.getTime()) return null;
  const pick = pickDueRung(reminderSchedule(input), now, input.sent);
  if (!pick) return null;
  return { key: pick.rung.key, offsetIndex: pick.rung.index, at: pick.rung.at, skipped: pick.skipped };
}

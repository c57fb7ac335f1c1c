/**
 * Follow-up check-ins after an onboarding completes (`checkins: [30, 60, 90]`), in calendar days
 * of 24 hours from completion. Same newest-not-sent rule as reminders (see `ladder.ts`): after a
 * long outage only the latest due check-in goes out.
 */
import { type Instant, toDate, toOptionalDate } from './instant.js';
import { pickDueRung } from './ladder.js';

const DAY_MS = 86_400_000;

/** The check-in to send now. */
export interface CheckinDue {
  /** `c<days>`, e.g. `c30`. */
  key: string;
  days: number;
  /** When this check-in became due. */
  at: Date;
  /** Keys of older check-ins that are now pointless (record them as sent too). */
  skipped: string[];
}

/** The check-in due at `now`, or null when not completed, none passed, or all sent or superseded. */
export function checkinDue(input: {
  completedAt: Instant | null | undefined;
  now: Instant;
  days: readonly number[];
  sent: readonly string[];
}): CheckinDue | null {
  const completedAt = toOptionalDate(input.completedAt, 'completedAt');
  if (completedAt === null) return null;
  const rungs = input.days.map((days, index) => ({
    key: `c${days}`,
    index,
    at: new Date(completedAt.getTime() + days * DAY_MS),
  }));
  const pick = pickDueRung(rungs, toDate(input.now, 'now'), input.sent);
  if (!pick) return null;
  return { key: pick.rung.key, days: input.days[pick.rung.index]!, at: pick.rung.at, skipped: pick.skipped };
}

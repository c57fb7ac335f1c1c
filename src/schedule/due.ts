/**
 * Due dates of stages and of the whole onboarding, and how a due date stands at a given time.
 * Due dates are counted in business days from the start and keep the start's local time of day
 * (see `calendar.ts`): a stage started Monday 10:00 with 5 days is due the next Monday 10:00.
 */
import type { BusinessCalendar } from './calendar.js';
import { type Instant, toDate, toOptionalDate } from './instant.js';

/** Where a due date stands: no due date, comfortably ahead, within the warning window, or passed. */
export type DueStatus = 'on-track' | 'due-soon' | 'overdue' | 'none';

/** When a stage started at `startedAt` with `dueDays` business days is due; null without a due. */
export function stageDueAt(input: {
  startedAt: Instant;
  dueDays: number | null | undefined;
  calendar: BusinessCalendar;
}): Date | null {
  if (input.dueDays === null || input.dueDays === undefined) return null;
  return input.calendar.addBusinessDays(toDate(input.startedAt, 'startedAt'), input.dueDays);
}

/** When an onboarding started at `startedAt` should be complete, `targetDays` business days later. */
export function onboardingTargetAt(input: { startedAt: Instant; targetDays: number; calendar: BusinessCalendar }): Date {
  return input.calendar.addBusinessDays(toDate(input.startedAt, 'startedAt'), input.targetDays);
}

/**
 * `overdue` once `now` is after `dueAt` (exactly at `dueAt` is still in time); `due-soon` when
 * the due date is at most `soonBusinessDays` business days ahead (today counts as 0, so with the
 * default 1 a stage due Monday is due-soon from Friday on); `none` without a due date.
 */
export function dueStatus(input: {
  dueAt: Instant | null | undefined;
  now: Instant;
  calendar: BusinessCalendar;
  soonBusinessDays?: number;
}): DueStatus {
  const dueAt = toOptionalDate(input.dueAt, 'dueAt');
  if (dueAt === null) return 'none';
  const now = toDate(input.now, 'now');
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  const ahead = input.calendar.businessDaysBetween(now, dueAt);
  return ahead <= (input.soonBusinessDays ?? 1) ? 'due-soon' : 'on-track';
}

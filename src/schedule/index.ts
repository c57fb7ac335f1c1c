/** The schedule core's public surface. Re-exports only: logic lives in the named modules. */
export { type BusinessCalendar, createCalendar } from './calendar.js';
export { type CheckinDue, checkinDue } from './checkins.js';
export { type DueStatus, dueStatus, onboardingTargetAt, stageDueAt } from './due.js';
export { type DueArgumentResult, parseDueArgument } from './due-argument.js';
export {
  type Duration,
  type DurationResult,
  type DurationUnit,
  durationAfter,
  formatDuration,
  parseDuration,
} from './duration.js';
export { blockEscalationDue, type EscalationDue, escalationDue } from './escalation.js';
export { type Instant, toDate } from './instant.js';
export { type ReminderDue, reminderDue, reminderSchedule } from './reminders.js';
export {
  dueActions,
  type SweepAction,
  type SweepOnboarding,
  type SweepStage,
  stageSentKey,
} from './sweep-plan.js';

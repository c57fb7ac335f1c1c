/**
 * Due dates of an onboarding's stages and its overall target, from stored state and the
 * business calendar (pure). A stage is due `dueDays` business days after it started, unless
 * `/due` set a date.
 */
import type { CalendarConfig } from '../config.js';
import { type BusinessCalendar, createCalendar, type DueStatus, dueStatus, onboardingTargetAt, stageDueAt } from '../schedule/index.js';
import { type Forecast, forecastOnboarding } from './forecast.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

export interface DueInfo {
  due: Record<string, { dueAt: string | null; status: DueStatus }>;
  targetAt: string | null;
  /** When the onboarding is expected to finish, from its stage graph. */
  forecast?: Forecast;
}

/** Calendars are cheap but cache holidays inside: build one per config object and reuse it. */
export function calendarFor(config: CalendarConfig, cache: WeakMap<object, BusinessCalendar>): BusinessCalendar {
  let calendar = cache.get(config);
  if (!calendar) {
    calendar = createCalendar(config);
    cache.set(config, calendar);
  }
  return calendar;
}

/**
 * When a stage is due (ISO), or null while it has not started / has no due days. A `/due` date
 * wins; otherwise the earlier of `dueDays` after the stage's own start and `deadlineDays` after
 * the onboarding's start (`onboardingStartedAt`), which is known before the stage starts.
 */
export function stageDue(stage: StoredState['stages'][number], calendar: BusinessCalendar, onboardingStartedAt?: string | null): string | null {
  if (stage.dueAt) return stage.dueAt;
  const own = stage.startedAt && stage.dueDays ? stageDueAt({ startedAt: stage.startedAt, dueDays: stage.dueDays, calendar }) : null;
  const deadline = stage.deadlineDays && onboardingStartedAt ? stageDueAt({ startedAt: onboardingStartedAt, dueDays: stage.deadlineDays, calendar }) : null;
  const due = own && deadline ? new Date(Math.min(own.getTime(), deadline.getTime())) : (own ?? deadline);
  return due?.toISOString() ?? null;
}

export function dueInfo(state: StoredState, stages: StageView[], calendar: BusinessCalendar, now: Date): DueInfo {
  const due: DueInfo['due'] = {};
  for (const view of stages) {
    const dueAt = stageDue(view.stored, calendar, state.startedAt);
    const status: DueStatus = !dueAt || view.status === 'done' ? 'none' : dueStatus({ dueAt, now, calendar });
    due[view.key] = { dueAt, status };
  }
  const targetAt = state.targetDays
    ? onboardingTargetAt({ startedAt: state.startedAt, targetDays: state.targetDays, calendar }).toISOString()
    : null;
  return { due, targetAt, forecast: forecastOnboarding({ state, calendar, now }) };
}

/**
 * When an onboarding will finish (pure): the longest remaining path through its stage graph, in
 * business days, from what is done, what is under way and what each stage may take.
 *
 * - A done stage finished when it did (early or late, its dependents move with it).
 * - A stage under way finishes when it is due, or today if it is already past that.
 * - A stage not started begins when its last prerequisite finishes (today at the earliest) and
 *   takes its `due:` days; a `deadline:` from the onboarding's start or a `/due` date caps that.
 * - The onboarding finishes when its last required stage does.
 *
 * The plan is the same computation on the day the onboarding started, before anything was done;
 * the slip is how many business days the forecast lies past the plan (negative: ahead of it).
 */
import type { BusinessCalendar } from '../schedule/calendar.js';
import { topologicalOrder } from '../template/stage-graph.js';
import { storedGraph, storedPrerequisites } from './graph.js';
import type { StageState, StoredState } from './state.js';

/** The forecast of one onboarding. */
export interface Forecast {
  /** When the last required stage is expected to be done (ISO); null when cancelled or empty. */
  forecastAt: string | null;
  /** The same when the onboarding started (ISO): its plan. */
  plannedAt: string | null;
  /** Business days from the plan to the forecast: positive when late, negative when ahead. */
  slipDays: number | null;
  /** Expected finish per applicable stage key (ISO). */
  finish: Record<string, string>;
  /** Expected (or actual) start per applicable stage key (ISO). */
  start: Record<string, string>;
}

type Timing = Pick<StageState, 'startedAt' | 'completedAt' | 'dueAt'>;

const later = (a: Date, b: Date) => (b.getTime() > a.getTime() ? b : a);

/** Expected finish of every applicable stage, in milliseconds. */
function finishTimes(
  state: Pick<StoredState, 'startedAt' | 'stages'>,
  timing: (stage: StageState) => Timing,
  calendar: BusinessCalendar,
  now: Date,
  starts = new Map<string, Date>(),
): Map<string, Date> {
  const pre = storedPrerequisites(state.stages);
  const byKey = new Map(state.stages.map((s) => [s.key, s]));
  const finish = new Map<string, Date>();
  const onboardingStart = new Date(state.startedAt);
  for (const key of topologicalOrder(storedGraph(state.stages), pre)) {
    const stage = byKey.get(key)!;
    const t = timing(stage);
    if (t.completedAt) {
      finish.set(key, new Date(t.completedAt));
      if (t.startedAt) starts.set(key, new Date(t.startedAt));
      continue;
    }
    let start = t.startedAt ? new Date(t.startedAt) : now;
    if (!t.startedAt) for (const p of pre.get(key) ?? []) start = later(start, finish.get(p) ?? now);
    starts.set(key, start);
    let end = stage.dueDays ? calendar.addBusinessDays(start, stage.dueDays) : start;
    if (stage.deadlineDays) {
      const deadline = calendar.addBusinessDays(onboardingStart, stage.deadlineDays);
      end = stage.dueDays && end.getTime() < deadline.getTime() ? end : deadline;
    }
    if (t.dueAt) end = new Date(t.dueAt);
    finish.set(key, later(later(end, start), now));
  }
  return finish;
}

/** The end of the onboarding: the latest finish of its required stages (of all, if none is). */
function endOf(state: Pick<StoredState, 'stages'>, finish: Map<string, Date>): Date | null {
  const applicable = state.stages.filter((s) => s.applicable !== false);
  const required = applicable.filter((s) => s.optional !== true);
  let end: Date | null = null;
  for (const s of required.length > 0 ? required : applicable) {
    const f = finish.get(s.key);
    if (f) end = end ? later(end, f) : f;
  }
  return end;
}

/** Forecast an onboarding's end, and its slip against the plan it started with. */
export function forecastOnboarding(args: { state: StoredState; calendar: BusinessCalendar; now: Date }): Forecast {
  const { state, calendar, now } = args;
  const none: Forecast = { forecastAt: null, plannedAt: null, slipDays: null, finish: {}, start: {} };
  if (state.cancelled || state.stages.length === 0) return none;
  const start = new Date(state.startedAt);
  const planned = endOf(state, finishTimes(state, () => ({ startedAt: null, completedAt: null, dueAt: null }), calendar, start));
  const starts = new Map<string, Date>();
  const finish = finishTimes(state, (s) => s, calendar, now, starts);
  const end = state.completedAt ? new Date(state.completedAt) : endOf(state, finish);
  if (!end || !planned) return none;
  return {
    forecastAt: end.toISOString(),
    plannedAt: planned.toISOString(),
    slipDays: calendar.businessDaysBetween(planned, end),
    finish: Object.fromEntries([...finish].map(([k, d]) => [k, d.toISOString()])),
    start: Object.fromEntries([...starts].map(([k, d]) => [k, d.toISOString()])),
  };
}

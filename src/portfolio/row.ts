/**
 * One onboarding as a row of the portfolio (`embark report`, the dashboard issue), from what the
 * sweep's search pages already hold: the EPIC, its stage issues' bodies and states, and the state
 * decoded from the status comment. Pure: the calendar and `now` are passed in.
 */
import { stageDue } from '../onboarding/due.js';
import { type Forecast, forecastOnboarding } from '../onboarding/forecast.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import { deriveStages, frontierIndex, type StageView } from '../onboarding/view.js';
import type { BusinessCalendar } from '../schedule/index.js';
import { onboardingTargetAt } from '../schedule/index.js';
import { businessDaysBlocked } from './blocked.js';
import { type SurveyScore, type SurveySummary, surveyScores, surveySummary } from './satisfaction.js';

/** The five statuses of the portfolio, in the order tables and counts show them. */
export const STATUSES = ['active', 'blocked', 'overdue', 'completed', 'cancelled'] as const;
export type PortfolioStatus = (typeof STATUSES)[number];

/** One onboarding, exactly as `embark report --json` writes it (the contract in the README). */
export interface OnboardingRow {
  repo: string;
  epic: number;
  url: string;
  customer: string;
  template: string;
  templateVersion: string | null;
  status: PortfolioStatus;
  /** The active stage, counted from 0 in the EPIC's stage order; null once closed. */
  stage: { index: number; title: string } | null;
  progress: { done: number; total: number };
  /** People behind the active stage's roles; every role of the onboarding once it is closed. */
  owners: Record<string, string[]>;
  startedAt: string;
  /** The onboarding's target: `targetDays` business days after the start. */
  dueAt: string | null;
  completedAt: string | null;
  /** Completed by the due date; false as soon as an open onboarding is past it; else null. */
  onTime: boolean | null;
  /** Business days from the start to completion, cancellation or now. */
  businessDaysOpen: number;
  /** Business days spent blocked (closed blocks from the activity log, plus the current one). */
  businessDaysBlocked: number;
  /** The customer's survey answers: counts and scores only (never comments or who answered). */
  survey: SurveySummary;
  /** When the onboarding is expected to finish (its completion once complete); null when cancelled. */
  forecastAt: string | null;
  /** Business days the forecast lies past the plan it started with (negative: ahead); null when cancelled. */
  slipDays: number | null;
  /** Fingerprint of the template checklist the onboarding runs (`/upgrade` changes it); null when unknown. */
  templateFingerprint: string | null;
}

/** A stage that was started and completed: its cycle, counted once however often it was reopened. */
export interface StageCycle {
  stage: string;
  index: number;
  businessDays: number;
}

/** A row plus what the KPIs need and the JSON does not show. */
export interface PortfolioEntry {
  row: OnboardingRow;
  stageCycles: StageCycle[];
  /** When the active stage is due (for the dashboard's due column), or null. */
  stageDueAt: string | null;
  /** When the onboarding closed (completed or cancelled), or null while open. */
  closedAt: string | null;
  /** The survey answers' scores, for CSAT over the report (contacts and comments left behind). */
  surveys: SurveyScore[];
}

/** The part of a search-page entry a row is built from. */
export interface PortfolioSource {
  owner: string;
  repo: string;
  epic: number;
  url: string;
  /** The stage issues as the sweep's search page holds them. */
  stages: { number: number; body: string; state: 'open' | 'closed' }[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  closedAt: string | null;
}

/** A snapshot holding just the stage issues' bodies and states, enough to count items. */
function stagesOnly(source: PortfolioSource, state: StoredState): OnboardingSnapshot {
  const keys = new Map(state.stages.filter((s) => s.issue !== null).map((s) => [s.issue!, s.key]));
  const issue = (number: number, body: string, st: 'open' | 'closed') => ({
    number, nodeId: '', databaseId: 0, title: '', body, state: st, stateReason: null, createdAt: '', closedAt: null, assignees: [], labels: [],
  });
  return {
    repo: { owner: source.owner, name: source.repo, nodeId: '' },
    epic: issue(source.epic, '', source.state),
    stageIssues: source.stages.filter((s) => keys.has(s.number)).map((s) => ({ ...issue(s.number, s.body, s.state), stageKey: keys.get(s.number)!, comments: [] })),
    otherSubIssues: [],
    statusComment: null,
    epicNotices: [],
  };
}

const later = (a: string, b: string) => new Date(a).getTime() > new Date(b).getTime();

function ownersOf(state: StoredState, active: StageView | null): Record<string, string[]> {
  if (active && active.roles.length > 0) return active.owners;
  return state.roles;
}

function forecastFields(f: Forecast | null): Pick<OnboardingRow, 'forecastAt' | 'slipDays'> {
  return { forecastAt: f?.forecastAt ?? null, slipDays: f?.slipDays ?? null };
}

/** Build the row of one onboarding. */
export function onboardingEntry(input: { source: PortfolioSource; state: StoredState; calendar: BusinessCalendar; now: Date }): PortfolioEntry {
  const { source, state, calendar, now } = input;
  const stages = deriveStages(stagesOnly(source, state), state, itemReaderFor(state, { scan: true }));
  const epicClosed = source.state === 'closed';
  const cancelledAt = state.cancelled?.at ?? (epicClosed && source.stateReason === 'not_planned' ? source.closedAt : null);
  const completedAt = cancelledAt ? null : (state.completedAt ?? (epicClosed ? source.closedAt : null));
  const closedAt = cancelledAt ?? completedAt;
  const dueAt = state.targetDays ? onboardingTargetAt({ startedAt: state.startedAt, targetDays: state.targetDays, calendar }).toISOString() : null;

  const frontier = closedAt ? -1 : frontierIndex(stages);
  const active = frontier >= 0 ? stages[frontier]! : null;
  const activeDue = active ? stageDue(active.stored, calendar, state.startedAt) : null;
  const pastDue = (at: string | null) => at !== null && later(now.toISOString(), at);

  const status: PortfolioStatus = cancelledAt
    ? 'cancelled'
    : completedAt
      ? 'completed'
      : state.blocked
        ? 'blocked'
        : pastDue(dueAt) || pastDue(activeDue)
          ? 'overdue'
          : 'active';
  const onTime = cancelledAt || !dueAt ? null : completedAt ? !later(completedAt, dueAt) : pastDue(dueAt) ? false : null;
  const end = closedAt ?? now.toISOString();
  const surveys = surveyScores(state.surveys);

  const stageCycles: StageCycle[] = [];
  stages.forEach((s, index) => {
    // The stored start is the first start and the stored completion the last one, so a stage
    // reopened and closed again is one cycle, from first start to final close.
    if (s.status !== 'done' || !s.stored.startedAt || !s.stored.completedAt) return;
    stageCycles.push({ stage: s.title, index, businessDays: Math.max(0, calendar.businessDaysBetween(new Date(s.stored.startedAt), new Date(s.stored.completedAt))) });
  });

  return {
    row: {
      repo: `${source.owner}/${source.repo}`,
      epic: source.epic,
      url: source.url,
      customer: state.customer,
      template: state.template.name,
      templateVersion: state.template.version,
      status,
      stage: active ? { index: frontier, title: active.title } : null,
      progress: { done: stages.reduce((n, s) => n + s.done, 0), total: stages.reduce((n, s) => n + s.total, 0) },
      owners: ownersOf(state, active),
      startedAt: state.startedAt,
      dueAt,
      completedAt,
      onTime,
      businessDaysOpen: Math.max(0, calendar.businessDaysBetween(new Date(state.startedAt), new Date(end))),
      businessDaysBlocked: businessDaysBlocked({ state, calendar, end }),
      survey: surveySummary(surveys),
      ...forecastFields(cancelledAt ? null : forecastOnboarding({ state: completedAt && !state.completedAt ? { ...state, completedAt } : state, calendar, now })),
      templateFingerprint: state.template.fingerprint ?? null,
    },
    stageCycles,
    stageDueAt: activeDue,
    closedAt,
    surveys,
  };
}

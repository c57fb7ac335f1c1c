/** Builders for portfolio tests: stored state, a search-page entry and stage bodies, from a few facts. */
import type { CalendarConfig } from '../../src/config.js';
import { calendarSchema } from '../../src/config.js';
import { type StoredState, storedStateSchema } from '../../src/onboarding/state.js';
import type { PortfolioSource } from '../../src/portfolio/row.js';
import { type BusinessCalendar, createCalendar } from '../../src/schedule/calendar.js';

export function calendarFrom(partial: Partial<CalendarConfig> = {}): BusinessCalendar {
  return createCalendar(calendarSchema.parse(partial));
}

/** A stage issue body with `done` of `total` items ticked, owned by CSM. */
export function stageBody(done: number, total: number): string {
  const items = Array.from({ length: total }, (_, i) => `- [${i < done ? 'x' : ' '}] CSM >> Item ${i + 1}`);
  return `### Stage\n${items.join('\n')}\n`;
}

export interface StageFacts {
  title: string;
  startedAt?: string | null;
  completedAt?: string | null;
  dueDays?: number | null;
  reopened?: boolean;
  /** Items ticked of total in the stage issue. */
  items?: [number, number];
  /** Stage issue closed (default: when completedAt is set). */
  closed?: boolean;
}

export interface OnboardingFacts {
  epic?: number;
  customer?: string;
  startedAt: string;
  targetDays?: number | null;
  stages: StageFacts[];
  completedAt?: string | null;
  cancelledAt?: string | null;
  blockedAt?: string | null;
  blockedSpans?: { from: string; to: string }[];
  log?: { at: string; text: string }[];
  /** Survey answers as the state keeps them (contact ref, check-in day, score, comment, when). */
  surveys?: { contact: string; checkin: number; score: number; comment?: string; at: string }[];
}

/** Stored state and search entry of one onboarding, consistent with each other. */
export function onboarding(f: OnboardingFacts): { state: StoredState; source: PortfolioSource } {
  const epic = f.epic ?? 1;
  const state = storedStateSchema.parse({
    v: 1,
    epic,
    template: { name: 'Managed Services Onboarding', version: 'v2026.11', file: '.github/ISSUE_TEMPLATE/msp.md' },
    customer: f.customer ?? `Customer ${epic}`,
    startedAt: f.startedAt,
    roles: { CSM: ['alice'], Engineer: ['bob'] },
    roleAliases: { CSM: ['CSM'], Engineer: ['Engineer'] },
    targetDays: f.targetDays === undefined ? 15 : f.targetDays,
    stages: f.stages.map((s, i) => ({
      key: `stage-${i}`,
      title: s.title,
      number: i,
      issue: 100 * epic + i,
      dueDays: s.dueDays === undefined ? 5 : s.dueDays,
      startedAt: s.startedAt ?? null,
      completedAt: s.completedAt ?? null,
      reopened: s.reopened ?? false,
    })),
    blocked: f.blockedAt ? { reason: 'waiting', by: 'alice', at: f.blockedAt } : null,
    blockedSpans: f.blockedSpans ?? [],
    cancelled: f.cancelledAt ? { reason: 'lost', by: 'alice', at: f.cancelledAt } : null,
    completedAt: f.completedAt ?? null,
    log: (f.log ?? []).map((e) => ({ ...e, actor: 'alice' })),
    surveys: f.surveys ?? [],
  });
  const closedAt = f.cancelledAt ?? f.completedAt ?? null;
  const source: PortfolioSource = {
    owner: 'acme',
    repo: 'onboarding',
    epic,
    url: `https://github.com/acme/onboarding/issues/${epic}`,
    state: closedAt ? 'closed' : 'open',
    stateReason: f.cancelledAt ? 'not_planned' : f.completedAt ? 'completed' : null,
    closedAt,
    stages: f.stages.map((s, i) => {
      const [done, total] = s.items ?? [s.completedAt ? 1 : 0, 1];
      return { number: 100 * epic + i, body: stageBody(done, total), state: (s.closed ?? !!s.completedAt) ? 'closed' : 'open' };
    }),
  };
  return { state, source };
}

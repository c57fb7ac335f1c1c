import { describe, expect, it } from '@jest/globals';
import { median, portfolioKpis } from '../../src/portfolio/kpis.js';
import { buildReport } from '../../src/portfolio/report.js';
import type { PortfolioEntry, PortfolioStatus } from '../../src/portfolio/row.js';
import { surveySummary } from '../../src/portfolio/satisfaction.js';

type EntryExtra = { onTime?: boolean | null; days?: number; blocked?: number; cycles?: [string, number, number][]; epic?: number; closedAt?: string | null; template?: string; scores?: number[] };

/** An entry with just the fields the KPIs read. */
function entry(status: PortfolioStatus, extra: EntryExtra = {}): PortfolioEntry {
  const surveys = (extra.scores ?? []).map((score, i) => ({ checkin: 90, score, at: `2026-11-${String(10 + i)}T09:00:00Z` }));
  return {
    row: {
      repo: 'acme/onboarding', epic: extra.epic ?? 1, url: '', customer: 'C', template: extra.template ?? 'T', templateVersion: null, status,
      stage: null, progress: { done: 0, total: 0 }, owners: {}, startedAt: '2026-11-23T09:00:00Z', dueAt: null, completedAt: null,
      onTime: extra.onTime ?? null, businessDaysOpen: extra.days ?? 0, businessDaysBlocked: extra.blocked ?? 0,
      survey: surveySummary(surveys), forecastAt: null, slipDays: null,
      templateFingerprint: null,
    },
    stageCycles: (extra.cycles ?? []).map(([stage, index, businessDays]) => ({ stage, index, businessDays })),
    stageDueAt: null,
    closedAt: extra.closedAt ?? null,
    surveys,
  };
}

describe('median', () => {
  it.each([
    { values: [], want: null },
    { values: [7], want: 7 },
    { values: [9, 1, 5], want: 5 },
    { values: [4, 1, 10, 2], want: 3 },
  ])('$values -> $want', ({ values, want }) => expect(median(values)).toBe(want));
});

describe('portfolio KPIs', () => {
  it('counts each status', () => {
    const k = portfolioKpis([entry('active'), entry('active'), entry('blocked'), entry('overdue'), entry('completed'), entry('cancelled'), entry('cancelled')]);
    expect([k.active, k.blocked, k.overdue, k.completed, k.cancelled]).toEqual([2, 1, 1, 1, 2]);
  });

  it.each([
    { name: 'no verdicts', entries: [entry('active')], want: null },
    { name: 'two of three on time', entries: [entry('completed', { onTime: true }), entry('completed', { onTime: true }), entry('completed', { onTime: false })], want: 0.667 },
    { name: 'an open onboarding already past its target counts as late', entries: [entry('completed', { onTime: true }), entry('overdue', { onTime: false })], want: 0.5 },
    {
      name: 'cancelled onboardings are left out, even with a verdict',
      entries: [entry('completed', { onTime: true }), entry('cancelled', { onTime: false }), entry('cancelled', { onTime: false })],
      want: 1,
    },
  ])('on-time rate: $name', ({ entries, want }) => expect(portfolioKpis(entries).onTimeRate).toBe(want));

  it('median business days to complete counts completed onboardings only', () => {
    const k = portfolioKpis([entry('completed', { days: 12 }), entry('completed', { days: 9 }), entry('cancelled', { days: 1 }), entry('active', { days: 40 })]);
    expect(k.medianBusinessDaysToComplete).toBe(10.5);
    expect(portfolioKpis([entry('active', { days: 3 })]).medianBusinessDaysToComplete).toBeNull();
  });

  it('stage cycle medians per stage title, in stage order, with how many stages each is over', () => {
    const k = portfolioKpis([
      entry('completed', { cycles: [['Agreement', 0, 2], ['Access', 1, 5]] }),
      entry('active', { cycles: [['Agreement', 0, 4]] }),
      entry('cancelled', { cycles: [['Agreement', 0, 3]] }),
    ]);
    expect(k.stageCycle).toEqual([
      { stage: 'Agreement', medianBusinessDays: 3, n: 3 },
      { stage: 'Access', medianBusinessDays: 5, n: 1 },
    ]);
  });

  it('time blocked adds up over the onboardings', () => {
    expect(portfolioKpis([entry('blocked', { blocked: 3 }), entry('active', { blocked: 2 }), entry('active')]).businessDaysBlocked).toBe(5);
  });

  it('CSAT pools the answers of every onboarding, cancelled ones too, per template; templates without answers are listed with none', () => {
    const k = portfolioKpis([
      entry('completed', { template: 'Premium', scores: [5, 4] }),
      entry('cancelled', { template: 'Premium', scores: [2] }),
      entry('completed', { template: 'Basic', scores: [3] }),
      entry('active', { template: 'Starter' }),
    ]);
    expect(k.csat).toEqual({
      rate: 0.5, answers: 4, satisfied: 2, target: 0.9,
      byTemplate: [
        { template: 'Basic', rate: 0, answers: 1, satisfied: 0 },
        { template: 'Premium', rate: 0.666, answers: 3, satisfied: 2 },
        { template: 'Starter', rate: null, answers: 0, satisfied: 0 },
      ],
    });
  });
});

describe('the report', () => {
  it('keeps onboardings open at some time since the date, sorted by status, and computes KPIs over those only', () => {
    const report = buildReport({
      now: new Date('2026-12-01T00:00:00Z'),
      since: new Date('2026-11-01T00:00:00Z'),
      entries: [
        entry('completed', { epic: 3, closedAt: '2026-11-15T00:00:00Z', onTime: true }),
        entry('completed', { epic: 4, closedAt: '2026-10-15T00:00:00Z', onTime: false }),
        entry('active', { epic: 5 }),
        entry('blocked', { epic: 2 }),
      ],
    });
    expect(report.onboardings.map((r) => [r.status, r.epic])).toEqual([['active', 5], ['blocked', 2], ['completed', 3]]);
    expect(report.kpis.onTimeRate).toBe(1);
    expect(report.generatedAt).toBe('2026-12-01T00:00:00.000Z');
  });

  it('counts CSAT only over the onboardings it keeps: answers of one that closed before --since are left out', () => {
    const report = buildReport({
      now: new Date('2026-12-01T00:00:00Z'),
      since: new Date('2026-11-01T00:00:00Z'),
      entries: [
        entry('completed', { epic: 3, closedAt: '2026-11-15T00:00:00Z', scores: [5, 4] }),
        entry('completed', { epic: 4, closedAt: '2026-10-15T00:00:00Z', scores: [1, 1, 1] }),
      ],
    });
    expect(report.kpis.csat).toMatchObject({ rate: 1, answers: 2, satisfied: 2 });
    expect(buildReport({ now: new Date('2026-12-01T00:00:00Z'), entries: [entry('completed', { scores: [5, 4] }), entry('completed', { scores: [1, 1, 1] })] }).kpis.csat)
      .toMatchObject({ rate: 0.4, answers: 5, satisfied: 2 });
  });
});

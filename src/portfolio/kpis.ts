/**
 * The portfolio's KPIs, from the rows (pure). What they mean, following the process documents:
 * - `onTimeRate`: of the onboardings whose timeliness is known (completed ones with a due date,
 *   and open ones already past it), the share on time. Cancelled onboardings never count.
 * - `medianBusinessDaysToComplete`: start to completion of completed onboardings.
 * - `stageCycle`: per stage title, the median business days from a stage's first start to its
 *   final completion (a reopened stage counts once), and how many stages that median is over.
 * - `businessDaysBlocked`: total business days spent blocked across the rows.
 * - `csat`: the share of survey answers scoring 4 or 5, overall and per template, over the
 *   onboardings of the report only (see `satisfaction.ts`).
 */
import { type PortfolioEntry, type PortfolioStatus, STATUSES } from './row.js';
import { type CsatKpi, portfolioCsat } from './satisfaction.js';
import { type TemplateVersionCount, templateVersions } from './versions.js';

export type Kpis = Record<PortfolioStatus, number> & {
  onTimeRate: number | null;
  medianBusinessDaysToComplete: number | null;
  stageCycle: { stage: string; medianBusinessDays: number; n: number }[];
  businessDaysBlocked: number;
  csat: CsatKpi;
  /** Onboardings per template version (and fingerprint), open ones counted apart. */
  templateVersions: TemplateVersionCount[];
};

/** The median (mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rates and medians are rounded to 3 and 1 decimals, so JSON and dashboards stay stable and short. */
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function portfolioKpis(entries: PortfolioEntry[]): Kpis {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<PortfolioStatus, number>;
  for (const e of entries) counts[e.row.status]++;
  const judged = entries.filter((e) => e.row.status !== 'cancelled' && e.row.onTime !== null);
  const toComplete = median(entries.filter((e) => e.row.status === 'completed').map((e) => e.row.businessDaysOpen));
  // Stage titles in the order they first appear in their EPICs (the lowest stage index first).
  const byStage = new Map<string, { index: number; days: number[] }>();
  for (const e of entries) {
    for (const c of e.stageCycles) {
      const group = byStage.get(c.stage) ?? { index: c.index, days: [] };
      group.index = Math.min(group.index, c.index);
      group.days.push(c.businessDays);
      byStage.set(c.stage, group);
    }
  }
  const stageCycle = [...byStage.entries()]
    .sort((a, b) => a[1].index - b[1].index || a[0].localeCompare(b[0]))
    .map(([stage, g]) => ({ stage, medianBusinessDays: round(median(g.days)!, 1), n: g.days.length }));
  return {
    ...counts,
    onTimeRate: judged.length === 0 ? null : round(judged.filter((e) => e.row.onTime === true).length / judged.length, 3),
    medianBusinessDaysToComplete: toComplete === null ? null : round(toComplete, 1),
    stageCycle,
    businessDaysBlocked: entries.reduce((n, e) => n + e.row.businessDaysBlocked, 0),
    csat: portfolioCsat(entries.map((e) => ({ template: e.row.template, surveys: e.surveys }))),
    templateVersions: templateVersions(entries.map((e) => e.row)),
  };
}

/**
 * The whole portfolio report: rows in a stable order, filtered by `since`, and the KPIs over them.
 * `embark report --json` writes exactly this object.
 */
import { type Kpis, portfolioKpis } from './kpis.js';
import { type OnboardingRow, type PortfolioEntry, STATUSES } from './row.js';

export interface PortfolioReport {
  generatedAt: string;
  onboardings: OnboardingRow[];
  kpis: Kpis;
}

/** Kept when the onboarding was open at some time on or after `since`: still open, or closed since. */
export function openSince(entry: PortfolioEntry, since: Date | null): boolean {
  return since === null || entry.closedAt === null || new Date(entry.closedAt).getTime() >= since.getTime();
}

/** Status order first, then repository and EPIC number: the same input gives the same text. */
export function compareEntries(a: PortfolioEntry, b: PortfolioEntry): number {
  return (
    STATUSES.indexOf(a.row.status) - STATUSES.indexOf(b.row.status) ||
    a.row.repo.localeCompare(b.row.repo) ||
    a.row.epic - b.row.epic
  );
}

export function buildReport(input: { entries: PortfolioEntry[]; now: Date; since?: Date | null }): PortfolioReport {
  const kept = input.entries.filter((e) => openSince(e, input.since ?? null)).sort(compareEntries);
  return { generatedAt: input.now.toISOString(), onboardings: kept.map((e) => e.row), kpis: portfolioKpis(kept) };
}

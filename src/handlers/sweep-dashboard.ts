/**
 * The sweep's last step: refresh the "Onboarding dashboard" issue of every repository whose config
 * turns it on (`dashboard: true`), from the onboardings the sweep's search pages already hold (no
 * extra read per onboarding). Under the repository's dashboard lock (Redis-backed with several
 * replicas), so concurrent sweeps find the issue the first one created instead of making another.
 */
import { defaultConfig } from '../config.js';
import { applyPlan } from '../github/apply-plan.js';
import type { FoundOnboarding } from '../github/find-onboardings.js';
import { loadRepoSetup } from '../github/load-repo-setup.js';
import type { Octokit } from '../github/octokit.js';
import { calendarFor } from '../onboarding/due.js';
import type { StoredState } from '../onboarding/state.js';
import { DASHBOARD_LABEL, DASHBOARD_TITLE, renderDashboardSection } from '../portfolio/dashboard.js';
import { buildReport } from '../portfolio/report.js';
import { onboardingEntry } from '../portfolio/row.js';
import type { Deps } from './deps.js';

/** An onboarding found by the sweep, with the state decoded from its status comment. */
export interface SweptOnboarding {
  found: FoundOnboarding;
  state: StoredState;
}

/** Lock key of a repository's dashboard issue. */
export function dashboardKey(owner: string, repo: string): string {
  return `dashboard:${owner}/${repo}`.toLowerCase();
}

/** Refresh each repository's dashboard; returns the repositories whose refresh failed. */
export async function refreshDashboards(deps: Deps, octokit: Octokit, swept: SweptOnboarding[]): Promise<{ epic: string; error: string }[]> {
  const byRepo = new Map<string, SweptOnboarding[]>();
  for (const s of swept) {
    const key = `${s.found.owner}/${s.found.repo}`;
    byRepo.set(key, [...(byRepo.get(key) ?? []), s]);
  }
  const failed: { epic: string; error: string }[] = [];
  for (const [name, onboardings] of byRepo) {
    const { owner, repo, headOid } = onboardings[0]!.found;
    try {
      const setup = await loadRepoSetup(octokit, { owner, repo, oid: headOid }, { cache: deps.cache, bundled: deps.bundled });
      const config = setup.config.ok ? setup.config.config : defaultConfig;
      if (!config.dashboard) continue;
      await deps.lock.run(dashboardKey(owner, repo), async () => {
        const now = deps.now();
        const calendar = calendarFor(config.calendar, deps.calendars);
        const entries = onboardings.map((o) => onboardingEntry({ source: o.found, state: o.state, calendar, now }));
        const report = buildReport({ entries, now });
        const stageDue = Object.fromEntries(entries.map((e) => [e.row.url, e.stageDueAt]));
        const section = renderDashboardSection({ report, today: calendar.localDate(now), stageDue, now });
        await applyPlan({ octokit, owner, repo }, [{ kind: 'saveDashboard', section, title: DASHBOARD_TITLE, label: DASHBOARD_LABEL }]);
      });
    } catch (error) {
      failed.push({ epic: `${name} dashboard`, error: (error as Error).message });
    }
  }
  return failed;
}

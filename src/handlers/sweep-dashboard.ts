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
import { projectSyncNotice } from '../portfolio/project-sync.js';
import { buildReport } from '../portfolio/report.js';
import { onboardingEntry } from '../portfolio/row.js';
import { DASHBOARD_END } from '../render/dashboard-section.js';
import type { Deps } from './deps.js';
import { syncProject } from './sweep-project.js';

/** An onboarding found by the sweep, with the state decoded from its status comment. */
export interface SweptOnboarding {
  found: FoundOnboarding;
  state: StoredState;
}

/** Lock key of a repository's dashboard issue. */
export function dashboardKey(owner: string, repo: string): string {
  return `dashboard:${owner}/${repo}`.toLowerCase();
}

/** What the repository steps did: repositories whose refresh failed, and project sync warnings. */
export interface RepoStepsReport {
  failed: { epic: string; error: string }[];
  warnings: string[];
}

/**
 * Refresh each repository's dashboard, and sync its GitHub Project when the config names one. The
 * project goes first so its warnings (no permission, missing field or option) ride in the same
 * dashboard write, and disappear from it by themselves once fixed.
 */
export async function refreshDashboards(deps: Deps, octokit: Octokit, swept: SweptOnboarding[]): Promise<RepoStepsReport> {
  const byRepo = new Map<string, SweptOnboarding[]>();
  for (const s of swept) {
    const key = `${s.found.owner}/${s.found.repo}`;
    byRepo.set(key, [...(byRepo.get(key) ?? []), s]);
  }
  const failed: { epic: string; error: string }[] = [];
  const warnings: string[] = [];
  for (const [name, onboardings] of byRepo) {
    const { owner, repo, headOid } = onboardings[0]!.found;
    try {
      const setup = await loadRepoSetup(octokit, { owner, repo, oid: headOid }, { cache: deps.cache, bundled: deps.bundled });
      const config = setup.config.ok ? setup.config.config : defaultConfig;
      if (!config.dashboard && !config.project) continue;
      await deps.lock.run(dashboardKey(owner, repo), async () => {
        const now = deps.now();
        const calendar = calendarFor(config.calendar, deps.calendars);
        const entries = onboardings.map((o) => onboardingEntry({ source: o.found, state: o.state, calendar, now }));
        const projectWarnings: string[] = [];
        if (config.project) {
          try {
            const rows = entries.map((e) => e.row);
            const sync = await syncProject(octokit, { owner, repo, project: config.project, rows, localDate: (iso) => calendar.localDate(new Date(iso)) });
            projectWarnings.push(...sync.warnings);
          } catch (error) {
            failed.push({ epic: `${name} project`, error: (error as Error).message });
          }
          warnings.push(...projectWarnings.map((w) => `${name}: ${w}`));
        }
        if (!config.dashboard) return;
        const report = buildReport({ entries, now });
        const stageDue = Object.fromEntries(entries.map((e) => [e.row.url, e.stageDueAt]));
        const notice = projectSyncNotice(projectWarnings);
        const section = renderDashboardSection({ report, today: calendar.localDate(now), stageDue, now }).replace(DASHBOARD_END, `${notice}${DASHBOARD_END}`);
        await applyPlan({ octokit, owner, repo }, [{ kind: 'saveDashboard', section, title: DASHBOARD_TITLE, label: DASHBOARD_LABEL }]);
      });
    } catch (error) {
      failed.push({ epic: `${name} dashboard`, error: (error as Error).message });
    }
  }
  return { failed, warnings };
}

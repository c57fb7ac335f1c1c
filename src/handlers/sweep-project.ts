/**
 * The sweep's project step (`project: { owner, number }` in the repository's config): keep one
 * item per EPIC in that GitHub Project from the rows the sweep already built. One read of the
 * project (a page per 100 items), one more only when EPICs are missing from it (their node ids),
 * then one write per EPIC that changed (plus one to add the missing ones). Whatever stops the
 * sync (no permission, no such project, a missing field or option) is a warning, never a failure
 * of the sweep: the caller logs it and shows it on the dashboard.
 */
import type { EmbarkConfig } from '../config.js';
import { applyPlan } from '../github/apply-plan.js';
import type { Octokit } from '../github/octokit.js';
import { forbiddenWarning, isForbidden, readIssueIds, readProject } from '../github/read-project.js';
import { planProjectSync } from '../portfolio/project-sync.js';
import type { OnboardingRow } from '../portfolio/row.js';

export interface ProjectSyncOutcome {
  warnings: string[];
  reads: number;
  writes: number;
}

/** Sync one repository's onboardings into its project. */
export async function syncProject(
  octokit: Octokit,
  input: { owner: string; repo: string; project: NonNullable<EmbarkConfig['project']>; rows: OnboardingRow[]; localDate: (iso: string) => string },
): Promise<ProjectSyncOutcome> {
  const { owner, repo, project: where, rows } = input;
  const read = await readProject(octokit, where);
  if (!read.ok) return { warnings: [read.warning], reads: read.reads, writes: 0 };
  const present = new Set(read.project.items.map((i) => `${i.repo}#${i.number}`.toLowerCase()));
  const missing = rows.filter((r) => !present.has(`${r.repo}#${r.epic}`.toLowerCase())).map((r) => r.epic);
  const ids = missing.length > 0 ? await readIssueIds(octokit, { owner, repo }, missing) : { ids: {}, reads: 0 };
  const plan = planProjectSync({ project: read.project, rows, contentIds: ids.ids, localDate: input.localDate });
  const outcome: ProjectSyncOutcome = { warnings: plan.warnings, reads: read.reads + ids.reads, writes: 0 };
  if (plan.actions.length === 0) return outcome;
  try {
    outcome.writes = (await applyPlan({ octokit, owner, repo }, plan.actions)).writes;
  } catch (error) {
    // Read access without write access: the project is readable, its items are not writable.
    if (!isForbidden(error)) throw error;
    outcome.warnings.push(forbiddenWarning(read.project.name, error));
  }
  return outcome;
}

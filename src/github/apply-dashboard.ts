/**
 * The executor of `saveDashboard`: keep Embark's marked section of a repository's dashboard issue.
 * The issue is found by its label (never by title, which people may change); without one it is
 * created with the label, so the next sweep (or a retry after an ambiguous failure) finds it
 * instead of creating another. Callers hold the repository's dashboard lock, so two sweeps at
 * once cannot both create one. One write when the section changed, none otherwise.
 */
import type { Action } from '../onboarding/plan.js';
import { spliceDashboardSection } from '../render/dashboard-section.js';
import { openIssue } from './create.js';
import type { Octokit, RepoRef } from './octokit.js';

export type SaveDashboard = Extract<Action, { kind: 'saveDashboard' }>;

/** What it took: the issue's number and whether anything was written. */
export interface DashboardResult {
  issue: number;
  wrote: boolean;
  reads: number;
}

/** The dashboard issue: the lowest-numbered open one carrying the label, else the lowest closed one. */
async function findDashboard(octokit: Octokit, ref: RepoRef, label: string): Promise<{ number: number; body: string } | null> {
  const { data } = await octokit.rest.issues.listForRepo({ ...ref, labels: label, state: 'all', sort: 'created', direction: 'asc', per_page: 20 });
  const issues = data.filter((i) => !i.pull_request).sort((a, b) => a.number - b.number);
  const chosen = issues.find((i) => i.state === 'open') ?? issues[0];
  return chosen ? { number: chosen.number, body: chosen.body ?? '' } : null;
}

export async function applyDashboard(octokit: Octokit, ref: RepoRef, action: SaveDashboard): Promise<DashboardResult> {
  const found = await findDashboard(octokit, ref, action.label);
  if (!found) {
    const issue = await openIssue(octokit, ref, { title: action.title, body: action.section, labels: [action.label] });
    return { issue, wrote: true, reads: 1 };
  }
  const body = spliceDashboardSection(found.body, action.section);
  if (body === found.body) return { issue: found.number, wrote: false, reads: 1 };
  await octokit.rest.issues.update({ ...ref, issue_number: found.number, body });
  return { issue: found.number, wrote: true, reads: 1 };
}

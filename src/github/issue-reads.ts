/**
 * Small REST reads the handlers need outside the one-query onboarding read: an issue's labels,
 * the hidden keys of recent comments (did a retried job already reply?), and a recent issue
 * carrying a marker (did a retried `/onboard` already open it?).
 */
import { readNoticeKey } from '../render/notice-marker.js';
import type { Octokit, RepoRef } from './octokit.js';

/** The names of an issue's labels. */
export async function issueLabels(octokit: Octokit, ref: RepoRef & { issue: number }): Promise<string[]> {
  const { data } = await octokit.rest.issues.get({ owner: ref.owner, repo: ref.repo, issue_number: ref.issue });
  return data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
}

/**
 * Hidden notice keys of the app's comments on an issue created or updated since `since` (100 at
 * most). Only comments an app wrote count: a person quoting the hidden line does not fake one.
 */
export async function commentKeysSince(octokit: Octokit, ref: RepoRef & { issue: number; since: string | null }): Promise<string[]> {
  const { data } = await octokit.rest.issues.listComments({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issue,
    per_page: 100,
    ...(ref.since ? { since: ref.since } : {}),
  });
  return data
    .filter((c) => c.performed_via_github_app || c.user?.type === 'Bot')
    .map((c) => readNoticeKey(c.body ?? ''))
    .filter((k): k is string => k !== null);
}

/** The number of the newest issue (not a pull request) updated since `since` whose body holds `marker`. */
export async function findIssueWithMarker(octokit: Octokit, ref: RepoRef & { marker: string; since: string | null }): Promise<number | null> {
  const { data } = await octokit.rest.issues.listForRepo({
    owner: ref.owner,
    repo: ref.repo,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: 100,
    ...(ref.since ? { since: ref.since } : {}),
  });
  return data.find((i) => !i.pull_request && (i.body ?? '').includes(ref.marker))?.number ?? null;
}

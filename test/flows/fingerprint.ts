/**
 * Everything a person could see in the repository, as plain data: issues (title, body, state,
 * labels, assignees, sub-issues) and every comment with its author. Two runs that end in the same
 * fingerprint left GitHub in the same state: nothing doubled, nothing missing. The dashboard issue
 * is left out: it belongs to the repository, and only runs that sweep have one.
 */
import type { GitHubDouble } from '../github-double/index.js';

export function fingerprint(double: GitHubDouble, repo: string) {
  return onboardingIssues(double, repo).map((i) => ({
    number: i.number,
    title: i.title,
    state: i.state,
    body: i.body,
    labels: i.labels.map((l) => l.name).sort(),
    assignees: [...i.assignees].sort(),
    subIssues: double.subIssues(repo, i.number).map((s) => s.number),
    comments: double.comments(repo, i.number).map((c) => ({ user: c.user, body: c.body })),
  }));
}

/** Every issue but the repository's dashboard (kept by the sweep, not by any onboarding). */
export function onboardingIssues(double: GitHubDouble, repo: string) {
  return double.issues(repo).filter((i) => !i.labels.some((l) => l.name === 'onboarding-dashboard'));
}

/**
 * Find the issue an API start already opened, by the hidden key in its body: one GraphQL request
 * that both searches for the key and lists the repository's newest issues, because GitHub's
 * search index lags behind by seconds to minutes and an issue opened just before is always in
 * the listing (the way `embark enroll` looks). More pages of the listing only while they are
 * newer than the lag, which a burst of starts can reach.
 */
import type { Octokit, RepoRef } from './octokit.js';

const ISSUE = 'number url body createdAt';

const FIRST = `query EmbarkStartLookup($owner: String!, $name: String!, $q: String!) {
  repository(owner: $owner, name: $name) {
    url
    issues(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { ${ISSUE} } }
  }
  search(query: $q, type: ISSUE, first: 20) { nodes { ... on Issue { ${ISSUE} } } }
}`;

const MORE = `query EmbarkStartLookupMore($owner: String!, $name: String!, $after: String!) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { ${ISSUE} } }
  }
}`;

interface IssueNode {
  number: number;
  url: string;
  body: string;
  createdAt: string;
}

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (IssueNode | null)[];
}

/** An issue carrying the key: its number, address and body. */
export interface StartIssue {
  number: number;
  url: string;
  body: string;
}

export interface StartLookup {
  /** The repository's web address (`https://github.com/acme/onboarding`). */
  repoUrl: string;
  found: StartIssue | null;
  /** Requests made. */
  requests: number;
}

/**
 * Look for the issue whose body `carries` the key (searched for as `key`), listing issues created
 * within `lagMs` of `now` besides. Throws when the repository cannot be read.
 */
export async function findStartIssue(
  octokit: Octokit,
  ref: RepoRef & { key: string; carries: (body: string) => boolean; now: number; lagMs: number },
): Promise<StartLookup> {
  const match = (nodes: (IssueNode | null | Record<string, never>)[]) => {
    const hit = nodes.find((n): n is IssueNode => Boolean(n && 'body' in n && ref.carries(n.body)));
    return hit ? { number: hit.number, url: hit.url, body: hit.body } : null;
  };
  const q = `repo:${ref.owner}/${ref.repo} is:issue in:body "${ref.key}"`;
  const data = await octokit.graphql<{ repository: { url: string; issues: Page } | null; search: { nodes: (IssueNode | Record<string, never> | null)[] } }>(FIRST, { owner: ref.owner, name: ref.repo, q });
  if (!data.repository) throw Object.assign(new Error(`${ref.owner}/${ref.repo} not found`), { status: 404 });
  let requests = 1;
  const repoUrl = data.repository.url;
  let found = match(data.repository.issues.nodes) ?? match(data.search.nodes);
  let page = data.repository.issues;
  while (!found && page.pageInfo.hasNextPage && page.pageInfo.endCursor && requests < 10) {
    const oldest = page.nodes.at(-1);
    if (!oldest || Date.parse(oldest.createdAt) < ref.now - ref.lagMs) break;
    const more = await octokit.graphql<{ repository: { issues: Page } | null }>(MORE, { owner: ref.owner, name: ref.repo, after: page.pageInfo.endCursor });
    requests++;
    if (!more.repository) break;
    page = more.repository.issues;
    found = match(page.nodes);
  }
  return { repoUrl, found, requests };
}

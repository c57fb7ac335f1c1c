/**
 * Find an installation's open onboardings for the sweep: GraphQL search, 50 EPICs a page, with
 * just enough of each (status comment, stage bodies) to decide whether anything is due. Cost grows
 * with the number of onboardings divided by the page size, not with their items. The portfolio
 * (`embark report`, the dashboard issue) is built from the same pages, so the EPIC's own title,
 * URL, state and dates come along.
 */
import type { Octokit } from './octokit.js';

export interface FoundOnboarding {
  owner: string;
  repo: string;
  epic: number;
  /** Status comment body, when written by the app and not edited by anyone else. */
  statusBody: string | null;
  /** More than one status comment of the app's: the next write deletes the later ones. */
  duplicateStatus: boolean;
  stages: { number: number; body: string; state: 'open' | 'closed' }[];
  /** The EPIC itself, for the portfolio (report and dashboard): no per-onboarding read needed. */
  title: string;
  url: string;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  createdAt: string;
  closedAt: string | null;
  /** HEAD commit of the repository (the cache key of its config), when known. */
  headOid: string | null;
}

const SEARCH = `query EmbarkSweep($q: String!, $after: String) {
  search(query: $q, type: ISSUE, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ... on Issue {
      number title url state stateReason createdAt closedAt
      repository { name owner { login } defaultBranchRef { target { oid } } }
      comments(first: 20) { nodes { body viewerDidAuthor author { __typename login } editor { login } } }
      subIssues(first: 100) { nodes { number body state } }
    } }
  }
}`;

interface SearchResult {
  search: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ({
      number: number;
      title: string;
      url: string;
      state: 'OPEN' | 'CLOSED';
      stateReason: string | null;
      createdAt: string;
      closedAt: string | null;
      repository: { name: string; owner: { login: string }; defaultBranchRef?: { target: { oid: string } | null } | null };
      comments: { nodes: StatusCandidate[] };
      subIssues: { nodes: { number: number; body: string; state: 'OPEN' | 'CLOSED' }[] };
    } | null)[];
  };
}

interface StatusCandidate {
  body: string;
  viewerDidAuthor: boolean;
  author: { __typename?: string; login: string } | null;
  editor: { login: string } | null;
}

/**
 * The status comment among an EPIC's comments: written by the app. With the app's own token that
 * is the viewer; with a person's token (`embark report`) it is the comment with the marker whose
 * author is a bot (apps are the only bots that comment). The viewer's own comes first, so with
 * the app's token another app's marked comment is never taken for Embark's; a person's marked
 * comment never counts.
 */
export function statusCommentOf<T extends StatusCandidate>(comments: T[], isStatus: (body: string) => boolean): T | undefined {
  const byBot = comments.filter((c) => c.author?.__typename === 'Bot' && isStatus(c.body));
  return byBot.find((c) => c.viewerDidAuthor) ?? byBot[0];
}

/** Yield pages of onboardings matching `query` (e.g. `user:acme is:issue is:open label:"onboarding"`). */
export async function* findOnboardings(octokit: Octokit, query: string, isStatus: (body: string) => boolean): AsyncGenerator<FoundOnboarding[]> {
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const data: SearchResult = await octokit.graphql<SearchResult>(SEARCH, { q: query, after });
    const found: FoundOnboarding[] = [];
    for (const n of data.search.nodes) {
      if (!n) continue;
      const status = statusCommentOf(n.comments.nodes, isStatus);
      const trusted = status && (!status.editor || status.editor.login === status.author?.login) ? status.body : null;
      found.push({
        owner: n.repository.owner.login,
        repo: n.repository.name,
        epic: n.number,
        statusBody: trusted,
        duplicateStatus: n.comments.nodes.filter((c) => c.author?.__typename === 'Bot' && isStatus(c.body)).length > 1,
        stages: n.subIssues.nodes.map((s) => ({ number: s.number, body: s.body, state: s.state === 'OPEN' ? 'open' : 'closed' })),
        title: n.title,
        url: n.url,
        state: n.state === 'OPEN' ? 'open' : 'closed',
        stateReason: (n.stateReason?.toLowerCase() ?? null) as FoundOnboarding['stateReason'],
        createdAt: n.createdAt,
        closedAt: n.closedAt,
        headOid: n.repository.defaultBranchRef?.target?.oid ?? null,
      });
    }
    yield found;
    if (!data.search.pageInfo.hasNextPage) return;
    after = data.search.pageInfo.endCursor;
  }
}

/** An open issue without Embark's labels: an onboarding that may never have started. */
export interface UnlabelledIssue {
  owner: string;
  repo: string;
  number: number;
  title: string;
  /** Its labels: the caller checks them against the repository's own config. */
  labels: string[];
  /** HEAD commit of the repository, the cache key of its templates. */
  headOid: string | null;
}

const UNSTARTED = `query EmbarkUnstarted($q: String!, $after: String) {
  search(query: $q, type: ISSUE, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ... on Issue { number title labels(first: 30) { nodes { name } } repository { name owner { login } defaultBranchRef { target { oid } } } } }
  }
}`;

interface UnstartedResult {
  search: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ({ number: number; title: string; labels: { nodes: { name: string }[] | null } | null; repository: { name: string; owner: { login: string }; defaultBranchRef: { target: { oid: string } | null } | null } } | null)[];
  };
}

/** Issues matching `query` (titles only, 100 a page, at most `maxPages` pages). */
export async function findUnlabelledIssues(octokit: Octokit, query: string, maxPages = 10): Promise<UnlabelledIssue[]> {
  const found: UnlabelledIssue[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: UnstartedResult = await octokit.graphql<UnstartedResult>(UNSTARTED, { q: query, after });
    for (const n of data.search.nodes) {
      if (!n) continue;
      found.push({ owner: n.repository.owner.login, repo: n.repository.name, number: n.number, title: n.title, labels: (n.labels?.nodes ?? []).map((l) => l.name), headOid: n.repository.defaultBranchRef?.target?.oid ?? null });
    }
    if (!data.search.pageInfo.hasNextPage) break;
    after = data.search.pageInfo.endCursor;
  }
  return found;
}

/**
 * Find an installation's open onboardings for the sweep: GraphQL search, 50 EPICs a page, with
 * just enough of each (status comment, stage bodies) to decide whether anything is due. Cost grows
 * with the number of onboardings divided by the page size, not with their items.
 */
import type { Octokit } from './octokit.js';

export interface FoundOnboarding {
  owner: string;
  repo: string;
  epic: number;
  /** Status comment body, when written by the app and not edited by anyone else. */
  statusBody: string | null;
  stages: { number: number; body: string; state: 'open' | 'closed' }[];
}

const SEARCH = `query EmbarkSweep($q: String!, $after: String) {
  search(query: $q, type: ISSUE, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ... on Issue {
      number
      repository { name owner { login } }
      comments(first: 20) { nodes { body viewerDidAuthor author { login } editor { login } } }
      subIssues(first: 100) { nodes { number body state } }
    } }
  }
}`;

interface SearchResult {
  search: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ({
      number: number;
      repository: { name: string; owner: { login: string } };
      comments: { nodes: { body: string; viewerDidAuthor: boolean; author: { login: string } | null; editor: { login: string } | null }[] };
      subIssues: { nodes: { number: number; body: string; state: 'OPEN' | 'CLOSED' }[] };
    } | null)[];
  };
}

/** Yield pages of onboardings matching `query` (e.g. `user:acme is:issue is:open label:"onboarding"`). */
export async function* findOnboardings(octokit: Octokit, query: string, isStatus: (body: string) => boolean): AsyncGenerator<FoundOnboarding[]> {
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const data: SearchResult = await octokit.graphql<SearchResult>(SEARCH, { q: query, after });
    const found: FoundOnboarding[] = [];
    for (const n of data.search.nodes) {
      if (!n) continue;
      const status = n.comments.nodes.find((c) => c.viewerDidAuthor && isStatus(c.body));
      const trusted = status && (!status.editor || status.editor.login === status.author?.login) ? status.body : null;
      found.push({
        owner: n.repository.owner.login,
        repo: n.repository.name,
        epic: n.number,
        statusBody: trusted,
        stages: n.subIssues.nodes.map((s) => ({ number: s.number, body: s.body, state: s.state === 'OPEN' ? 'open' : 'closed' })),
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
  /** HEAD commit of the repository, the cache key of its templates. */
  headOid: string | null;
}

const UNSTARTED = `query EmbarkUnstarted($q: String!, $after: String) {
  search(query: $q, type: ISSUE, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ... on Issue { number title repository { name owner { login } defaultBranchRef { target { oid } } } } }
  }
}`;

interface UnstartedResult {
  search: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ({ number: number; title: string; repository: { name: string; owner: { login: string }; defaultBranchRef: { target: { oid: string } | null } | null } } | null)[];
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
      found.push({ owner: n.repository.owner.login, repo: n.repository.name, number: n.number, title: n.title, headOid: n.repository.defaultBranchRef?.target?.oid ?? null });
    }
    if (!data.search.pageInfo.hasNextPage) break;
    after = data.search.pageInfo.endCursor;
  }
  return found;
}

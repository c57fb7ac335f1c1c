/**
 * What `embark enroll` asks of GitHub, as a person's client (its own token, not the app's):
 * the template, the onboardings a file already enrolled, and opening one issue.
 *
 * Finding what exists is one search by the file's key (the key is in every issue body), plus a
 * listing of the repository's most recent issues: GitHub's search index lags behind by seconds to
 * minutes, so an issue opened just before a crash or Ctrl-C may not be found by search yet, but is
 * always in the listing. When search fails, or could not list everything (GitHub stops at 1,000
 * results), every issue of the repository is listed instead.
 */
import type { Octokit } from '@octokit/rest';
import { classifyFailure } from '../github/failure.js';
import type { RepoRef } from '../github/octokit.js';
import { readRowKey } from './row-key.js';

/** Issues created this long before the run are assumed to be in the search index. */
export const SEARCH_LAG_MS = 15 * 60_000;
/** GitHub's search API returns at most this many results for one query. */
const SEARCH_CAP = 1000;

/** A creation GitHub refused for now: wait `ms`, then send it again (it was not applied). */
export class PauseError extends Error {
  override readonly name = 'PauseError';
  constructor(
    readonly ms: number,
    message: string,
  ) {
    super(message);
  }
}

/** A creation whose outcome is unknown (5xx, timeout, reset): look before sending it again. */
export class AmbiguousError extends Error {
  override readonly name = 'AmbiguousError';
}

/** The issues `embark enroll` talks to GitHub about. */
export interface EnrollGitHub {
  /** Row key -> issue URL, for every issue of the file `fileKey` that exists. */
  existing(fileKey: string, now: number): Promise<Map<string, string>>;
  /** Open one issue; throws {@link PauseError} or {@link AmbiguousError} when it may be retried. */
  open(issue: { title: string; body: string; labels: string[] }): Promise<string>;
  /** The URL of a recent issue carrying `key`, or null (after an ambiguous failure). */
  findRecent(key: string, now: number): Promise<string | null>;
}

interface IssueLike {
  body?: string | null;
  html_url: string;
  created_at: string;
  pull_request?: unknown;
}

/** GitHub calls for one repository through a person's octokit. */
export function enrollGitHub(octokit: Octokit, ref: RepoRef, log: { requests: number } = { requests: 0 }): EnrollGitHub {
  const collect = (found: Map<string, string>, issues: IssueLike[], prefix: string) => {
    for (const issue of issues) {
      const key = readRowKey(issue.body);
      if (key?.startsWith(prefix) && !issue.pull_request && !found.has(key)) found.set(key, issue.html_url);
    }
  };

  /** Newest first, until issues older than `since` (or every issue with `since` null). */
  async function listNewest(found: Map<string, string>, prefix: string, since: number | null): Promise<void> {
    for (let page = 1; ; page++) {
      log.requests += 1;
      const { data } = await octokit.rest.issues.listForRepo({ ...ref, state: 'all', sort: 'created', direction: 'desc', per_page: 100, page });
      collect(found, data, prefix);
      const oldest = data.at(-1);
      if (data.length < 100 || !oldest || (since !== null && Date.parse(oldest.created_at) < since)) return;
    }
  }

  /** Every issue search finds for the file; false when it could not be trusted to be complete. */
  async function search(found: Map<string, string>, fileKey: string): Promise<boolean> {
    const q = `repo:${ref.owner}/${ref.repo} is:issue in:body ${fileKey}`;
    try {
      for (let page = 1; page <= SEARCH_CAP / 100; page++) {
        log.requests += 1;
        const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 100, page });
        if (data.incomplete_results || data.total_count > SEARCH_CAP) return false;
        collect(found, data.items, fileKey);
        if (page * 100 >= data.total_count) return true;
      }
      return true;
    } catch (error) {
      if (classifyFailure(error).kind === 'permanent' && (error as { status?: number }).status !== 422) throw error;
      return false;
    }
  }

  return {
    async existing(fileKey, now) {
      const found = new Map<string, string>();
      const complete = await search(found, fileKey);
      await listNewest(found, fileKey, complete ? now - SEARCH_LAG_MS : null);
      return found;
    },
    async open(issue) {
      try {
        log.requests += 1;
        // Never re-sent by the client: a retry must look first (see AmbiguousError).
        const { data } = await octokit.rest.issues.create({ ...ref, ...issue, request: { retries: 0 } });
        return data.html_url;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === 'rate-limited') throw new PauseError(failure.retryAfterMs ?? 60_000, failure.message);
        if (failure.kind === 'ambiguous') throw new AmbiguousError(failure.message);
        throw error;
      }
    },
    async findRecent(key, now) {
      const found = new Map<string, string>();
      await listNewest(found, key, now - SEARCH_LAG_MS);
      return found.get(key) ?? null;
    },
  };
}

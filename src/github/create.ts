/**
 * Writes that create something (issues, comments) go out exactly once: the client never re-sends
 * them (`retries: 0`), because GitHub may answer 5xx to a creation it applied. When such a write
 * fails, the job fails and its next attempt re-reads GitHub and creates only what is missing.
 */
import type { Octokit, RepoRef } from './octokit.js';

/** Request option that turns plugin-retry off for one request. */
export const ONCE = { request: { retries: 0 } } as const;

/** Post a comment once; returns its id. */
export async function postComment(octokit: Octokit, ref: RepoRef & { issue: number }, body: string): Promise<number> {
  const { data } = await octokit.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issue, body, ...ONCE });
  return data.id;
}

/** Open an issue once; returns its number. */
export async function openIssue(octokit: Octokit, ref: RepoRef, args: { title: string; body: string; labels: string[] }): Promise<number> {
  const { data } = await octokit.rest.issues.create({ owner: ref.owner, repo: ref.repo, ...args, ...ONCE });
  return data.number;
}

/** Run a GraphQL mutation once (aliased mutations are not atomic; the caller converges on a re-read). */
export function mutateOnce<T>(octokit: Octokit, query: string, variables: Record<string, unknown>): Promise<T> {
  return octokit.graphql<T>(query, { ...variables, ...ONCE });
}

/**
 * Give every request its own deadline (a hung connection otherwise stalls a job forever). Wraps
 * `fetch`, so each retry of an idempotent request gets a fresh deadline.
 */
export function withRequestTimeout<T extends Octokit>(octokit: T, timeoutMs: number): T {
  octokit.hook.before('request', (options) => {
    const request = (options.request ?? {}) as { fetch?: typeof fetch; signal?: AbortSignal };
    if (request.signal) return;
    const inner = request.fetch ?? globalThis.fetch;
    request.fetch = ((url: string, init?: RequestInit) => fetch_(inner, url, init, timeoutMs)) as typeof fetch;
    options.request = request as typeof options.request;
  });
  return octokit;
}

function fetch_(inner: typeof fetch, url: string, init: RequestInit | undefined, timeoutMs: number): Promise<Response> {
  return inner(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

/**
 * A client for one token (the GitHub Action's `GITHUB_TOKEN`, or another token a workflow hands
 * it): the same Octokit the app uses (retry, throttling, Probot's config loader for `_extends`),
 * with Embark's request deadline.
 */
import { ProbotOctokit } from 'probot';
import { withRequestTimeout } from './create.js';
import type { Octokit } from './octokit.js';

export interface TokenClientOptions {
  token: string;
  /** `GITHUB_API_URL`: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  baseUrl: string;
  requestTimeoutMs: number;
  /** Another client class (tests turn retries and throttling off). */
  Octokit?: typeof ProbotOctokit;
  log?: { debug(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
}

export function tokenClient(options: TokenClientOptions): Octokit {
  const Client = options.Octokit ?? ProbotOctokit;
  const octokit = new Client({ auth: options.token, baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.log ? { log: options.log } : {}) }) as unknown as Octokit;
  return withRequestTimeout(octokit, options.requestTimeoutMs);
}

/**
 * Embark running in a real Probot against the GitHub double, wired by signed webhooks, with a
 * fake clock shared by both. Used by the flow tests and by `npm run bench` (so it imports no
 * Jest and is compiled into `dist/`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import type { Octokit } from '../../src/github/octokit.js';
import type { Deps } from '../../src/handlers/deps.js';
import { registerHandlers } from '../../src/handlers/register.js';
import type { MemoryQueue } from '../../src/jobs/memory-queue.js';
import type { RetrySettings } from '../../src/jobs/retry-policy.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
import type { Permission } from '../github-double/types.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

/** Job retries for beds: the production policy, with delays short enough for tests. */
export const FAST_RETRY: RetrySettings = { attempts: 8, baseMs: 5, maxMs: 200 };

export interface AppBed {
  double: GitHubDouble;
  probot: Probot;
  deps: Deps;
  runtime: Runtime;
  clock: { now: Date };
  /** Move Embark's clock and the double's forward together. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/**
 * Production client (retry and throttling on) when `throttle`; with `retry`, plugin-retry on as in
 * production but waiting milliseconds instead of seconds; else one that never waits or retries.
 */
export function clientClass(throttle: boolean, retry = false): typeof ProbotOctokit {
  if (throttle) return ProbotOctokit;
  const retryOptions = retry ? { retryAfterBaseValue: 5 } : { enabled: false };
  return ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: retryOptions, throttle: { enabled: false } }));
}

/** A client against the double with `token` (a person's token, or any string to act as the app). */
export function client(double: GitHubDouble, token: string, throttle = false): Octokit {
  const Client = clientClass(throttle);
  return new Client({ auth: token, baseUrl: double.apiUrl, log: quietLog }) as unknown as Octokit;
}

/** Start the double and Probot with Embark loaded, and `acme/onboarding` holding `files`. */
export async function startAppBed(
  options: DoubleOptions & {
    throttle?: boolean;
    /** plugin-retry on (fast), as in production; default off. */
    retry?: boolean;
    /** Job retry policy; default {@link FAST_RETRY}. */
    jobRetry?: RetrySettings;
    /** Per-request deadline (ms) for the app's GitHub client; default 2000. */
    requestTimeoutMs?: number;
    files: Record<string, string>;
    collaborators: Record<string, Permission>;
  },
): Promise<AppBed> {
  let probot: Probot | undefined;
  let runtime: Runtime | undefined;
  const double = await startGitHubDouble({
    ...options,
    webhook: (call) => probot!.webhooks.verifyAndReceive(call),
    busy: () => (runtime ? (runtime.queue as MemoryQueue).pendingNow() : 0),
  });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'test-secret',
    baseUrl: double.apiUrl,
    logLevel: 'fatal',
    Octokit: clientClass(options.throttle ?? false, options.retry ?? false),
  });
  const env = { EMBARK_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs ?? 2000) };
  await probot.load((app) => {
    runtime = createRuntime(app, { env, deps: { now: () => clock.now }, retry: options.jobRetry ?? FAST_RETRY });
    registerHandlers(app, runtime.queue);
  });
  const ready = runtime!;
  double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: options.collaborators, files: options.files });
  return {
    double,
    probot,
    deps: ready.deps,
    runtime: ready,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
      double.setNow(clock.now);
    },
    close: async () => {
      await ready.close();
      await double.close();
    },
  };
}

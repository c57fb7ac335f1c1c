/**
 * Embark running in a real Probot against the GitHub double, wired by signed webhooks, with a
 * fake clock shared by both. Used by the flow tests and by `npm run bench` (so it imports no
 * Jest and is compiled into `dist/`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import type { Octokit } from '../../src/github/octokit.js';
import { createDeps } from '../../src/handlers/create-deps.js';
import type { Deps } from '../../src/handlers/deps.js';
import { registerHandlers } from '../../src/handlers/register.js';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
import type { Permission } from '../github-double/types.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface AppBed {
  double: GitHubDouble;
  probot: Probot;
  deps: Deps;
  clock: { now: Date };
  /** Move Embark's clock and the double's forward together. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Production client (retry and throttling on) when `throttle`, else one that never waits. */
export function clientClass(throttle: boolean): typeof ProbotOctokit {
  return throttle
    ? ProbotOctokit
    : ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
}

/** A client against the double with `token` (a person's token, or any string to act as the app). */
export function client(double: GitHubDouble, token: string, throttle = false): Octokit {
  const Client = clientClass(throttle);
  return new Client({ auth: token, baseUrl: double.apiUrl, log: quietLog }) as unknown as Octokit;
}

/** Start the double and Probot with Embark loaded, and `acme/onboarding` holding `files`. */
export async function startAppBed(
  options: DoubleOptions & { throttle?: boolean; files: Record<string, string>; collaborators: Record<string, Permission> },
): Promise<AppBed> {
  let probot: Probot | undefined;
  const double = await startGitHubDouble({ ...options, webhook: (call) => probot!.webhooks.verifyAndReceive(call) });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'test-secret',
    baseUrl: double.apiUrl,
    logLevel: 'fatal',
    Octokit: clientClass(options.throttle ?? false),
  });
  const deps = createDeps({ now: () => clock.now });
  await probot.load((app) => registerHandlers(app, deps));
  double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: options.collaborators, files: options.files });
  return {
    double,
    probot,
    deps,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
      double.setNow(clock.now);
    },
    close: () => double.close(),
  };
}

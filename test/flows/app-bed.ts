/**
 * Embark running in a real Probot against the GitHub double, wired by signed webhooks, with a
 * fake clock shared by both. Used by the flow tests and by `npm run bench` (so it imports no
 * Jest and is compiled into `dist/`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Redis } from 'ioredis';
import { Probot, ProbotOctokit } from 'probot';
import { registerHandlers } from '../../src/app/events.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { readSettings } from '../../src/app/settings.js';
import { createRedisLock } from '../../src/coordination/redis-lock.js';
import type { PaceClock } from '../../src/enroll/pace.js';
import type { Octokit } from '../../src/github/octokit.js';
import type { Deps } from '../../src/handlers/deps.js';
import type { MemoryQueue } from '../../src/jobs/memory-queue.js';
import type { RedisQueue } from '../../src/jobs/redis-queue.js';
import type { RetrySettings } from '../../src/jobs/retry-policy.js';
import { mailDeps } from '../../src/mail/mail-deps.js';
import type { BackoffOptions } from '../../src/mail/pace.js';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
import type { Permission } from '../github-double/types.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Requests a killed replica still completes, because their promise is shared with the live
 * replicas of this one test process: @octokit/auth-app keeps ONE pending installation-token
 * request per installation in a module-level map, and every app in the process waits on it. A
 * dead replica's token request left hanging would freeze every replica (in production each
 * replica is a process of its own and a SIGKILL takes its pending token with it). Creating a
 * token changes nothing on GitHub, so letting it finish hides nothing a dead process would do.
 */
function sharedInProcess(url: string): boolean {
  return /\/app\/installations\/\d+\/access_tokens$/.test(url);
}

/** Job retries for beds: the production policy, with delays short enough for tests. */
export const FAST_RETRY: RetrySettings = { attempts: 8, baseMs: 5, maxMs: 200 };

export interface AppBed {
  double: GitHubDouble;
  /** The first replica's Probot, deps and runtime (the only one unless `replicas` > 1). */
  probot: Probot;
  deps: Deps;
  runtime: Runtime;
  /** The live replicas, in the order webhooks go round (killed ones leave it, started ones join). */
  replicas: { probot: Probot; runtime: Runtime }[];
  /**
   * Kill a replica the way SIGKILL does: from now on its GitHub requests never answer (those in
   * flight were sent; their answers are lost; installation tokens aside, see `sharedInProcess`),
   * its claims on jobs and onboarding leases are no longer renewed and run out, and it gets no
   * more webhooks. Its jobs are run again elsewhere.
   */
  killReplica(index: number): Promise<void>;
  /** Stop a replica as a deploy does (running jobs finish first); it gets no more webhooks. */
  stopReplica(index: number): Promise<void>;
  /** Start one more replica on the same settings (and Redis); it joins the webhook rotation. */
  startReplica(): Promise<void>;
  clock: { now: Date };
  /** Move Embark's clock and the double's forward together. */
  advance(ms: number): void;
  /** Wait until the double is idle and every replica's queue is empty (Redis queues included). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Production client (retry and throttling on) when `throttle`; with `retry`, plugin-retry on as in
 * production but waiting milliseconds instead of seconds; else one that never waits or retries.
 */
export function clientClass(throttle: boolean, retry = false, retryBaseMs = 5): typeof ProbotOctokit {
  if (throttle) return ProbotOctokit;
  const retryOptions = retry ? { retryAfterBaseValue: retryBaseMs } : { enabled: false };
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
    /** plugin-retry's base wait with `retry` (production: 1000); default 5. */
    retryBaseMs?: number;
    /** Job retry policy; default {@link FAST_RETRY}. */
    jobRetry?: RetrySettings;
    /** Per-request deadline (ms) for the app's GitHub client; default 2000. */
    requestTimeoutMs?: number;
    /** App processes behind one webhook URL (deliveries go round-robin); default 1. */
    replicas?: number;
    /** More environment for the app (as `npm start` would read it), e.g. the status page's secret. */
    env?: NodeJS.ProcessEnv;
    /** Customer mail's backoff on 4xx answers (the env turns mail on); default: the production one. */
    mailBackoff?: BackoffOptions;
    /** Run on Redis (BullMQ jobs, Redis locks) instead of in memory. */
    redis?: { url: string; prefix: string };
    /** The clock API starts are paced on; default real time. */
    paceClock?: PaceClock;
    files: Record<string, string>;
    collaborators: Record<string, Permission>;
  },
): Promise<AppBed> {
  const replicas: { probot: Probot; runtime: Runtime }[] = [];
  let turn = 0;
  const double = await startGitHubDouble({
    ...options,
    webhook: (call) => {
      const replica = replicas[turn++ % replicas.length]!;
      const answer = replica.probot.webhooks.verifyAndReceive(call);
      // A process that dies while a delivery is in flight never answers it: GitHub sees the
      // connection fail (and does not redeliver), so the delivery must end, not hang the double.
      const died = extras.get(replica.runtime)?.died;
      return died ? Promise.race([answer, died]) : answer;
    },
    busy: () => replicas.reduce((n, r) => n + (r.runtime.queue.kind === 'memory' ? (r.runtime.queue as MemoryQueue).pendingNow() : 0), 0),
  });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  const env: NodeJS.ProcessEnv = {
    EMBARK_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs ?? 2000),
    ...(options.redis ? { REDIS_URL: options.redis.url, EMBARK_REDIS_PREFIX: options.redis.prefix } : {}),
    ...options.env,
  };
  const settings = readSettings(env);
  /**
   * Killed replicas: their frozen work is released and their runtime closed when the bed closes,
   * once. (Closing an ioredis connection twice leaves a 2 s timer behind that keeps the process,
   * and Jest with it, from exiting: `disconnect()` on a closed socket never hears its "close".)
   */
  const killed: { runtime: Runtime; release: () => void }[] = [];
  const extras = new Map<Runtime, { kill: () => void; release: () => void; lockRedis: Redis | null; died: Promise<never>; end: () => void }>();
  const startReplica = async () => {
    // A killed process answers nothing: its requests hang until the bed closes, then fail.
    const frozen = new Set<() => void>();
    let dead = false;
    let end!: () => void;
    const died = new Promise<never>((_resolve, reject) => {
      end = () => reject(new Error('app bed: the replica went away before answering the delivery'));
    });
    died.catch(() => undefined);
    const hang = () =>
      new Promise<Response>((_resolve, reject) => {
        frozen.add(() => reject(new Error('app bed: this replica was killed')));
      });
    const replicaFetch = (async (url: string, init?: RequestInit) => {
      if (dead && !sharedInProcess(url)) return hang();
      const response = await fetch(url, init);
      return dead && !sharedInProcess(url) ? hang() : response;
    }) as typeof fetch;
    const Base = clientClass(options.throttle ?? false, options.retry ?? false, options.retryBaseMs);
    const probot = new Probot({
      appId: 1,
      privateKey,
      secret: 'test-secret',
      baseUrl: double.apiUrl,
      logLevel: 'fatal',
      Octokit: Base.defaults({ request: { fetch: replicaFetch } }) as typeof ProbotOctokit,
    });
    // The onboarding leases on a connection of this replica's own, so a kill can cut their renewal.
    const lockRedis = options.redis ? new Redis(options.redis.url, { maxRetriesPerRequest: 3 }) : null;
    lockRedis?.on('error', () => undefined);
    const lock = lockRedis && options.redis ? { lock: createRedisLock(lockRedis, { prefix: options.redis.prefix, ttlMs: 2000, waitMs: 60_000 }) } : {};
    await probot.load((app) => {
      const mail = options.mailBackoff ? { mail: mailDeps(settings.mail, settings.statusPage, { backoff: options.mailBackoff }) } : {};
      const runtime = createRuntime(app, { settings, deps: { now: () => clock.now, ...lock, ...mail }, retry: options.jobRetry ?? FAST_RETRY, lockDurationMs: 2000, paceClock: options.paceClock });
      registerHandlers(app, runtime.queue);
      replicas.push({ probot, runtime });
      extras.set(runtime, {
        kill: () => {
          dead = true;
          end();
        },
        died,
        end,
        release: () => {
          for (const fail of frozen) fail();
          frozen.clear();
        },
        lockRedis,
      });
    });
  };
  const leave = (index: number) => {
    const [replica] = replicas.splice(index, 1);
    if (!replica) throw new Error(`app bed: no replica ${index}`);
    return { runtime: replica.runtime, extra: extras.get(replica.runtime)! };
  };
  for (let i = 0; i < (options.replicas ?? 1); i++) await startReplica();
  double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: options.collaborators, files: options.files });
  const first = replicas[0]!;
  return {
    double,
    probot: first.probot,
    deps: first.runtime.deps,
    runtime: first.runtime,
    replicas,
    clock,
    async killReplica(index) {
      const { runtime, extra } = leave(index);
      extra.kill();
      extra.lockRedis?.disconnect();
      if (runtime.queue.kind === 'redis') await (runtime.queue as RedisQueue).kill();
      killed.push({ runtime, release: extra.release });
    },
    async stopReplica(index) {
      const { runtime, extra } = leave(index);
      await runtime.close();
      extra.end();
      extra.lockRedis?.disconnect();
    },
    startReplica,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
      double.setNow(clock.now);
    },
    async settle(timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await double.idle({ timeoutMs });
        const pending = await Promise.all(replicas.map((r) => r.runtime.queue.pending()));
        if (pending.every((n) => n === 0)) {
          await double.idle({ timeoutMs });
          return;
        }
        if (Date.now() > deadline) throw new Error(`app bed: jobs still pending after ${timeoutMs} ms: ${pending.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      const live = replicas[0] ?? first;
      if (options.redis) await (live.runtime.queue as RedisQueue).obliterate().catch(() => undefined);
      for (const r of replicas) {
        await r.runtime.close();
        extras.get(r.runtime)?.lockRedis?.disconnect();
      }
      // Killed replicas' frozen work fails now and unwinds against closed connections.
      for (const k of killed) {
        k.release();
        await k.runtime.close().catch(() => undefined);
      }
      await double.close();
    },
  };
}

/**
 * What one Embark process runs on, chosen from the environment: with `REDIS_URL`, BullMQ jobs,
 * a lease per onboarding and one sweeper across replicas; without it, the same policy in memory.
 */
import { Redis } from 'ioredis';
import type { Probot } from 'probot';
import { createDeps } from './handlers/create-deps.js';
import type { Deps } from './handlers/deps.js';
import { createProcessor } from './handlers/register.js';
import type { JobQueue } from './jobs/job.js';
import { MemoryQueue } from './jobs/memory-queue.js';
import { RedisQueue } from './jobs/redis-queue.js';
import { type RetrySettings, retrySettingsFromEnv } from './jobs/retry-policy.js';
import { createRedisLock } from './redis-lock.js';
import { createMemorySweepGate, createRedisSweepGate, type SweepGate } from './sweep-gate.js';

export interface Runtime {
  deps: Deps;
  queue: JobQueue;
  sweepGate: SweepGate;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env: NodeJS.ProcessEnv;
  deps?: Partial<Deps>;
  retry?: RetrySettings;
  /** BullMQ claim length; short in tests so a killed replica's job moves on quickly. */
  lockDurationMs?: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function createRuntime(app: Probot, options: RuntimeOptions): Runtime {
  const { env } = options;
  const retry = options.retry ?? retrySettingsFromEnv(env);
  const concurrency = positive(env.EMBARK_CONCURRENCY, 8);
  const requestTimeoutMs = positive(env.EMBARK_REQUEST_TIMEOUT_MS, 30_000);
  const onFailed = (job: { delivery: string; name: string }, error: unknown) =>
    app.log.error({ err: error, delivery: job.delivery }, `${job.name} job gave up (delivery ${job.delivery}); see GET /embark/jobs`);
  if (!env.REDIS_URL) {
    const deps = createDeps(options.deps);
    const queue = new MemoryQueue({ processor: createProcessor(app, deps, { requestTimeoutMs }), retry, concurrency, onFailed });
    return { deps, queue, sweepGate: createMemorySweepGate(), close: () => queue.close() };
  }
  const prefix = env.EMBARK_REDIS_PREFIX || 'embark';
  // How long a dead replica's claims (its job, its onboarding leases) outlive it.
  const lockMs = options.lockDurationMs ?? positive(env.EMBARK_JOB_LOCK_MS, 30_000);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => app.log.warn({ err: error }, 'redis connection error'));
  const deps = createDeps({ lock: createRedisLock(redis, { prefix, ttlMs: lockMs, waitMs: Math.max(60_000, 2 * lockMs) }), ...options.deps });
  const queue = new RedisQueue({
    url: env.REDIS_URL,
    prefix,
    processor: createProcessor(app, deps, { requestTimeoutMs }),
    retry,
    concurrency,
    lockDurationMs: lockMs,
    onFailed,
    onError: (error) => app.log.warn({ err: error }, 'job queue error'),
  });
  return {
    deps,
    queue,
    sweepGate: createRedisSweepGate(redis, prefix),
    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}

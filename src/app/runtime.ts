/**
 * What one Embark process runs on, chosen by its settings: with Redis, BullMQ jobs, a lease per
 * onboarding and one sweeper across replicas; without it, the same policy in memory.
 */
import { Redis } from 'ioredis';
import type { Probot } from 'probot';
import { createRedisLock } from '../coordination/redis-lock.js';
import { createMemoryStartLedger, createRedisStartLedger } from '../coordination/start-ledger.js';
import { createMemorySweepGate, createRedisSweepGate, type SweepGate } from '../coordination/sweep-gate.js';
import { type PaceClock, systemClock } from '../enroll/pace.js';
import type { Deps } from '../handlers/deps.js';
import type { JobQueue } from '../jobs/job.js';
import { MemoryQueue } from '../jobs/memory-queue.js';
import { RedisQueue } from '../jobs/redis-queue.js';
import type { RetrySettings } from '../jobs/retry-policy.js';
import { StartPace } from '../start-api/start-pace.js';
import { createDeps } from './create-deps.js';
import { createProcessor } from './events.js';
import type { AppSettings } from './settings.js';

export interface Runtime {
  deps: Deps;
  queue: JobQueue;
  /**
   * The start lane: API starts, one at a time per process at the pace (`start-api/start-pace.ts`),
   * so a CRM's burst waits its turn without holding up webhook jobs.
   */
  starts: JobQueue;
  sweepGate: SweepGate;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  settings: AppSettings;
  deps?: Partial<Deps>;
  retry?: RetrySettings;
  /** BullMQ claim length; short in tests so a killed replica's job moves on quickly. */
  lockDurationMs?: number;
  /** The clock API starts are paced on; default real time (tests and the bench simulate it). */
  paceClock?: PaceClock;
}

export function createRuntime(app: Probot, options: RuntimeOptions): Runtime {
  const { settings } = options;
  const retry = options.retry ?? settings.retry;
  const { concurrency, requestTimeoutMs } = settings;
  const onFailed = (job: { delivery: string; name: string }, error: unknown) =>
    app.log.error({ err: error, delivery: job.delivery }, `${job.name} job gave up (delivery ${job.delivery}); see GET /embark/jobs`);
  const pace = new StartPace(options.paceClock ?? systemClock);
  if (!settings.redis) {
    const deps = createDeps(settings, { startApi: { ledger: createMemoryStartLedger(), pace }, ...options.deps });
    const processor = createProcessor(app, deps, { requestTimeoutMs });
    const queue = new MemoryQueue({ processor, retry, concurrency, onFailed });
    const starts = new MemoryQueue({ processor, retry, concurrency: 1, onFailed });
    return {
      deps,
      queue,
      starts,
      sweepGate: createMemorySweepGate(),
      async close() {
        await starts.close();
        await queue.close();
        deps.mail?.mailer.close();
      },
    };
  }
  const { url, prefix } = settings.redis;
  // How long a dead replica's claims (its job, its onboarding leases) outlive it.
  const lockMs = options.lockDurationMs ?? settings.lockMs;
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => app.log.warn({ err: error }, 'redis connection error'));
  const deps = createDeps(settings, {
    lock: createRedisLock(redis, { prefix, ttlMs: lockMs, waitMs: Math.max(60_000, 2 * lockMs) }),
    startApi: { ledger: createRedisStartLedger(redis, prefix), pace },
    ...options.deps,
  });
  const processor = createProcessor(app, deps, { requestTimeoutMs });
  const onError = (error: Error) => app.log.warn({ err: error }, 'job queue error');
  const queue = new RedisQueue({ url, prefix, processor, retry, concurrency, lockDurationMs: lockMs, onFailed, onError });
  const starts = new RedisQueue({ url, prefix, name: 'embark-starts', processor, retry, concurrency: 1, lockDurationMs: lockMs, onFailed, onError });
  return {
    deps,
    queue,
    starts,
    sweepGate: createRedisSweepGate(redis, prefix),
    async close() {
      await starts.close();
      await queue.close();
      redis.disconnect();
      deps.mail?.mailer.close();
    },
  };
}

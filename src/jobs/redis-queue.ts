/**
 * The durable queue when `REDIS_URL` is set: BullMQ on Redis. Every replica adds webhook jobs and
 * runs a worker; a job id taken from the delivery id makes a repeated delivery a no-op while the
 * first is queued or running (a failed one is retried instead). A job whose replica dies is moved
 * back to waiting by BullMQ's stalled-job check and runs again elsewhere.
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { classifyFailure } from '../github/failure.js';
import { type AddResult, describeJob, type FailedJob, type JobQueue, type Processor, type WebhookJob } from './job.js';
import { nextAttempt, type RetrySettings } from './retry-policy.js';

const QUEUE = 'embark-events';

export interface RedisQueueOptions {
  url: string;
  /** Key prefix in Redis: one per deployment (tests use one per run). */
  prefix: string;
  processor: Processor;
  retry: RetrySettings;
  concurrency: number;
  /** How long a worker's claim on a job lasts without renewal (BullMQ `lockDuration`). */
  lockDurationMs?: number;
  onFailed?: (job: WebhookJob, error: unknown) => void;
  onError?: (error: Error) => void;
}

/** A Redis connection BullMQ accepts for blocking commands. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export class RedisQueue implements JobQueue {
  readonly kind = 'redis';
  private readonly queue: Queue<WebhookJob>;
  private readonly worker: Worker<WebhookJob>;
  private readonly connections: Redis[];

  constructor(private readonly options: RedisQueueOptions) {
    const queueConnection = redisConnection(options.url);
    const workerConnection = redisConnection(options.url);
    this.connections = [queueConnection, workerConnection];
    const onError = options.onError ?? (() => undefined);
    for (const c of this.connections) c.on('error', onError);
    this.queue = new Queue<WebhookJob>(QUEUE, {
      connection: queueConnection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.retry.attempts,
        backoff: { type: 'embark' },
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
      },
    });
    this.queue.on('error', onError);
    const lockDuration = options.lockDurationMs ?? 30_000;
    this.worker = new Worker<WebhookJob>(
      QUEUE,
      async (job) => {
        const number = job.attemptsMade + 1;
        try {
          await options.processor(job.data, { number, final: number >= options.retry.attempts });
        } catch (error) {
          // BullMQ retries anything thrown; stop it for failures a retry cannot fix.
          if (classifyFailure(error).kind === 'permanent') throw new UnrecoverableError((error as Error).message);
          throw error;
        }
      },
      {
        connection: workerConnection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration,
        stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
        maxStalledCount: 5,
        settings: {
          backoffStrategy: (attemptsMade, _type, error) => {
            const decision = nextAttempt({ attempt: attemptsMade, failure: classifyFailure(error), settings: { ...options.retry, attempts: Number.POSITIVE_INFINITY }, random: Math.random() });
            return decision.retry ? decision.delayMs : 0;
          },
        },
      },
    );
    this.worker.on('error', onError);
    this.worker.on('failed', (job, error) => {
      if (job && (job.attemptsMade >= options.retry.attempts || error instanceof UnrecoverableError)) options.onFailed?.(job.data, error);
    });
  }

  async add(job: WebhookJob): Promise<AddResult> {
    const existing = await this.queue.getJob(job.id);
    if (existing) {
      if (!(await existing.isFailed())) return 'duplicate';
      await existing.retry('failed', { resetAttemptsMade: true });
      return 'requeued';
    }
    // Another replica adding the same delivery meanwhile is harmless: BullMQ keeps one job per id.
    await this.queue.add(job.name, job, { jobId: job.id });
    return 'queued';
  }

  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async failed(): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, 999);
    return jobs.map((j) => describeJob(j.data, j.attemptsMade, j.failedReason ?? ''));
  }

  async retryFailed(id?: string): Promise<number> {
    const jobs = id ? [await this.queue.getJob(id)] : await this.queue.getFailed(0, 999);
    let n = 0;
    for (const j of jobs) {
      if (j && (await j.isFailed())) {
        await j.retry('failed', { resetAttemptsMade: true });
        n++;
      }
    }
    return n;
  }

  /** Redis answers PING within 2 s (a probe must not hang while Redis is down). */
  async ready(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), 2_000);
    });
    try {
      return await Promise.race([this.connections[0]!.ping().then((pong) => pong === 'PONG'), late]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop taking jobs, let running ones finish, close connections. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    for (const c of this.connections) c.disconnect();
  }

  /** Remove every key of this queue (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}

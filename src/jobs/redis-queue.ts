/**
 * The durable queue when `REDIS_URL` is set: BullMQ on Redis. Every replica adds webhook jobs and
 * runs a worker; a job id taken from the delivery id makes a repeated delivery a no-op while the
 * first is queued or running (a failed one is retried instead). A job whose replica dies is moved
 * back to waiting by BullMQ's stalled-job check and runs again elsewhere.
 *
 * A run cut short by a dead replica counts as an attempt: the next run is told it is not the
 * first (so a handler looks for what the dead one already wrote, such as a command's reply), and
 * the run that may be the last, by attempts or by stalls, is told it is final, so a job never
 * gives up without its handler having had the chance to say so.
 */
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { classifyFailure } from '../github/failure.js';
import { type AddResult, describeJob, type FailedJob, type JobQueue, type Processor, type WebhookJob } from './job.js';
import { nextAttempt, type RetrySettings } from './retry-policy.js';

const QUEUE = 'embark-events';

/** Stalls (runs lost with their replica) BullMQ tolerates before failing a job without running it. */
export const MAX_STALLS = 5;

/** The job fields that say how often it ran (BullMQ's `Job`). */
export interface RunCounts {
  /** Runs that failed and were recorded as failures. */
  attemptsMade: number;
  /** Runs started, this one included: failures, stalls (a replica died mid-run) and this run. */
  attemptsStarted: number;
  /** Runs lost to a stall so far. */
  stalledCounter: number;
}

/**
 * Which attempt a run is. Stalled runs count: the job ran and may have written before its replica
 * died. Final when a failure now is the last one BullMQ allows, or when one more stall would fail
 * the job without running it again.
 */
export function attemptOf(job: RunCounts, settings: { attempts: number; maxStalls: number }): { number: number; final: boolean } {
  const number = Math.max(job.attemptsMade + 1, job.attemptsStarted);
  return { number, final: number >= settings.attempts || job.stalledCounter >= settings.maxStalls };
}

export interface RedisQueueOptions {
  url: string;
  /** Key prefix in Redis: one per deployment (tests use one per run). */
  prefix: string;
  /** The queue's name within the prefix; default `embark-events` (webhook jobs). */
  name?: string;
  processor: Processor;
  retry: RetrySettings;
  concurrency: number;
  /** How long a worker's claim on a job lasts without renewal (BullMQ `lockDuration`). */
  lockDurationMs?: number;
  /** Stalls tolerated per job; default {@link MAX_STALLS}. */
  maxStalls?: number;
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
  private killed = false;

  constructor(private readonly options: RedisQueueOptions) {
    const queueConnection = redisConnection(options.url);
    const workerConnection = redisConnection(options.url);
    this.connections = [queueConnection, workerConnection];
    const onError = options.onError ?? (() => undefined);
    for (const c of this.connections) c.on('error', onError);
    this.queue = new Queue<WebhookJob>(options.name ?? QUEUE, {
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
    const maxStalls = options.maxStalls ?? MAX_STALLS;
    this.worker = new Worker<WebhookJob>(
      options.name ?? QUEUE,
      async (job) => {
        const attempt = attemptOf(job, { attempts: options.retry.attempts, maxStalls });
        try {
          await options.processor(job.data, attempt);
        } catch (error) {
          // BullMQ retries anything thrown; stop it for failures a retry cannot fix, and after the
          // run the handler was told is final (stalls count as attempts here, not in BullMQ).
          if (attempt.final || classifyFailure(error).kind === 'permanent') throw new UnrecoverableError((error as Error).message);
          throw error;
        }
      },
      {
        connection: workerConnection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration,
        stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
        maxStalledCount: maxStalls,
        settings: {
          backoffStrategy: (attemptsMade, _type, error) => {
            const decision = nextAttempt({ attempt: attemptsMade, failure: classifyFailure(error), settings: { ...options.retry, attempts: Number.POSITIVE_INFINITY }, random: Math.random() });
            return decision.retry ? decision.delayMs : 0;
          },
        },
      },
    );
    this.worker.on('error', onError);
    // Every way of giving up is logged: out of attempts, a permanent failure, the final run, and
    // BullMQ failing a job that stalled once more after its final run (it then never runs again).
    this.worker.on('failed', (job, error) => {
      if (job && (job.attemptsMade >= options.retry.attempts || error instanceof UnrecoverableError)) options.onFailed?.(job.data, error);
    });
  }

  async add(job: WebhookJob): Promise<AddResult> {
    const existing = await this.queue.getJob(job.id);
    if (existing) {
      if (!(await existing.isFailed())) return 'duplicate';
      await this.requeue(existing);
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
    return jobs.map((j) => describeJob(j.data, Math.max(j.attemptsMade, j.attemptsStarted), j.failedReason ?? ''));
  }

  async retryFailed(id?: string): Promise<number> {
    const jobs = id ? [await this.queue.getJob(id)] : await this.queue.getFailed(0, 999);
    let n = 0;
    for (const j of jobs) {
      if (j && (await j.isFailed())) {
        await this.requeue(j);
        n++;
      }
    }
    return n;
  }

  /**
   * Queue a failed job again with a full set of attempts. BullMQ's retry keeps the stall count and
   * the "stalled more than allowable limit" verdict, and a job carrying that verdict fails again
   * the moment a worker takes it, unrun: both are cleared first.
   */
  private async requeue(job: Job<WebhookJob>): Promise<void> {
    const client = await this.queue.client;
    await client.hdel(this.queue.toKey(job.id!), 'stc', 'defa');
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
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
    if (this.killed) return;
    await this.worker.close();
    await this.queue.close();
    for (const c of this.connections) c.disconnect();
  }

  /**
   * Stop the way a killed process does (tests): claims on running jobs are no longer renewed and
   * nothing is recorded about them, so they stall and another worker runs them again.
   */
  async kill(): Promise<void> {
    this.killed = true;
    await this.worker.close(true).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    for (const c of this.connections) c.disconnect();
  }

  /** Remove every key of this queue (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}

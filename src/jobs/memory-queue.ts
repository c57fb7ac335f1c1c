/**
 * The embedded queue of `npm start` without `REDIS_URL`: same policy as the Redis one (dedupe by
 * job id, retries with backoff honouring retry-after, failed jobs kept and retryable), held in
 * memory. Work queued here is lost if the process dies; the sweep finds and finishes it.
 */
import { classifyFailure } from '../github/failure.js';
import { type AddResult, describeJob, type FailedJob, type JobQueue, type Processor, type WebhookJob } from './job.js';
import { nextAttempt, type RetrySettings } from './retry-policy.js';

type EntryState = 'waiting' | 'active' | 'delayed' | 'failed';

interface Entry {
  job: WebhookJob;
  state: EntryState;
  attempts: number;
  error: string;
  timer: NodeJS.Timeout | null;
}

export interface MemoryQueueOptions {
  processor: Processor;
  retry: RetrySettings;
  /** Jobs run at once (events of one onboarding are still serialised by its lock). */
  concurrency: number;
  /** Failed jobs kept for the admin route; the oldest are dropped beyond this. */
  keepFailed?: number;
  onFailed?: (job: WebhookJob, error: unknown) => void;
  random?: () => number;
}

export class MemoryQueue implements JobQueue {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private running = 0;
  private closed = false;
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly options: MemoryQueueOptions) {}

  async add(job: WebhookJob): Promise<AddResult> {
    const known = this.entries.get(job.id);
    if (known && known.state !== 'failed') return 'duplicate';
    if (known) {
      this.requeue(known);
      return 'requeued';
    }
    this.entries.set(job.id, { job, state: 'waiting', attempts: 0, error: '', timer: null });
    this.waiting.push(job.id);
    this.pump();
    return 'queued';
  }

  async pending(): Promise<number> {
    return this.pendingNow();
  }

  /** Synchronous count, for test beds that wait until everything settled. */
  pendingNow(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.state !== 'failed') n++;
    return n;
  }

  async failed(): Promise<FailedJob[]> {
    return [...this.entries.values()].filter((e) => e.state === 'failed').map((e) => describeJob(e.job, e.attempts, e.error));
  }

  async retryFailed(id?: string): Promise<number> {
    const targets = [...this.entries.values()].filter((e) => e.state === 'failed' && (id === undefined || e.job.id === id));
    for (const e of targets) this.requeue(e);
    return targets.length;
  }

  async ready(): Promise<boolean> {
    return !this.closed;
  }

  /** Stop taking jobs and wait for the running ones (a deploy must not cut a start in half). */
  async close(): Promise<void> {
    this.closed = true;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    await Promise.allSettled([...this.active]);
  }

  private requeue(e: Entry): void {
    e.state = 'waiting';
    e.attempts = 0;
    this.waiting.push(e.job.id);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.entries.get(this.waiting.shift()!);
      if (entry?.state === 'waiting') {
        const run = this.run(entry);
        this.active.add(run);
        void run.finally(() => this.active.delete(run));
      }
    }
  }

  private async run(e: Entry): Promise<void> {
    this.running++;
    e.state = 'active';
    const number = e.attempts + 1;
    try {
      await this.options.processor(e.job, { number, final: number >= this.options.retry.attempts });
      this.entries.delete(e.job.id);
    } catch (error) {
      e.attempts = number;
      e.error = (error as Error)?.message ?? String(error);
      const decision = nextAttempt({ attempt: number, failure: classifyFailure(error), settings: this.options.retry, random: (this.options.random ?? Math.random)() });
      if (decision.retry && !this.closed) {
        e.state = 'delayed';
        e.timer = setTimeout(() => {
          e.timer = null;
          e.state = 'waiting';
          this.waiting.push(e.job.id);
          this.pump();
        }, decision.delayMs);
      } else {
        e.state = 'failed';
        this.options.onFailed?.(e.job, error);
        this.dropOldFailed();
      }
    } finally {
      this.running--;
      this.pump();
    }
  }

  private dropOldFailed(): void {
    const failed = [...this.entries.values()].filter((e) => e.state === 'failed');
    const excess = failed.length - (this.options.keepFailed ?? 1000);
    for (const e of failed.slice(0, Math.max(0, excess))) this.entries.delete(e.job.id);
  }
}

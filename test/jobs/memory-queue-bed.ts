/** A MemoryQueue bed: jobs, processors the test controls, fast retries, and a wait for quiet. */
import type { Attempt, WebhookJob } from '../../src/jobs/job.js';
import { webhookJob } from '../../src/jobs/job.js';
import { MemoryQueue, type MemoryQueueOptions } from '../../src/jobs/memory-queue.js';
import { githubError } from '../support/github-errors.js';
import { waitUntil } from '../support/wait.js';

export const job = (n: number): WebhookJob =>
  webhookJob({ delivery: `delivery-${n}`, name: 'issues', payload: { action: 'edited', repository: { full_name: 'acme/onboarding' } } });

/** A processor that fails its first `failures` runs of each job with `error()`, and records every run. */
export function flaky(failures: number, error: () => unknown) {
  const runs: Array<{ id: string; attempt: Attempt }> = [];
  const processor = async (j: WebhookJob, attempt: Attempt) => {
    runs.push({ id: j.id, attempt });
    if (runs.filter((r) => r.id === j.id).length <= failures) throw error();
  };
  return { processor, runs, runsOf: (id: string) => runs.filter((r) => r.id === id).length };
}

export const badGateway = () => githubError(502, 'Bad Gateway');
export const notFound = () => githubError(404, 'Not Found');

const open: MemoryQueue[] = [];
/** Three attempts, 1-5 ms apart, no jitter; closed by {@link closeQueues}. */
export function memoryQueue(processor: MemoryQueueOptions['processor'], options: Partial<MemoryQueueOptions> = {}): MemoryQueue {
  const q = new MemoryQueue({ processor, retry: { attempts: 3, baseMs: 1, maxMs: 5 }, concurrency: 4, random: () => 0.5, ...options });
  open.push(q);
  return q;
}
export const closeQueues = () => Promise.all(open.splice(0).map((q) => q.close()));

/** Resolves when nothing is waiting, running or waiting to retry. */
export const drained = (q: MemoryQueue) => waitUntil(() => q.pendingNow() === 0, 'queue drained');

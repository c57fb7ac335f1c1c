/**
 * Runs lost with their worker (a replica killed mid-job) on the real Redis: the next run knows it
 * is not the first, the run one more stall would forfeit is final, and a failure in it gives up
 * at once and is reported, so no job ends without its handler having been told.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Attempt, WebhookJob } from '../../src/jobs/job.js';
import { attemptOf, RedisQueue, type RedisQueueOptions } from '../../src/jobs/redis-queue.js';
import { deferred, waitUntil } from '../support/wait.js';
import { badGateway, job } from './memory-queue-bed.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: RedisQueue[] = [];
afterEach(async () => {
  await open.at(-1)?.obliterate().catch(() => undefined);
  for (const q of open.splice(0)) await q.close().catch(() => undefined);
});

/** Workers of one queue (same prefix), claims of 500 ms so a dead one's job comes back within seconds. */
function workers(options: Partial<RedisQueueOptions> = {}) {
  const prefix = `embark-test-stalls-${randomUUID()}`;
  return (processor: RedisQueueOptions['processor'], more: Partial<RedisQueueOptions> = {}) => {
    const q = new RedisQueue({ url, prefix, processor, retry: { attempts: 4, baseMs: 1, maxMs: 5 }, concurrency: 1, lockDurationMs: 500, ...options, ...more });
    open.push(q);
    return q;
  };
}

/** A processor that never finishes its first run (the process dies holding it). */
function hangs() {
  const started = deferred();
  return { started: started.promise, processor: async () => { started.resolve(); await new Promise(() => undefined); } };
}

describe('attemptOf', () => {
  it.each([
    ['a first run', { attemptsMade: 0, attemptsStarted: 1, stalledCounter: 0 }, { number: 1, final: false }],
    ['a run after a stall is a later attempt', { attemptsMade: 0, attemptsStarted: 2, stalledCounter: 1 }, { number: 2, final: false }],
    ['a retry after failures', { attemptsMade: 2, attemptsStarted: 3, stalledCounter: 0 }, { number: 3, final: false }],
    ['the last attempt, counting stalls', { attemptsMade: 2, attemptsStarted: 4, stalledCounter: 1 }, { number: 4, final: true }],
    ['one more stall would fail it unrun', { attemptsMade: 0, attemptsStarted: 3, stalledCounter: 2 }, { number: 3, final: true }],
    ['jobs added before BullMQ counted starts', { attemptsMade: 1, attemptsStarted: 0, stalledCounter: 0 }, { number: 2, final: false }],
  ])('%s', (_name, counts, expected) => {
    expect(attemptOf(counts, { attempts: 4, maxStalls: 2 })).toEqual(expected);
  });
});

describe('RedisQueue: a worker that dies mid-job', () => {
  it('its job runs again on another worker, told it is a later attempt', async () => {
    const start = workers();
    const dead = hangs();
    const first = start(dead.processor);
    await first.add(job(1));
    await dead.started;
    await first.kill();
    const runs: Attempt[] = [];
    const second = start(async (_j: WebhookJob, attempt: Attempt) => {
      runs.push(attempt);
    });
    await waitUntil(async () => runs.length === 1 && (await second.pending()) === 0, 'the job ran again and finished', 20_000);
    expect(runs).toEqual([{ number: 2, final: false }]);
  }, 30_000);

  it('the run one more stall would forfeit is final: a failure in it gives up at once, reported', async () => {
    const start = workers({ maxStalls: 1 });
    const dead = hangs();
    const first = start(dead.processor);
    await first.add(job(2));
    await dead.started;
    await first.kill();
    const runs: Attempt[] = [];
    const gaveUp: string[] = [];
    const second = start(
      async (_j: WebhookJob, attempt: Attempt) => {
        runs.push(attempt);
        throw badGateway();
      },
      { onFailed: (j) => gaveUp.push(j.id) },
    );
    await waitUntil(async () => (await second.failed()).length === 1 && gaveUp.length === 1, 'the job gave up', 20_000);
    expect(runs).toEqual([{ number: 2, final: true }]);
    expect(gaveUp).toEqual([job(2).id]);
    expect((await second.failed()).map((f) => [f.id, f.attempts])).toEqual([[job(2).id, 2]]);
  }, 30_000);

  it('a job that stalls once more after its final run fails unrun, reported; a redelivery runs it afresh', async () => {
    const start = workers({ maxStalls: 1 });
    const gaveUp: string[] = [];
    for (let kill = 0; kill < 2; kill++) {
      const dead = hangs();
      const q = start(dead.processor);
      if (kill === 0) await q.add(job(3));
      await dead.started;
      await q.kill();
    }
    const runs: Attempt[] = [];
    const last = start(
      async (_j: WebhookJob, attempt: Attempt) => {
        runs.push(attempt);
      },
      { onFailed: (j) => gaveUp.push(j.id) },
    );
    await waitUntil(async () => (await last.failed()).length === 1 && gaveUp.length === 1, 'BullMQ failed the job', 20_000);
    expect(runs).toEqual([]);
    expect(await last.add(job(3))).toBe('requeued');
    await waitUntil(async () => runs.length === 1 && (await last.pending()) === 0, 'the redelivered job ran', 20_000);
    expect(runs).toEqual([{ number: 1, final: false }]);
    expect(await last.failed()).toEqual([]);
  }, 30_000);
});

import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { WebhookJob } from '../../src/jobs/job.js';
import { deferred, waitUntil } from '../support/wait.js';
import { badGateway, closeQueues, drained, flaky, job, notFound, memoryQueue as queue } from './memory-queue-bed.js';

afterEach(closeQueues);

describe('MemoryQueue: running jobs', () => {
  it('runs a job once and forgets it when it succeeded', async () => {
    const p = flaky(0, badGateway);
    const q = queue(p.processor);
    expect(await q.add(job(1))).toBe('queued');
    await drained(q);
    expect(p.runs).toEqual([{ id: 'd-delivery-1', attempt: { number: 1, final: false } }]);
    expect(await q.failed()).toEqual([]);
    expect(await q.add(job(1))).toBe('queued'); // not 'duplicate': nothing of it was kept
  });

  it.each(['running', 'waiting'] as const)('ignores the same delivery again while it is %s', async (state) => {
    const gate = deferred();
    const runs: string[] = [];
    const blocked = async (j: WebhookJob) => {
      runs.push(j.id);
      await gate.promise;
    };
    const q = queue(blocked, { concurrency: 1 });
    await q.add(job(1)); // runs, blocked on the gate
    await q.add(job(2)); // waits behind it
    expect(await q.add(job(state === 'running' ? 1 : 2))).toBe('duplicate');
    gate.resolve();
    await drained(q);
    expect(runs).toEqual(['d-delivery-1', 'd-delivery-2']);
  });

  it('runs at most `concurrency` jobs at once', async () => {
    const gate = deferred();
    let [inside, most, done] = [0, 0, 0];
    const counted = async () => {
      most = Math.max(most, ++inside);
      await gate.promise;
      inside--;
      done++;
    };
    const q = queue(counted, { concurrency: 2 });
    for (let n = 1; n <= 5; n++) await q.add(job(n));
    expect(inside).toBe(2);
    gate.resolve();
    await drained(q);
    expect({ most, done }).toEqual({ most: 2, done: 5 });
  });
});

describe('MemoryQueue: retries', () => {
  it('retries a 502 and stops once it succeeds', async () => {
    const p = flaky(2, badGateway);
    const onFailed = jest.fn();
    const q = queue(p.processor, { onFailed });
    await q.add(job(1));
    await drained(q);
    expect(p.runs.map((r) => r.attempt.number)).toEqual([1, 2, 3]);
    expect(await q.failed()).toEqual([]);
    expect(onFailed).not.toHaveBeenCalled();
  });

  it('gives up after `attempts` runs, says so once, and marks only the last attempt final', async () => {
    const p = flaky(Number.POSITIVE_INFINITY, badGateway);
    const onFailed = jest.fn();
    const q = queue(p.processor, { onFailed });
    await q.add(job(1));
    await drained(q);
    expect(p.runs.map((r) => r.attempt.final)).toEqual([false, false, true]);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(onFailed).toHaveBeenCalledWith(job(1), expect.objectContaining({ status: 502 }));
    expect(await q.failed()).toEqual([
      { id: 'd-delivery-1', name: 'issues', action: 'edited', repo: 'acme/onboarding', attempts: 3, error: 'Bad Gateway' },
    ]);
  });

  it('does not retry a permanent failure (404)', async () => {
    const p = flaky(Number.POSITIVE_INFINITY, notFound);
    const onFailed = jest.fn();
    const q = queue(p.processor, { onFailed });
    await q.add(job(1));
    await drained(q);
    expect(p.runs).toHaveLength(1);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect((await q.failed()).map((f) => f.attempts)).toEqual([1]);
  });
});

describe('MemoryQueue: failed jobs', () => {
  async function twoFailed() {
    const p = flaky(Number.POSITIVE_INFINITY, notFound);
    const q = queue(p.processor);
    await q.add(job(1));
    await q.add(job(2));
    await drained(q);
    return { q, p };
  }

  it('runs a failed job again when its delivery is added again', async () => {
    const { q, p } = await twoFailed();
    expect(await q.add(job(1))).toBe('requeued');
    await drained(q);
    expect([p.runsOf('d-delivery-1'), p.runsOf('d-delivery-2')]).toEqual([2, 1]);
  });

  it.each([
    ['all failed jobs', undefined, 2, [2, 2]],
    ['only the one named', 'd-delivery-2', 1, [1, 2]],
  ])('retryFailed requeues %s', async (_scenario, id, retried, runs) => {
    const { q, p } = await twoFailed();
    expect(await q.retryFailed(id)).toBe(retried);
    await drained(q);
    expect([p.runsOf('d-delivery-1'), p.runsOf('d-delivery-2')]).toEqual(runs);
  });

  it('keeps only the newest `keepFailed` failed jobs', async () => {
    const q = queue(flaky(Number.POSITIVE_INFINITY, notFound).processor, { concurrency: 1, keepFailed: 2 });
    for (let n = 1; n <= 3; n++) await q.add(job(n));
    await drained(q);
    expect((await q.failed()).map((f) => f.id)).toEqual(['d-delivery-2', 'd-delivery-3']);
  });
});

describe('closing', () => {
  it('waits for running jobs before it resolves', async () => {
    let finished = false;
    let started = false;
    const q = queue(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished = true;
    });
    await q.add(job(99));
    await waitUntil(() => started, 'job started');
    await q.close();
    expect(finished).toBe(true);
  });
});

/**
 * The BullMQ queue against the real Redis: one job per delivery id, retries with the shared policy,
 * failed jobs kept and retried with a fresh set of attempts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { RedisQueue } from '../../src/jobs/redis-queue.js';
import { waitUntil } from '../support/wait.js';
import { badGateway, flaky, job } from './memory-queue-bed.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let queue: RedisQueue | undefined;
afterEach(async () => {
  await queue?.obliterate().catch(() => undefined);
  await queue?.close();
  queue = undefined;
});

function redisQueue(processor: ConstructorParameters<typeof RedisQueue>[0]['processor']): RedisQueue {
  const prefix = `embark-test-queue-${randomUUID()}`;
  return new RedisQueue({ url, prefix, processor, retry: { attempts: 2, baseMs: 1, maxMs: 5 }, concurrency: 2, lockDurationMs: 2_000 });
}

describe('RedisQueue', () => {
  it('runs a delivery once however often it is added while queued', async () => {
    const p = flaky(0, badGateway);
    queue = redisQueue(p.processor);
    const results = await Promise.all([queue.add(job(1)), queue.add(job(1)), queue.add(job(1))]);
    // Concurrent adds may all look before any lands, so each may say 'queued'; BullMQ still keeps one job.
    expect(results.every((r) => r === 'queued' || r === 'duplicate')).toBe(true);
    await waitUntil(async () => p.runs.length === 1 && (await queue!.pending()) === 0, 'job ran');
    expect(p.runsOf(job(1).id)).toBe(1);
  });

  it('retries a failing job, keeps it when it gives up, and a redelivery gets a full set of attempts again', async () => {
    const p = flaky(Number.POSITIVE_INFINITY, badGateway);
    queue = redisQueue(p.processor);
    await queue.add(job(2));
    await waitUntil(async () => (await queue!.failed()).length === 1, 'job failed for good');
    expect(p.runs.map((r) => r.attempt)).toEqual([{ number: 1, final: false }, { number: 2, final: true }]);
    expect(await queue.add(job(2))).toBe('requeued');
    await waitUntil(async () => p.runs.length === 4 && (await queue!.failed()).length === 1, 'second round failed');
    expect(p.runs.slice(2).map((r) => r.attempt)).toEqual([{ number: 1, final: false }, { number: 2, final: true }]);
    expect(await queue.retryFailed()).toBe(1);
    await waitUntil(async () => p.runs.length === 6, 'third round');
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { KeyedLock } from '../../src/coordination/lock.js';
import { createRedisLock, RedisLease } from '../../src/coordination/redis-lock.js';
import { classifyFailure } from '../../src/github/failure.js';
import { deferred, waitUntil } from '../support/wait.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `embark-test-lock-${process.pid}-${Date.now()}`;
const clients: Redis[] = [];
function client(): Redis {
  const redis = new Redis(url);
  clients.push(redis);
  return redis;
}
/** A replica: its own Redis connection and its own lock, sharing the deployment's prefix. */
const replica = (waitMs?: number): KeyedLock => createRedisLock(client(), { prefix, waitMs });
const observer = client();
const leaseKey = (key: string) => `${prefix}:lock:${key}`;

afterAll(async () => {
  const keys = await observer.keys(`${prefix}*`);
  if (keys.length > 0) await observer.del(...keys);
  for (const redis of clients) if (redis.status !== 'end') redis.disconnect();
});

describe('Redis lock across replicas', () => {
  it('never lets two replicas work on the same key at once', async () => {
    const [a, b] = [replica(), replica()];
    let inside = 0;
    let most = 0;
    const log: string[] = [];
    const work = (n: number) => async () => {
      most = Math.max(most, ++inside);
      log.push(`enter ${n}`);
      await observer.ping(); // give the other replica every chance to barge in
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`exit ${n}`);
      inside--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? a : b).run('epic-1', work(n))));
    expect(most).toBe(1);
    expect(log).toHaveLength(40);
    for (let i = 0; i < 40; i += 2) expect(log[i + 1]).toBe(log[i]!.replace('enter', 'exit'));
  }, 30_000);

  it.each([
    ['on one replica', true],
    ['on two replicas', false],
  ])('lets different keys run in parallel %s', async (_scenario, oneReplica) => {
    const a = replica(2_000);
    const b = oneReplica ? a : replica(2_000);
    const entered = [deferred(), deferred()];
    const bothInside = (me: 0 | 1) => async () => {
      entered[me]!.resolve();
      await entered[1 - me]!.promise; // deadlocks (and times out) if the keys were serialised
      return me;
    };
    expect(await Promise.all([a.run('epic-2', bothInside(0)), b.run('epic-3', bothInside(1))])).toEqual([0, 1]);
  });

  it("takes over the lease of a replica that died holding it, once the lease lapses", async () => {
    const dying = client();
    const dead = new RedisLease(dying, leaseKey('epic-4'), 200);
    expect(await dead.tryAcquire()).toBe(true);
    const deadToken = await observer.get(leaseKey('epic-4'));
    dying.disconnect(); // the process is gone: no more renewals, no release
    const holder = await replica(5_000).run('epic-4', () => observer.get(leaseKey('epic-4')));
    expect(holder).not.toBeNull();
    expect(holder).not.toBe(deadToken);
    await dead.release().catch(() => undefined); // only stops its renewal timer
  });

  it("does not let a former holder release someone else's lease", async () => {
    const slow = client();
    const a = new RedisLease(slow, leaseKey('epic-5'), 200);
    expect(await a.tryAcquire()).toBe(true);
    slow.disconnect(); // A stalls: its renewals stop reaching Redis and its lease lapses
    await waitUntil(async () => (await observer.exists(leaseKey('epic-5'))) === 0, "A's lease lapsed");
    const b = new RedisLease(client(), leaseKey('epic-5'), 10_000);
    expect(await b.tryAcquire()).toBe(true);
    const bToken = await observer.get(leaseKey('epic-5'));
    await slow.connect(); // A wakes up and, late, releases what it thinks it holds
    await a.release();
    expect(await observer.get(leaseKey('epic-5'))).toBe(bToken);
    await b.release();
    expect(await observer.exists(leaseKey('epic-5'))).toBe(0);
  });

  it('gives up waiting after waitMs with a failure the queue retries as busy', async () => {
    const holding = deferred();
    const released = deferred();
    const a = replica();
    const held = a.run('epic-6', async () => {
      holding.resolve();
      await released.promise;
    });
    await holding.promise;
    const error = await replica(50)
      .run('epic-6', async () => 'never')
      .catch((e: unknown) => e);
    released.resolve();
    await held;
    expect(classifyFailure(error).kind).toBe('busy');
    expect(String(error)).toContain('epic-6');
  });
});

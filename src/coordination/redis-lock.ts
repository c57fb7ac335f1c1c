/**
 * One writer per onboarding across replicas: a lease in Redis (`SET key token NX PX ttl`),
 * renewed while the work runs and released only by its holder (a compare-and-delete script).
 * A replica that dies holding a lease loses it after `ttlMs`; the job it was running is retried
 * elsewhere and converges by re-reading GitHub.
 *
 * Events of one onboarding on the same replica queue on the in-process lock first, so only one
 * of them at a time competes for the lease in Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BusyError } from './busy.js';
import { type Held, runFenced } from './fence.js';
import { createKeyedLock, type KeyedLock } from './lock.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockOptions {
  /** Key prefix, shared by all replicas of one deployment. */
  prefix: string;
  /** Lease length; renewed every third of it while the work runs. */
  ttlMs?: number;
  /** Give up waiting after this long (the job is then retried later). */
  waitMs?: number;
}

/** A lease on one key: acquire without waiting, renew, release. Used for the sweep too. */
export class RedisLease implements Held {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private token: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  /**
   * Until when the lease is surely ours: the time a SET or renewal was SENT plus the lease length
   * (Redis counts from when it received it, which is later). Past it, another replica may hold it.
   */
  private validUntil = 0;
  private lost = false;

  /** True when this replica now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    const token = randomUUID();
    const sentAt = this.clock();
    const ok = await this.redis.set(this.key, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return false;
    this.token = token;
    this.lost = false;
    this.validUntil = sentAt + this.ttlMs;
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
    return true;
  }

  /** Extend the lease (the timer calls this every third of its length); learns when it was lost. */
  async renew(): Promise<void> {
    const token = this.token;
    if (!token) return;
    const sentAt = this.clock();
    try {
      const extended = await this.redis.eval(EXTEND, 1, this.key, token, String(this.ttlMs));
      if (this.token !== token) return;
      if (extended === 1) this.validUntil = Math.max(this.validUntil, sentAt + this.ttlMs);
      else this.lost = true; // expired and taken (or gone): never ours again
    } catch {
      // Redis unreachable: the lease stays valid only until validUntil.
    }
  }

  /** Whether the lease is still surely this holder's (see `fence.ts`). */
  held(): boolean {
    return this.token !== null && !this.lost && this.clock() < this.validUntil;
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const token = this.token;
    this.token = null;
    if (token) await this.redis.eval(RELEASE, 1, this.key, token);
  }
}

/** The keyed lock of {@link KeyedLock}, held across replicas. */
export function createRedisLock(redis: Redis, options: RedisLockOptions): KeyedLock {
  const local = createKeyedLock();
  const ttlMs = options.ttlMs ?? 30_000;
  const waitMs = options.waitMs ?? 60_000;
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      return local.run(key, async () => {
        const lease = new RedisLease(redis, `${options.prefix}:lock:${key}`, ttlMs);
        const deadline = Date.now() + waitMs;
        let pause = 10;
        while (!(await lease.tryAcquire())) {
          if (Date.now() > deadline) throw new BusyError(`another replica is still working on ${key}`);
          // Jittered, growing pause: holders usually finish within a few hundred milliseconds.
          await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
          pause = Math.min(250, pause * 2);
        }
        try {
          return await runFenced(lease, work);
        } finally {
          await lease.release().catch(() => undefined);
        }
      });
    },
  };
}

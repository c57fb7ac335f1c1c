/**
 * Exactly one sweep at a time, and with several replicas, one sweep per interval in all: each
 * replica's timer asks for the interval's slot, the first to take it sweeps, the others skip.
 */
import type { Redis } from 'ioredis';
import { RedisLease } from './redis-lock.js';

export interface SweepGate {
  /**
   * Run `work` unless a sweep is running (here or on another replica) or, when `slot` is given,
   * that slot was already swept. Returns null when skipped.
   */
  run<T>(work: () => Promise<T>, options?: { slot?: { id: string; ttlMs: number } }): Promise<T | null>;
}

/** One process: a flag is enough. */
export function createMemorySweepGate(): SweepGate {
  let running = false;
  const taken = new Set<string>();
  return {
    async run(work, options) {
      if (running) return null;
      if (options?.slot) {
        if (taken.has(options.slot.id)) return null;
        taken.clear();
        taken.add(options.slot.id);
      }
      running = true;
      try {
        return await work();
      } finally {
        running = false;
      }
    },
  };
}

/** Several replicas: a renewed lease while sweeping, and a key per slot taken with `SET NX`. */
export function createRedisSweepGate(redis: Redis, prefix: string): SweepGate {
  return {
    async run(work, options) {
      if (options?.slot) {
        const ok = await redis.set(`${prefix}:sweep:slot:${options.slot.id}`, '1', 'PX', options.slot.ttlMs, 'NX');
        if (ok !== 'OK') return null;
      }
      const lease = new RedisLease(redis, `${prefix}:sweep:running`, 60_000);
      if (!(await lease.tryAcquire())) return null;
      try {
        return await work();
      } finally {
        await lease.release().catch(() => undefined);
      }
    },
  };
}

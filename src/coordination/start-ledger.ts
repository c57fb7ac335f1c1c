/**
 * What became of each API start, by its key, for a day: the request that queued the start waits
 * on it for the EPIC's address, a repeat of the request is answered from it without a job, and
 * the poll route reads it. In memory for one process; in Redis across replicas (the start's job
 * may run on another replica than the request it answers). It only saves requests and waiting:
 * the EPIC's hidden key in GitHub stays the truth, and a lost record is found there again.
 */
import type { Redis } from 'ioredis';

/** Where a start stands. */
export interface StartRecord {
  /**
   * `queued`: the job is waiting (its turn at the pace); `started`: the EPIC exists and runs;
   * `problem`: it exists but could not start (it says why on the issue); `failed`: the job gave up.
   */
  status: 'queued' | 'started' | 'problem' | 'failed';
  epic: { number: number; url: string } | null;
  /** Why it could not start, or why the job failed. */
  problems: string[];
}

export interface StartLedger {
  get(id: string): Promise<StartRecord | null>;
  set(id: string, record: StartRecord): Promise<void>;
}

/** How long a record is kept: a CRM's retries come within hours; later repeats look in GitHub. */
export const LEDGER_TTL_MS = 24 * 3_600_000;

/** One process: a bounded map with expiry. */
export function createMemoryStartLedger(now: () => number = Date.now, max = 10_000): StartLedger {
  const records = new Map<string, { record: StartRecord; until: number }>();
  return {
    async get(id) {
      const hit = records.get(id);
      if (!hit) return null;
      if (hit.until <= now()) {
        records.delete(id);
        return null;
      }
      return hit.record;
    },
    async set(id, record) {
      records.delete(id);
      if (records.size >= max) records.delete(records.keys().next().value!);
      records.set(id, { record, until: now() + LEDGER_TTL_MS });
    },
  };
}

/** Several replicas: one Redis key per start, expiring after a day. */
export function createRedisStartLedger(redis: Redis, prefix: string): StartLedger {
  const key = (id: string) => `${prefix}:start:${id}`;
  return {
    async get(id) {
      const raw = await redis.get(key(id));
      if (!raw) return null;
      try {
        return JSON.parse(raw) as StartRecord;
      } catch {
        return null;
      }
    },
    async set(id, record) {
      await redis.set(key(id), JSON.stringify(record), 'PX', LEDGER_TTL_MS);
    },
  };
}

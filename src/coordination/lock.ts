/**
 * One writer per onboarding: events for the same EPIC run one at a time, events for different
 * EPICs in parallel. This is the in-process lock (one process, no Redis); across replicas
 * `redis-lock.ts` implements the same interface with a fenced lease in Redis.
 */
export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** A promise chain per key; the entry is dropped when its chain drains, so memory stays flat. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(work, work);
      const tail = current.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

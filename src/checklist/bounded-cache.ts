/**
 * A small least-recently-used map with two bounds: how many entries, and their total weight
 * (for parses, the length of the source: a long body holds a proportionally large tree).
 * A `Map` keeps insertion order, so re-inserting on a hit is enough to track recency.
 */

export interface BoundedCacheOptions<V> {
  maxEntries: number;
  /** Most total weight held; an entry heavier than this on its own is not kept at all. */
  maxWeight: number;
  weigh: (key: string, value: V) => number;
}

export interface BoundedCache<V> {
  /** The value for `key`, marked as most recently used; undefined when absent. */
  get(key: string): V | undefined;
  /** Stores `value`, evicting the least recently used entries until both bounds hold. */
  set(key: string, value: V): void;
  readonly size: number;
  readonly weight: number;
  clear(): void;
}

export function createBoundedCache<V>(options: BoundedCacheOptions<V>): BoundedCache<V> {
  const entries = new Map<string, { value: V; weight: number }>();
  let total = 0;
  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.weight;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      remove(key);
      const weight = options.weigh(key, value);
      if (weight > options.maxWeight) return;
      entries.set(key, { value, weight });
      total += weight;
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxEntries && total <= options.maxWeight) break;
        remove(oldest);
      }
    },
    get size() {
      return entries.size;
    },
    get weight() {
      return total;
    },
    clear() {
      entries.clear();
      total = 0;
    },
  };
}

/**
 * Parses by content: one body is parsed once per process, however many readers ask for it.
 *
 * A tick event reads the same bodies many times (the diff reads the old and new body, the
 * reconcile reads every stage issue and the EPIC, the plan's checkbox writes re-read them), and a
 * cold parse of a 100-item body costs tens of milliseconds. Results are frozen, so sharing them
 * is safe. This is the one piece of module state in `checklist/`: a cache that every caller
 * shares is what makes the second read free, and it changes no answer, only its cost.
 */
import { createBoundedCache } from './bounded-cache.js';
import { type ParseMarkdownResult, parseMarkdownFresh } from './fresh-parse.js';

/** Counters since the cache was made; a test diffs two snapshots to count the work of one event. */
export interface ParseCacheStats {
  /** Cache misses: the markdown parser ran. */
  fullParses: number;
  hits: number;
  /** Parses stored without running the parser (derived from a cached parse of a near-identical body). */
  seeded: number;
}

export interface ParseCache {
  /** The parse of `source`, from the cache or parsed now. */
  parse(source: string): ParseMarkdownResult;
  /** The cached parse of `source`, without parsing on a miss. */
  peek(source: string): ParseMarkdownResult | undefined;
  /** Stores a parse of `source` computed some other way; it must equal what `parse` would give. */
  seed(source: string, result: ParseMarkdownResult): void;
  stats(): ParseCacheStats;
  clear(): void;
}

export interface ParseCacheOptions {
  maxEntries?: number;
  /** Most characters of source held (the trees take roughly proportional memory). */
  maxChars?: number;
}

/**
 * A few hundred bodies: every stage issue and EPIC of the onboardings active at once. A parse
 * (tree and list items) holds about 65 bytes per character of source (measured on a 100-item
 * stage body), so 1.5 M characters caps the cache near 100 MiB; typical stage bodies are well
 * under 2 KiB, and then the entry bound is the one that bites (~40 MiB).
 */
export const DEFAULT_PARSE_CACHE: Required<ParseCacheOptions> = { maxEntries: 300, maxChars: 1_500_000 };

export function createParseCache(options: ParseCacheOptions = {}): ParseCache {
  const { maxEntries, maxChars } = { ...DEFAULT_PARSE_CACHE, ...options };
  const cache = createBoundedCache<ParseMarkdownResult>({ maxEntries, maxWeight: maxChars, weigh: (source) => source.length });
  const counts: ParseCacheStats = { fullParses: 0, hits: 0, seeded: 0 };
  return {
    parse(source) {
      const hit = cache.get(source);
      if (hit) {
        counts.hits++;
        return hit;
      }
      counts.fullParses++;
      const result = parseMarkdownFresh(source);
      cache.set(source, result);
      return result;
    },
    peek(source) {
      const hit = cache.get(source);
      if (hit) counts.hits++;
      return hit;
    },
    seed(source, result) {
      counts.seeded++;
      cache.set(source, result);
    },
    stats: () => ({ ...counts }),
    clear: () => cache.clear(),
  };
}

/** The process-wide cache every checklist reader goes through. */
export const sharedParseCache: ParseCache = createParseCache();

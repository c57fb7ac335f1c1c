/**
 * Page views of one onboarding share one read of GitHub for 30 s, so a customer who keeps
 * refreshing costs no API quota. Per process: each replica keeps its own (a view at most one
 * extra read per replica per 30 s). Keyed by onboarding, never by token: a revoked link finds
 * the same entry and is refused by its nonce.
 */
import type { StatusView } from './view-model.js';

/** What a view needs from one read: the page data and the nonce links must carry. */
export interface CachedOnboarding {
  view: StatusView;
  /** Null when the onboarding has no links (never shared, or its state was rebuilt). */
  nonce: string | null;
  timeZone: string;
  /**
   * The onboarding's contacts by `contactRef`, with the name their page and forms use (never the
   * address). Empty when the state was rebuilt: contacts are only trusted from Embark's own state.
   */
  contacts: CachedContact[];
  /** Survey answers already given: contact ref and check-in day. */
  answered: { contact: string; checkin: number }[];
}

/** A contact as the customer's pages need it. */
export interface CachedContact {
  ref: string;
  /** Display name; the masked address when the contact has no name. */
  name: string;
  unsubscribed: boolean;
}

export const VIEW_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export class ViewCache {
  private readonly entries = new Map<string, { at: number; value: CachedOnboarding | null }>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = VIEW_TTL_MS,
  ) {}

  /**
   * The cached value, or `load()`'s (stored). `null` (no such onboarding) is cached too, so
   * guessing issue numbers with a valid secret is no cheaper than viewing a real one.
   */
  async get(key: string, load: () => Promise<CachedOnboarding | null>): Promise<CachedOnboarding | null> {
    const t = this.now().getTime();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (this.entries.size >= MAX_ENTRIES) this.prune(t);
    this.entries.set(key, { at: t, value });
    return value;
  }

  /** Forget one onboarding (after a sign-off, so the next view shows the tick). */
  drop(key: string): void {
    this.entries.delete(key);
  }

  private prune(t: number): void {
    for (const [k, v] of this.entries) if (t - v.at >= this.ttlMs) this.entries.delete(k);
    // Still full of fresh entries: drop the oldest (Map keeps insertion order).
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

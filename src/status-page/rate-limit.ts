/**
 * Fixed-window counters for sign-offs, per link and per client address. In memory: with several
 * replicas each has its own counters, so the real ceiling is the limit times the replicas (fine
 * for a form people fill in by hand; a shared Redis counter would be the next step).
 */
export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Count one attempt for `key`; false when the key is over its limit in this window. */
  take(key: string): boolean {
    const t = this.now().getTime();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.rule.windowMs) {
      if (this.windows.size > 10_000) this.prune(t);
      this.windows.set(key, { start: t, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.rule.limit;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.rule.windowMs) this.windows.delete(k);
  }
}

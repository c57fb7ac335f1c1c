/**
 * The pace of API starts, the one `embark enroll` keeps: each start costs its issue, one issue
 * per stage and the status comment, and the starts of one process stay within four fifths of
 * GitHub's content-creation limits (80 a minute, 500 an hour), spaced evenly. A burst of requests
 * from a CRM (a bulk import of won deals) then waits its turn instead of tripping GitHub's
 * secondary rate limit. The budget is kept per process; time comes from an injected clock.
 */
import { creationsPerRow, defaultPace, nextSlot, type PaceClock, type Spent } from '../enroll/pace.js';

export class StartPace {
  #spent: Spent[] = [];

  constructor(private readonly clock: PaceClock) {}

  /** Wait until a start of a `stages`-stage template fits the budget, and spend it. */
  async take(stages: number): Promise<void> {
    const pace = defaultPace(stages);
    for (;;) {
      const now = this.clock.now();
      const at = nextSlot(pace, this.#spent, now);
      if (at <= now) break;
      await this.clock.sleep(at - now);
    }
    const now = this.clock.now();
    this.#spent = this.#spent.filter((s) => s.at > now - 3_600_000);
    this.#spent.push({ at: now, cost: Math.min(creationsPerRow(stages), pace.cost) });
  }

  /** Creations spent in the last `ms` (for the bench and tests). */
  spentWithin(ms: number): number {
    const now = this.clock.now();
    return this.#spent.filter((s) => s.at > now - ms).reduce((sum, s) => sum + s.cost, 0);
  }
}

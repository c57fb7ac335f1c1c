/**
 * Pacing of `embark enroll` under GitHub's content-creation limits (about 80 a minute and 500 an
 * hour). Each enrolled row costs its own issue plus what the app creates when it starts the
 * onboarding (one issue per stage and the status comment), so the default pace is computed from
 * the template's stage count and keeps the total inside both limits, with a fifth of each left for
 * people and the app's other work.
 *
 * The pacer is a sliding-window log: a row may go when, in every window, the costs recorded in the
 * last window's length plus its own stay within the window's budget. Rows are also spread evenly
 * within a minute rather than sent in one burst. Time comes from an injected clock.
 */

/** GitHub's published content-creation limits. */
export const GITHUB_CREATION_LIMITS = { perMinute: 80, perHour: 500 } as const;
/** The share of each limit the default pace uses. */
export const DEFAULT_SHARE = 0.8;

/** One budget: at most `limit` creations in any `ms` milliseconds. */
export interface PaceWindow {
  ms: number;
  limit: number;
}

/** How fast rows may go. */
export interface PaceSettings {
  /** Creations one row costs (its issue and the app's start). */
  cost: number;
  windows: PaceWindow[];
  /** At least this long between two rows. */
  minIntervalMs: number;
}

/** Creations per enrolled row: the issue, one issue per stage, the app's status comment. */
export function creationsPerRow(stageCount: number): number {
  return 1 + stageCount + 1;
}

/** The default pace for a template with `stageCount` stages. */
export function defaultPace(stageCount: number): PaceSettings {
  return paceForCost(creationsPerRow(stageCount));
}

/** The default pace for steps that each cost `creations` content creations (`embark upgrade` too). */
export function paceForCost(creations: number): PaceSettings {
  const perMinute = Math.floor(GITHUB_CREATION_LIMITS.perMinute * DEFAULT_SHARE);
  const perHour = Math.floor(GITHUB_CREATION_LIMITS.perHour * DEFAULT_SHARE);
  // A start bigger than a minute's budget still has to go: it then takes the minute alone.
  const cost = Math.min(creations, perMinute);
  return {
    cost,
    windows: [
      { ms: 60_000, limit: perMinute },
      { ms: 3_600_000, limit: perHour },
    ],
    minIntervalMs: Math.ceil((60_000 * cost) / perMinute),
  };
}

/** `--rate N/min`: N rows a minute, evenly spaced, no other budget. */
export function fixedPace(rowsPerMinute: number): PaceSettings {
  return { cost: 1, windows: [], minIntervalMs: Math.ceil(60_000 / rowsPerMinute) };
}

/** Rows a minute a pace allows when sustained (the slowest of its budgets). */
export function sustainedRate(pace: PaceSettings): number {
  const perWindow = pace.windows.map((w) => (w.limit / pace.cost) * (60_000 / w.ms));
  return Math.min(60_000 / pace.minIntervalMs, ...perWindow);
}

/** A spent slot: when, and how many creations. */
export interface Spent {
  at: number;
  cost: number;
}

/** The earliest time (ms) at or after `now` when a row may go, given what was spent before. */
export function nextSlot(pace: PaceSettings, spent: readonly Spent[], now: number): number {
  let at = now;
  const last = spent.at(-1);
  if (last) at = Math.max(at, last.at + pace.minIntervalMs);
  // Waiting for one window can only free room in the others, so one pass over each settles it.
  for (const window of pace.windows) {
    const inWindow = spent.filter((s) => s.at > at - window.ms);
    let used = inWindow.reduce((sum, s) => sum + s.cost, 0);
    // Let the oldest entries leave the window until this row fits.
    for (const oldest of inWindow) {
      if (used + pace.cost <= window.limit) break;
      at = Math.max(at, oldest.at + window.ms);
      used -= oldest.cost;
    }
  }
  return at;
}

/** Where time comes from: real in the CLI, simulated in tests and the bench. */
export interface PaceClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Spends slots of a pace on a clock, and pauses everything when GitHub says to wait. */
export class Pacer {
  #spent: Spent[] = [];
  #pausedUntil = 0;

  constructor(
    private readonly pace: PaceSettings,
    private readonly clock: PaceClock,
  ) {}

  /** Wait for the next slot and spend it; false when `signal` aborted first. */
  async take(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.clock.now();
      const at = Math.max(nextSlot(this.pace, this.#spent, now), this.#pausedUntil);
      if (at <= now) break;
      await this.clock.sleep(at - now, signal);
    }
    const now = this.clock.now();
    const horizon = Math.max(this.pace.minIntervalMs, ...this.pace.windows.map((w) => w.ms));
    this.#spent = this.#spent.filter((s) => s.at > now - horizon);
    this.#spent.push({ at: now, cost: this.pace.cost });
    return true;
  }

  /** Nothing goes before `ms` from now (GitHub's `retry-after`). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.clock.now() + ms);
  }
}

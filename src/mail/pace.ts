/**
 * Pacing and retries around a send function. The clock is injected (`Clock`), so tests run on a
 * fake one and never wait for real time.
 *
 * - `createPacer`: a token bucket, at most `perMinute` messages a minute with bursts of `burst`
 *   (default 1: evenly spaced), the way relays such as Microsoft 365 count (30 a minute).
 * - `sendWithBackoff`: retries `transient` results with exponential backoff (base, doubling, capped
 *   at max), and returns the first other result at once: `permanent` and `misconfigured` are
 *   never retried.
 */
import type { MailResult } from './classify.js';

/** Time as the pacer and backoff see it. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Waits for a send slot. */
export interface Pacer {
  take(): Promise<void>;
}

/** A token bucket of `burst` tokens refilled at `perMinute`; `perMinute` of Infinity (or 0) means no pacing. */
export function createPacer(options: { perMinute: number; burst?: number; clock?: Clock }): Pacer {
  const clock = options.clock ?? systemClock;
  if (!Number.isFinite(options.perMinute) || options.perMinute <= 0) return { take: async () => {} };
  const burst = Math.max(1, options.burst ?? 1);
  const msPerToken = 60_000 / options.perMinute;
  let tokens = burst;
  let last = clock.now();
  let queue = Promise.resolve();
  const takeOne = async () => {
    const refill = () => {
      const now = clock.now();
      tokens = Math.min(burst, tokens + (now - last) / msPerToken);
      last = now;
    };
    refill();
    if (tokens < 1) {
      await clock.sleep(Math.ceil((1 - tokens) * msPerToken));
      refill();
    }
    tokens -= 1;
  };
  // One taker at a time, in call order: concurrent callers must not spend the same token.
  return {
    take() {
      const turn = queue.then(takeOne);
      queue = turn.catch(() => {});
      return turn;
    },
  };
}

/** Backoff settings: `attempts` in all (first try included), delays `baseMs`, 2x, 4x ... capped at `maxMs`. */
export interface BackoffOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  clock?: Clock;
}

export const DEFAULT_BACKOFF = { attempts: 4, baseMs: 2_000, maxMs: 30_000 } as const;

/** `send(mail)` until it is not transient or the attempts run out; the result says how many attempts it took. */
export async function sendWithBackoff<M>(
  send: (mail: M) => Promise<MailResult>,
  mail: M,
  options: BackoffOptions = {},
): Promise<MailResult & { attempts: number }> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_BACKOFF.attempts);
  const base = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const max = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const clock = options.clock ?? systemClock;
  for (let attempt = 1; ; attempt++) {
    const result = await send(mail);
    if (result.kind !== 'transient' || attempt >= attempts) return { ...result, attempts: attempt };
    await clock.sleep(Math.min(max, base * 2 ** (attempt - 1)));
  }
}

/**
 * When to try a failed job again. Pure: the queue (in-process or BullMQ) asks, this answers.
 * Exponential backoff with jitter, never sooner than GitHub's `retry-after`, and no retry at all
 * for failures a retry cannot fix.
 */
import type { Failure } from '../github/failure.js';

export interface RetrySettings {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseMs: number;
  /** Ceiling of one backoff delay (retry-after may ask for longer and is honoured). */
  maxMs: number;
}

export const defaultRetrySettings: RetrySettings = { attempts: 8, baseMs: 2_000, maxMs: 5 * 60_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * Decide after attempt number `attempt` (1-based) failed with `failure`.
 * `random` in [0, 1) spreads retries of many jobs failed by one outage (±20 %).
 */
export function nextAttempt(args: { attempt: number; failure: Failure; settings: RetrySettings; random?: number }): RetryDecision {
  const { attempt, failure, settings } = args;
  if (failure.kind === 'permanent') return { retry: false, reason: `GitHub refused the request (${failure.status}): a retry cannot fix it` };
  if (attempt >= settings.attempts) return { retry: false, reason: `still failing after ${attempt} attempts` };
  const jitter = 0.8 + 0.4 * (args.random ?? 0.5);
  const backoff = Math.round(Math.min(settings.maxMs, settings.baseMs * 2 ** (attempt - 1) * jitter));
  return { retry: true, delayMs: Math.max(backoff, failure.retryAfterMs ?? 0) };
}

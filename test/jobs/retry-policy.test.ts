import { describe, expect, it } from '@jest/globals';
import type { Failure } from '../../src/github/failure.js';
import { defaultRetrySettings, nextAttempt, type RetrySettings } from '../../src/jobs/retry-policy.js';

const settings: RetrySettings = { attempts: 5, baseMs: 1_000, maxMs: 6_000 };
const serverError: Failure = { kind: 'ambiguous', retryAfterMs: null, status: 502, message: 'Bad Gateway' };
const rateLimited = (retryAfterMs: number): Failure => ({ kind: 'rate-limited', retryAfterMs, status: 403, message: 'slow down' });
/** `random` 0.5 is the middle of the jitter band: the delay is the plain backoff. */
const neutral = 0.5;

describe('nextAttempt: when not to retry', () => {
  it('never retries a permanent failure, and says which status refused it', () => {
    const failure: Failure = { kind: 'permanent', retryAfterMs: null, status: 404, message: 'Not Found' };
    const decision = nextAttempt({ attempt: 1, failure, settings });
    expect(decision).toEqual({ retry: false, reason: expect.stringContaining('(404)') });
  });

  it.each([5, 6])('stops after the last attempt (attempt %i of 5)', (attempt) => {
    expect(nextAttempt({ attempt, failure: serverError, settings })).toEqual({ retry: false, reason: `still failing after ${attempt} attempts` });
  });
});

describe('nextAttempt: backoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 6_000], // 8 000 capped at maxMs
  ])('after attempt %i waits %i ms', (attempt, delayMs) => {
    expect(nextAttempt({ attempt, failure: serverError, settings, random: neutral })).toEqual({ retry: true, delayMs });
  });

  it.each([
    ['random 0 shortens by 20 %', 0, 1_600],
    ['random just under 1 lengthens by about 20 %', 0.9999, 2_400],
  ])('jitter: %s', (_scenario, random, delayMs) => {
    expect(nextAttempt({ attempt: 2, failure: serverError, settings, random })).toEqual({ retry: true, delayMs });
  });
});

describe('nextAttempt: retry-after', () => {
  it.each([
    ['longer than the backoff wins', 30_000, 30_000],
    ['shorter than the backoff does not', 500, 2_000],
  ])('retry-after %s', (_scenario, retryAfterMs, delayMs) => {
    expect(nextAttempt({ attempt: 2, failure: rateLimited(retryAfterMs), settings, random: neutral })).toEqual({ retry: true, delayMs });
  });
});

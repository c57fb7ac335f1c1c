/**
 * What a failed GitHub request means for the work that made it. The job layer retries on
 * `ambiguous`, `busy` and `rate-limited` (after `retryAfterMs`), and gives up at once on
 * `permanent`; creating writes are never re-sent by the client, so a retry re-reads first.
 */

export type FailureKind =
  /** 5xx, timeout, reset: the request may or may not have been applied. */
  | 'ambiguous'
  /** Primary or secondary rate limit: wait `retryAfterMs`, then try again. */
  | 'rate-limited'
  /** Something of ours was busy (a lock held by another replica): try again shortly. */
  | 'busy'
  /** 4xx that a retry cannot fix (not found, validation, permission). */
  | 'permanent';

export interface Failure {
  kind: FailureKind;
  /** How long GitHub asked us to wait, when it said so. */
  retryAfterMs: number | null;
  status: number | null;
  message: string;
}

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  code?: string;
  cause?: unknown;
  retryable?: boolean;
  response?: { headers?: Record<string, string | number | undefined> };
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

function header(error: ErrorLike, name: string): string | null {
  const value = error.response?.headers?.[name];
  return value === undefined ? null : String(value);
}

/** Seconds from `retry-after`, or until `x-ratelimit-reset` when the primary quota is spent. */
function retryAfterMs(error: ErrorLike, now: number): number | null {
  const after = Number(header(error, 'retry-after'));
  if (header(error, 'retry-after') !== null && Number.isFinite(after)) return Math.max(0, after * 1000);
  if (header(error, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(error, 'x-ratelimit-reset'));
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  }
  return null;
}

function isNetworkError(error: ErrorLike): boolean {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  if (error.code && NETWORK_CODES.has(error.code)) return true;
  const cause = error.cause as ErrorLike | undefined;
  if (cause && cause !== error && typeof cause === 'object') return isNetworkError(cause);
  return /fetch failed|socket hang up|network|timed? ?out|aborted/i.test(error.message ?? '');
}

/** Classify any error thrown by Octokit (REST or GraphQL) or by our own code. */
export function classifyFailure(error: unknown, now = Date.now()): Failure {
  const e = (error ?? {}) as ErrorLike;
  const message = e.message ?? String(error);
  const status = typeof e.status === 'number' ? e.status : null;
  if (e.retryable === true) return { kind: 'busy', retryAfterMs: null, status, message };
  const wait = retryAfterMs(e, now);
  const secondary = /secondary rate limit|abuse/i.test(message);
  if (status === 429 || (status === 403 && (wait !== null || secondary))) {
    return { kind: 'rate-limited', retryAfterMs: wait ?? 60_000, status, message };
  }
  // @octokit/request turns network failures into status 500 errors; both are ambiguous for writes.
  if (status !== null && status >= 500) return { kind: 'ambiguous', retryAfterMs: wait, status, message };
  if (status === null && isNetworkError(e)) return { kind: 'ambiguous', retryAfterMs: null, status, message };
  if (status !== null && status >= 400) return { kind: 'permanent', retryAfterMs: null, status, message };
  // A bug of ours or an unknown failure: retrying costs little and re-reads converge.
  return { kind: 'ambiguous', retryAfterMs: null, status, message };
}

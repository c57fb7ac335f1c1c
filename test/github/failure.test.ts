import { describe, expect, it } from '@jest/globals';
import { BusyError } from '../../src/coordination/busy.js';
import { classifyFailure, type Failure } from '../../src/github/failure.js';
import { githubError } from '../support/github-errors.js';

const now = Date.UTC(2025, 0, 6, 9, 0, 0);
const nowSeconds = now / 1000;

type Case = [scenario: string, error: unknown, expected: Pick<Failure, 'kind' | 'retryAfterMs' | 'status'>];

const cases: Case[] = [
  ['500 Internal Server Error', githubError(500, 'Server Error'), { kind: 'ambiguous', retryAfterMs: null, status: 500 }],
  ['502 Bad Gateway', githubError(502, 'Bad Gateway'), { kind: 'ambiguous', retryAfterMs: null, status: 502 }],
  ['503 Service Unavailable', githubError(503, 'Service Unavailable'), { kind: 'ambiguous', retryAfterMs: null, status: 503 }],
  ['504 Gateway Timeout', githubError(504, 'Gateway Timeout'), { kind: 'ambiguous', retryAfterMs: null, status: 504 }],
  [
    '403 with retry-after: 30',
    githubError(403, 'Forbidden', { 'retry-after': '30' }),
    { kind: 'rate-limited', retryAfterMs: 30_000, status: 403 },
  ],
  [
    '429 with retry-after: 5',
    githubError(429, 'Too Many Requests', { 'retry-after': '5' }),
    { kind: 'rate-limited', retryAfterMs: 5_000, status: 429 },
  ],
  [
    '403 secondary rate limit without retry-after waits a minute',
    githubError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'),
    { kind: 'rate-limited', retryAfterMs: 60_000, status: 403 },
  ],
  [
    '403 with the primary quota spent waits until x-ratelimit-reset',
    githubError(403, 'API rate limit exceeded for installation ID 1.', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(nowSeconds + 120),
    }),
    { kind: 'rate-limited', retryAfterMs: 120_000, status: 403 },
  ],
  [
    '429 without retry-after or a message is still a rate limit (RFC 6585: Too Many Requests)',
    githubError(429, 'Too Many Requests'),
    { kind: 'rate-limited', retryAfterMs: 60_000, status: 429 },
  ],
  [
    '403 missing permission',
    githubError(403, 'Resource not accessible by integration'),
    { kind: 'permanent', retryAfterMs: null, status: 403 },
  ],
  ['404 Not Found', githubError(404, 'Not Found'), { kind: 'permanent', retryAfterMs: null, status: 404 }],
  ['422 Validation Failed', githubError(422, 'Validation Failed'), { kind: 'permanent', retryAfterMs: null, status: 422 }],
  [
    'fetch TypeError caused by a connection reset',
    new TypeError('terminated', { cause: { code: 'ECONNRESET' } }),
    { kind: 'ambiguous', retryAfterMs: null, status: null },
  ],
  ['an object named TimeoutError (AbortSignal.timeout)', { name: 'TimeoutError' }, { kind: 'ambiguous', retryAfterMs: null, status: null }],
  [
    'a DOMException TimeoutError',
    new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    { kind: 'ambiguous', retryAfterMs: null, status: null },
  ],
  ['BusyError (another replica holds the lock)', new BusyError('x'), { kind: 'busy', retryAfterMs: null, status: null }],
  ['a plain Error (a bug of ours)', new Error('bug'), { kind: 'ambiguous', retryAfterMs: null, status: null }],
];

describe('classifyFailure', () => {
  it.each(cases)('%s', (_scenario, error, expected) => {
    expect(classifyFailure(error, now)).toMatchObject(expected);
  });

  it("keeps GitHub's message", () => {
    expect(classifyFailure(githubError(404, 'Not Found'), now).message).toBe('Not Found');
    expect(classifyFailure(new BusyError('another replica is busy'), now).message).toBe('another replica is busy');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Failure } from '../../src/github/failure.js';
import { renderStuckNotice, type StuckNoticeArgs } from '../../src/handlers/stuck-notice.js';

const failure = (over: Partial<Failure>): Failure => ({ kind: 'ambiguous', retryAfterMs: null, status: 502, message: 'Bad Gateway', ...over });
const notice = (over: Partial<StuckNoticeArgs> = {}) =>
  renderStuckNotice({
    event: 'issues.edited',
    actor: 'alice',
    delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    attempts: 8,
    failure: failure({}),
    attentionLabel: 'embark: needs attention',
    ...over,
  });

describe('renderStuckNotice', () => {
  it('starts with the hidden key of this delivery, so a retry never posts it twice', () => {
    expect(notice().split('\n')[0]).toBe('<!-- embark:notice stuck:72d3162e-cc78-11e3-81ab-4c9367dc0958 -->');
  });

  it('names the event, who caused it, the attempts and the status', () => {
    const text = notice();
    expect(text).toContain('`issues.edited` by @alice');
    expect(text).toContain('8 attempts');
    expect(text).toContain('502 Bad Gateway');
    expect(text).toContain('`embark: needs attention`');
  });

  it.each<[string, Partial<StuckNoticeArgs>, string, string]>([
    ['one attempt is singular', { attempts: 1 }, ', 1 attempt.', '1 attempts'],
    ['an event without a sender names nobody', { actor: null }, '`issues.edited` (delivery', ' by @'],
  ])('%s', (_scenario, over, fragment, absent) => {
    const text = notice(over);
    expect(text).toContain(fragment);
    expect(text).not.toContain(absent);
  });

  it.each<[string, Partial<Failure>, string, string]>([
    ['a rate limit says so (even as a 403)', { kind: 'rate-limited', status: 403, message: 'secondary rate limit' }, 'slow down (rate limit)', 'Issues: write'],
    ['a 403 points to the permission', { kind: 'permanent', status: 403, message: 'Resource not accessible by integration' }, '*Issues: write*', 'rate limit'],
    ['a 404 says something is gone', { kind: 'permanent', status: 404, message: 'Not Found' }, 'gone or no longer visible', 'Issues: write'],
    ['a 5xx says GitHub did not answer well', { kind: 'ambiguous', status: 503, message: 'Service Unavailable' }, 'server error', 'refused'],
  ])('%s', (_scenario, over, hint, absent) => {
    const why = notice({ failure: failure(over) })
      .split('\n')
      .find((line) => line.startsWith('- Why:'));
    expect(why).toContain(hint);
    expect(why).not.toContain(absent);
  });

  it("escapes GitHub's message: no mention, no HTML, nothing that looks like a marker", () => {
    const message = 'Validation failed for @someone <script>alert(1)</script> <!-- embark:notice x -->';
    const text = notice({ failure: failure({ kind: 'permanent', status: 422, message }) });
    const why = text.split('\n').find((line) => line.startsWith('- Why:'))!;
    expect(why).not.toMatch(/@someone/);
    expect(why).toContain('@\u200bsomeone');
    expect(why).not.toMatch(/<script|<\/script|<!--/);
    expect(why).toContain('&lt;script&gt;');
    expect(text.match(/<!--/g)).toHaveLength(1);
  });
});

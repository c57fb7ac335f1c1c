import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from '../../src/status-page/rate-limit.js';
import { type CachedOnboarding, VIEW_TTL_MS, ViewCache } from '../../src/status-page/view-cache.js';
import { fixture } from './fixture.js';

function clock() {
  const c = { t: new Date('2026-11-23T09:00:00Z'), now: () => c.t, advance: (ms: number) => (c.t = new Date(c.t.getTime() + ms)) };
  return c;
}

describe('view cache', () => {
  const value: CachedOnboarding = { view: fixture().view, nonce: 'n'.repeat(22), timeZone: 'UTC', contacts: [], answered: [] };

  it('loads once per onboarding within 30 s, again after', async () => {
    const c = clock();
    const cache = new ViewCache(c.now);
    let loads = 0;
    const load = async () => {
      loads++;
      return value;
    };
    await cache.get('acme/onboarding#1', load);
    c.advance(VIEW_TTL_MS - 1);
    await cache.get('acme/onboarding#1', load);
    expect(loads).toBe(1);
    await cache.get('acme/onboarding#2', load);
    expect(loads).toBe(2);
    c.advance(1);
    await cache.get('acme/onboarding#1', load);
    expect(loads).toBe(3);
  });

  it('caches "no such onboarding" too, and forgets an entry when told', async () => {
    const c = clock();
    const cache = new ViewCache(c.now);
    let loads = 0;
    const missing = async () => {
      loads++;
      return null;
    };
    expect(await cache.get('k', missing)).toBeNull();
    expect(await cache.get('k', missing)).toBeNull();
    expect(loads).toBe(1);
    cache.drop('k');
    await cache.get('k', missing);
    expect(loads).toBe(2);
  });

  it('does not cache a failed read', async () => {
    const cache = new ViewCache(clock().now);
    await expect(cache.get('k', async () => Promise.reject(new Error('502')))).rejects.toThrow('502');
    expect(await cache.get('k', async () => value)).toBe(value);
  });
});

describe('rate limiter', () => {
  it('allows the limit per key per window, then refuses until the window ends', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, c.now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    c.advance(60_000);
    expect(limiter.take('a')).toBe(true);
  });
});

/**
 * The write fence: work that lost its Redis lease (expired while it ran, or taken by another
 * replica) can no longer write to GitHub; reads still go through, and the refusal is a
 * `BusyError`, which the job queue retries from a fresh read. Real Redis; the lease's clock is
 * injected so "the event loop stalled past the lease" is a jump of that clock, not a sleep.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { BusyError } from '../../src/coordination/busy.js';
import { assertStillHeld, runFenced } from '../../src/coordination/fence.js';
import { RedisLease } from '../../src/coordination/redis-lock.js';
import { isWrite, withWriteFence } from '../../src/github/app-client.js';
import type { Octokit } from '../../src/github/octokit.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `embark-test-fence-${process.pid}-${Date.now()}`;
const redis = new Redis(url);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  nock.cleanAll();
});

function fencedClient(): Octokit {
  const Client = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  return withWriteFence(new Client({ auth: 'x', baseUrl: 'https://api.github.test' }) as unknown as Octokit);
}

describe('the lease', () => {
  it('is held from acquiring until its length has passed without a renewal', async () => {
    let now = 1_000_000;
    const lease = new RedisLease(redis, `${prefix}:a`, 10_000, () => now);
    expect(await lease.tryAcquire()).toBe(true);
    expect(lease.held()).toBe(true);
    now += 9_999;
    expect(lease.held()).toBe(true);
    now += 1;
    expect(lease.held()).toBe(false);
    await lease.release();
  });

  it('is lost for good when another holder took the key (the renewal finds a stranger\'s token)', async () => {
    const now = 2_000_000; // frozen: the lease has not run out by its own clock
    const lease = new RedisLease(redis, `${prefix}:b`, 60_000, () => now);
    expect(await lease.tryAcquire()).toBe(true);
    await lease.renew();
    expect(lease.held()).toBe(true);
    await redis.set(`${prefix}:b`, 'someone-else', 'PX', 10_000);
    await lease.renew();
    expect(lease.held()).toBe(false);
    await lease.release();
    expect(await redis.get(`${prefix}:b`)).toBe('someone-else'); // release never deletes another's lease
  });
});

describe('the write fence', () => {
  it.each([
    ['GET', 'https://api.github.test/repos/o/r/issues/1', undefined, false],
    ['HEAD', 'https://api.github.test/repos/o/r', undefined, false],
    ['POST', 'https://api.github.test/repos/o/r/issues/1/comments', undefined, true],
    ['PATCH', 'https://api.github.test/repos/o/r/issues/comments/5', undefined, true],
    ['DELETE', 'https://api.github.test/repos/o/r/issues/comments/5', undefined, true],
    ['POST', 'https://api.github.test/graphql', 'query Q { viewer { login } }', false],
    ['POST', 'https://api.github.test/graphql', '  mutation M { closeIssue(input: {}) { clientMutationId } }', true],
  ])('%s %s (%s) is a write: %s', (method, u, query, write) => {
    expect(isWrite({ method, url: u, query })).toBe(write);
  });

  it('lets writes through while the lease is held, refuses them once it is lost, and always lets reads through', async () => {
    let now = 5_000_000;
    const lease = new RedisLease(redis, `${prefix}:c`, 10_000, () => now);
    expect(await lease.tryAcquire()).toBe(true);
    const octokit = fencedClient();
    const scope = nock('https://api.github.test')
      .post('/repos/o/r/issues/1/comments').reply(201, { id: 1 })
      .get('/repos/o/r/issues/1').reply(200, { number: 1 });
    await runFenced(lease, async () => {
      await octokit.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'while held' });
      now += 20_000; // the event loop stalled past the lease: another replica may hold it now
      await expect(octokit.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'too late' })).rejects.toBeInstanceOf(BusyError);
      expect(() => assertStillHeld()).toThrow(/lost the lease/);
      await octokit.rest.issues.get({ owner: 'o', repo: 'r', issue_number: 1 });
    });
    expect(scope.isDone()).toBe(true); // exactly one comment reached GitHub
    expect(() => assertStillHeld()).not.toThrow(); // outside any lease there is nothing to fence
    await lease.release();
  });
});

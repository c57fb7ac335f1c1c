import { afterEach, describe, expect, it } from '@jest/globals';
import { adminRoutes } from '../../src/handlers/admin-routes.js';
import type { MemoryQueue } from '../../src/jobs/memory-queue.js';
import { closeQueues, drained, flaky, job, memoryQueue, notFound } from '../jobs/memory-queue-bed.js';
import { callRoute } from '../support/fake-http.js';

afterEach(closeQueues);

async function call(queue: MemoryQueue, method: string, url: string, auth?: string, token: string | null = 'sekret') {
  return callRoute(adminRoutes(queue, token ?? undefined), method, url, auth);
}

/** A queue whose one job failed for good (404), and a count of how often it ran. */
async function queueWithFailedJob() {
  const p = flaky(Number.POSITIVE_INFINITY, notFound);
  const queue = memoryQueue(p.processor);
  await queue.add(job(1));
  await drained(queue);
  return { queue, runs: () => p.runsOf('d-delivery-1') };
}

describe('GET /embark/ready', () => {
  it('is ready, names the queue and counts pending jobs, with no token needed', async () => {
    const queue = memoryQueue(flaky(0, notFound).processor);
    expect(await call(queue, 'GET', '/embark/ready', undefined, null)).toEqual({
      handled: true,
      status: 200,
      body: { ready: true, queue: 'memory', pending: 0 },
    });
  });

  it('answers 503 once the queue is closed', async () => {
    const queue = memoryQueue(flaky(0, notFound).processor);
    await queue.close();
    const r = await call(queue, 'GET', '/embark/ready');
    expect([r.status, r.body]).toEqual([503, { ready: false, queue: 'memory', pending: null }]);
  });
});

describe('/embark/jobs', () => {
  it.each([
    ['no bearer', undefined, 'sekret', 401],
    ['a wrong bearer', 'Bearer nope', 'sekret', 401],
    ['a token without "Bearer "', 'sekret', 'sekret', 401],
    ['no token configured', 'Bearer sekret', null, 404],
  ])('refuses %s', async (_scenario, auth, token, status) => {
    const { queue } = await queueWithFailedJob();
    for (const [method, url] of [
      ['GET', '/embark/jobs'],
      ['POST', '/embark/jobs/retry'],
    ] as const) {
      const r = await call(queue, method, url, auth, token);
      expect([r.handled, r.status]).toEqual([true, status]);
      expect(r.body).not.toHaveProperty('failed');
    }
  });

  it('lists the failed job', async () => {
    const { queue } = await queueWithFailedJob();
    const r = await call(queue, 'GET', '/embark/jobs', 'Bearer sekret');
    expect([r.status, r.body]).toEqual([
      200,
      {
        queue: 'memory',
        pending: 0,
        failed: [{ id: 'd-delivery-1', name: 'issues', action: 'edited', repo: 'acme/onboarding', attempts: 1, error: 'Not Found' }],
      },
    ]);
  });

  it.each([
    ['all failed jobs', '/embark/jobs/retry', 1, 2],
    ['the job named', '/embark/jobs/retry?id=d-delivery-1', 1, 2],
    ['nothing for an unknown id', '/embark/jobs/retry?id=d-other', 0, 1],
  ])('POST /embark/jobs/retry requeues %s', async (_scenario, url, retried, runs) => {
    const { queue, runs: runsOfJob } = await queueWithFailedJob();
    const r = await call(queue, 'POST', url, 'Bearer sekret');
    expect([r.status, r.body]).toEqual([200, { retried }]);
    await drained(queue);
    expect(runsOfJob()).toBe(runs);
  });

  it.each([
    ['POST', '/embark/jobs'],
    ['GET', '/embark/jobs/retry'],
  ])('answers 405 to %s %s', async (method, url) => {
    const { queue } = await queueWithFailedJob();
    expect((await call(queue, method, url, 'Bearer sekret')).status).toBe(405);
  });
});

describe('other paths', () => {
  it.each(['/api/github/webhooks', '/embark/sweep', '/embark/jobs/', '/embark', '/ping'])('leaves %s to others', async (url) => {
    const queue = memoryQueue(flaky(0, notFound).processor);
    expect(await call(queue, 'GET', url, 'Bearer sekret')).toEqual({ handled: false, status: 0, body: null });
  });
});

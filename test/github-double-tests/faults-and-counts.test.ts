import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
import { waitUntil } from '../support/wait.js';
import { doubleWithRepo, REPO, repoParams } from './fixtures.js';

let double: GitHubDouble;
let octokit: Octokit;

beforeEach(async () => {
  ({ double, octokit } = await doubleWithRepo());
});
afterEach(async () => {
  double.assertNoViolations();
  await double.close();
});

describe('faults', () => {
  it('after: apply creates the issue and still answers 500, like a lost response', async () => {
    double.fail({ route: 'POST /repos/{owner}/{repo}/issues', status: 500, after: 'apply' });
    await expect(octokit.rest.issues.create({ ...repoParams, title: 'Stage 1' })).rejects.toMatchObject({ status: 500 });
    expect(double.issues(REPO).map((i) => i.title)).toEqual(['Stage 1']);
    await octokit.rest.issues.create({ ...repoParams, title: 'Stage 2' });
    expect(double.issues(REPO)).toHaveLength(2);
  });

  it('rejects without applying by default, and answers 403 with retry-after for a secondary rate limit', async () => {
    const handle = double.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues', status: 403, retryAfter: 60, times: 2 });
    const err = await octokit.rest.issues.create({ ...repoParams, title: 'T' }).catch((e) => e);
    expect(err.status).toBe(403);
    expect(err.response.headers['retry-after']).toBe('60');
    expect(err.response.data.message).toContain('secondary rate limit');
    expect(double.issues(REPO)).toEqual([]);
    expect(handle.remaining).toBe(1);
  });

  it('fails GraphQL requests by the route name graphql', async () => {
    double.fail({ route: 'graphql', status: 502 });
    const request = octokit.request('POST /graphql', { baseUrl: `${double.url}/api`, query: '{ viewer { login } }' });
    await expect(request).rejects.toMatchObject({ status: 502 });
  });

  it('timeout: never answers until the client gives up', async () => {
    double.fail({ route: 'GET /repos/{owner}/{repo}', timeout: true });
    const controller = new AbortController();
    const pending = octokit.rest.repos.get({ ...repoParams, request: { signal: controller.signal } });
    await double.idle();
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('adds latency to responses (told by what has answered, not by the clock)', async () => {
    // Without latency the answer comes while the double is being watched...
    let quick = false;
    void octokit.rest.repos.get(repoParams).then(() => (quick = true));
    await waitUntil(() => quick, 'an answer without latency');
    // ...with ten minutes of latency it does not come within 200 turns, although the double has the request.
    double.setLatency(600_000);
    const before = double.requests.length;
    const controller = new AbortController();
    let answered = false;
    const pending = octokit.rest.repos.get({ ...repoParams, request: { signal: controller.signal } }).then(() => (answered = true));
    await waitUntil(() => double.requests.length > before, 'the request to reach the double');
    await expect(waitUntil(() => answered, 'an answer', 200)).rejects.toThrow(/gave up waiting/);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});

describe('counts', () => {
  it('counts reads, writes and GraphQL by route, and resets', async () => {
    const { data: issue } = await octokit.rest.issues.create({ ...repoParams, title: 'T' });
    await octokit.rest.issues.get({ ...repoParams, issue_number: issue.number });
    await octokit.rest.issues.get({ ...repoParams, issue_number: issue.number });
    await octokit.request('POST /graphql', { baseUrl: `${double.url}/api`, query: '{ viewer { login } }' });
    expect(double.counts()).toEqual({
      total: 4,
      reads: 2,
      writes: 1,
      graphql: 1,
      graphqlMutations: 0,
      byRoute: {
        'POST /repos/{owner}/{repo}/issues': 1,
        'GET /repos/{owner}/{repo}/issues/{issue_number}': 2,
        'POST /graphql': 1,
      },
    });
    expect(double.requests[0]).toMatchObject({ method: 'POST', actor: 'embark[bot]', status: 201 });
    double.resetCounts();
    expect(double.counts().total).toBe(0);
  });
});

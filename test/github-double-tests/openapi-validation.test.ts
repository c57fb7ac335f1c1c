import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
import { doubleWithRepo, repoParams } from './fixtures.js';

let double: GitHubDouble;
let octokit: Octokit;

beforeEach(async () => {
  ({ double, octokit } = await doubleWithRepo());
});
afterEach(() => double.close());

/** Send a request the typed Octokit methods would not let us write. */
const raw = (route: string, params: Record<string, unknown>) => octokit.request(route, params);

const PREFIX = "GitHub double: request does not match GitHub's OpenAPI description: ";

describe('OpenAPI request checks', () => {
  it('refuses an issue without a title, records it, and makes assertNoViolations throw', async () => {
    const err = await raw('POST /repos/{owner}/{repo}/issues', { ...repoParams, body: 'no title' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.response.data.message).toMatch(new RegExp(`^${PREFIX.replace(/[()]/g, '\\$&')}POST /repos/\\{owner\\}/\\{repo\\}/issues: body: .*title`));
    expect(double.violations).toHaveLength(1);
    expect(() => double.assertNoViolations()).toThrow(/POST \/repos\/\{owner\}\/\{repo\}\/issues/);
    expect(double.store.issues.size).toBe(0);
  });

  it('refuses labels given as a string', async () => {
    const err = await raw('POST /repos/{owner}/{repo}/issues', { ...repoParams, title: 'T', labels: 'bug' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(double.violations[0]?.problem).toContain('/labels');
  });

  it('refuses a non-numeric issue number and a path GitHub does not have', async () => {
    await expect(raw('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repoParams, issue_number: 'abc' })).rejects.toMatchObject({ status: 400 });
    await expect(raw('GET /repos/{owner}/{repo}/no-such-thing', repoParams)).rejects.toMatchObject({ status: 400 });
    expect(double.violations.map((v) => v.problem)).toEqual([expect.stringContaining('issue_number'), expect.stringContaining('no path')]);
  });

  it('lets the same request through when validation is off', async () => {
    await double.close();
    ({ double, octokit } = await doubleWithRepo({ validate: false }));
    const err = await raw('POST /repos/{owner}/{repo}/issues', { ...repoParams, title: 'T', labels: 'bug' }).catch((e) => e);
    expect(err.status).not.toBe(400);
    expect(double.violations).toEqual([]);
  });
});

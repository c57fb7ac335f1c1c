/** `ensureLabels` tolerates only "already taken" (another start made the label first); anything else is thrown. */
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { ensureLabels } from '../../src/github/ensure-labels.js';
import type { Octokit } from '../../src/github/octokit.js';

const API = 'https://api.github.test';
const octokit = () =>
  new (ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })))({ auth: 'x', baseUrl: API }) as unknown as Octokit;
const wanted = [
  { name: 'onboarding-stage', role: 'stage' },
  { name: 'stage: active', role: 'active' },
];

afterEach(() => nock.cleanAll());

describe('ensureLabels', () => {
  it('keeps what it created and reads the ids of labels someone created meanwhile', async () => {
    const scope = nock(API)
      .post('/graphql', (b: { query: string }) => b.query.startsWith('mutation EmbarkLabels'))
      .reply(200, { data: { l0: { label: { id: 'L0', name: 'onboarding-stage' } }, l1: null }, errors: [{ path: ['l1'], message: 'Name has already been taken' }] })
      .post('/graphql', (b: { query: string }) => b.query.includes('EmbarkLabelIds'))
      .reply(200, { data: { node: { labels: { nodes: [{ id: 'L0', name: 'onboarding-stage' }, { id: 'L1', name: 'stage: active' }] } } } });
    expect(await ensureLabels(octokit(), { repositoryId: 'R', existing: {}, wanted })).toEqual({ 'onboarding-stage': 'L0', 'stage: active': 'L1' });
    expect(scope.isDone()).toBe(true);
  });

  it('throws any other failure (no permission), instead of creating stage issues without labels', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { l0: null, l1: null }, errors: [{ type: 'FORBIDDEN', path: ['l0'], message: 'Resource not accessible by integration' }, { path: ['l1'], message: 'Name has already been taken' }] });
    await expect(ensureLabels(octokit(), { repositoryId: 'R', existing: {}, wanted })).rejects.toThrow(/Resource not accessible/);
  });
});

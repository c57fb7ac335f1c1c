import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
import { clientFor, doubleWithRepo, REPO, repoParams } from './fixtures.js';

let double: GitHubDouble;
let octokit: Octokit;

beforeEach(async () => {
  ({ double, octokit } = await doubleWithRepo());
});
afterEach(async () => {
  double.assertNoViolations();
  await double.close();
});

describe('repository routes', () => {
  it('serves a file as base64 with its blob sha, a folder as a list, raw on request, and 404 otherwise', async () => {
    const file = await octokit.rest.repos.getContent({ ...repoParams, path: '.github/onboarding.yml', ref: 'main' });
    const data = file.data as { content: string; sha: string; type: string };
    expect(data.type).toBe('file');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('reminders: {}\n');
    expect(data.sha).toMatch(/^[0-9a-f]{40}$/);
    const folder = await octokit.rest.repos.getContent({ ...repoParams, path: 'templates' });
    expect((folder.data as Array<{ name: string }>).map((e) => e.name)).toEqual(['msp.md']);
    const raw = await octokit.rest.repos.getContent({ ...repoParams, path: 'templates/msp.md', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('# MSP\n');
    await expect(octokit.rest.repos.getContent({ ...repoParams, path: 'missing.md' })).rejects.toMatchObject({ status: 404 });
  });

  it('moves the HEAD sha when a file changes', async () => {
    const before = double.store.repoByFullName(REPO).head_sha;
    double.setFile(REPO, 'templates/new.md', '# New\n');
    expect(double.store.repoByFullName(REPO).head_sha).not.toBe(before);
  });

  it('reports permission with the legacy field and the role name; 404 for unknown users', async () => {
    const get = (username: string) => octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoParams, username });
    expect((await get('alice')).data).toMatchObject({ permission: 'admin', role_name: 'admin', user: { login: 'alice' } });
    expect((await get('carol')).data).toMatchObject({ permission: 'read', role_name: 'read' });
    double.store.user('dave');
    expect((await get('dave')).data).toMatchObject({ permission: 'none' });
    await expect(get('nobody')).rejects.toMatchObject({ status: 404 });
  });
});

describe('app authentication', () => {
  it('serves the app, its installations and installation tokens for any JWT', async () => {
    const jwtClient = clientFor(double);
    expect((await jwtClient.rest.apps.getAuthenticated()).data).toMatchObject({ id: 1, slug: 'embark' });
    const installation = await jwtClient.rest.apps.getRepoInstallation(repoParams);
    const token = await jwtClient.rest.apps.createInstallationAccessToken({ installation_id: installation.data.id });
    expect(token.data.token).toMatch(/^ghs_/);
  });

  it('acts as a person with a token from tokenFor', async () => {
    const asBob = clientFor(double, 'bob');
    const { data } = await asBob.rest.issues.create({ ...repoParams, title: 'From Bob' });
    expect(data).toMatchObject({ user: { login: 'bob', type: 'User' }, performed_via_github_app: null, author_association: 'COLLABORATOR' });
  });
});

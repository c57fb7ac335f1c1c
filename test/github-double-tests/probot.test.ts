import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Probot, ProbotOctokit } from 'probot';
import { type GitHubDouble, startGitHubDouble } from '../github-double/index.js';
import { REPO } from './fixtures.js';

let double: GitHubDouble | undefined;
afterEach(async () => {
  double?.assertNoViolations();
  await double?.close();
});

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('a real Probot app against the double', () => {
  it('receives a webhook, authenticates as the installation and comments', async () => {
    let probot: Probot | undefined;
    double = await startGitHubDouble({ webhook: (call) => probot!.webhooks.verifyAndReceive(call) });
    probot = new Probot({
      appId: 1,
      privateKey,
      secret: 'test-secret',
      baseUrl: double.apiUrl,
      logLevel: 'fatal',
      Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    await probot.load((app) => {
      app.on('issues.opened', async (context) => {
        await context.octokit.rest.issues.createComment(context.issue({ body: `Welcome, ${context.payload.sender.login}` }));
      });
    });
    double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: { alice: 'write' } });
    const issue = double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', user: 'alice' });
    await double.idle();
    expect(double.comments(REPO, issue.number)).toEqual([expect.objectContaining({ body: 'Welcome, alice', user: 'embark[bot]', via_app: true })]);
    expect(double.counts().byRoute).toMatchObject({
      'POST /app/installations/{installation_id}/access_tokens': 1,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': 1,
    });
    expect(double.deliveries.map((d) => `${d.name}.${d.action}:${d.state}`)).toEqual(['issues.opened:delivered', 'issue_comment.created:delivered']);
  });
});

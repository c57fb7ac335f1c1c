import { afterEach, describe, expect, it } from '@jest/globals';
import { verify } from '@octokit/webhooks-methods';
import { type GitHubDouble, startGitHubDouble, type WebhookCall } from '../github-double/index.js';
import { clientFor, REPO, repoParams } from './fixtures.js';

let double: GitHubDouble | undefined;
afterEach(async () => {
  double?.assertNoViolations();
  await double?.close();
});

/** A double whose webhooks land in `received` (function form). */
async function recording(secret = 'test-secret') {
  const received: WebhookCall[] = [];
  double = await startGitHubDouble({
    webhookSecret: secret,
    webhook: async (call) => {
      received.push(call);
    },
  });
  double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: { alice: 'admin' } });
  const events = () => received.map((r) => `${r.name}.${JSON.parse(r.payload).action}`);
  return { double, received, events };
}

describe('webhooks', () => {
  it('signs the exact JSON body with sha256 HMAC of the secret', async () => {
    const { double, received } = await recording('s3cret');
    double.openIssue(REPO, { title: 'Hi', user: 'alice' });
    await double.idle();
    expect(received).toHaveLength(1);
    expect(await verify('s3cret', received[0]!.payload, received[0]!.signature)).toBe(true);
    expect(JSON.parse(received[0]!.payload)).toMatchObject({
      action: 'opened',
      issue: { number: 1, title: 'Hi' },
      repository: { full_name: REPO, owner: { login: 'acme' } },
      sender: { login: 'alice', type: 'User' },
      installation: { id: expect.any(Number) },
    });
  });

  it('sends issues.edited with changes.body.from only for what changed', async () => {
    const { double, received } = await recording();
    const issue = double.openIssue(REPO, { title: 'T', body: '- [ ] a', user: 'alice' });
    double.toggleCheckbox(REPO, issue.number, 0, 'alice');
    await double.idle();
    const edited = JSON.parse(received[1]!.payload);
    expect(edited).toMatchObject({ action: 'edited', changes: { body: { from: '- [ ] a' } }, issue: { body: '- [x] a' } });
    expect(edited.changes.title).toBeUndefined();
  });

  it('announces the app’s own writes with the bot as sender, after answering the request', async () => {
    const { double, received, events } = await recording();
    const issue = double.openIssue(REPO, { title: 'T', user: 'alice' });
    await double.idle();
    await clientFor(double).rest.issues.createComment({ ...repoParams, issue_number: issue.number, body: 'from the app' });
    await double.idle();
    expect(events()).toEqual(['issues.opened', 'issue_comment.created']);
    expect(JSON.parse(received[1]!.payload)).toMatchObject({
      sender: { login: 'embark[bot]', type: 'Bot' },
      comment: { performed_via_github_app: { slug: 'embark' } },
    });
  });

  it('sends sub_issues events to both sides of a link', async () => {
    const { double, events } = await recording();
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    const stage = double.openIssue(REPO, { title: 'S', user: 'alice' });
    double.linkSubIssue(REPO, epic.number, stage.number, 'alice');
    await double.idle();
    expect(events().slice(2)).toEqual(['sub_issues.sub_issue_added', 'sub_issues.parent_issue_added']);
  });

  it('holds deliveries, then releases them shuffled by seed and duplicated with the same ids', async () => {
    const { double, received } = await recording();
    double.holdWebhooks();
    for (const title of ['a', 'b', 'c', 'd']) double.openIssue(REPO, { title, user: 'alice' });
    await double.idle();
    expect(received).toEqual([]);
    expect(double.heldWebhooks()).toHaveLength(4);
    await double.releaseWebhooks({ shuffle: 7, duplicate: 2 });
    const titles = received.map((r) => JSON.parse(r.payload).issue.title);
    expect(titles).toHaveLength(8);
    expect([...titles].sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
    expect(titles).not.toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
    expect(new Set(received.map((r) => r.id)).size).toBe(4);
  });

  it('shuffles the same way for the same seed', async () => {
    const orderFor = async (seed: number) => {
      const { double, received } = await recording();
      double.holdWebhooks();
      for (const title of ['a', 'b', 'c', 'd', 'e']) double.openIssue(REPO, { title, user: 'alice' });
      await double.releaseWebhooks({ shuffle: seed });
      await double.close();
      return received.map((r) => JSON.parse(r.payload).issue.title).join('');
    };
    expect(await orderFor(3)).toBe(await orderFor(3));
    double = undefined;
  });

  it('redelivers a logged delivery with the same id, and logs failures of the target', async () => {
    let fail = true;
    const ids: string[] = [];
    double = await startGitHubDouble({
      webhook: async (call) => {
        ids.push(call.id);
        if (fail) throw new Error('app down');
      },
    });
    double.addRepo({ owner: 'acme', name: 'onboarding' });
    double.openIssue(REPO, { title: 'T', user: 'alice' });
    await double.idle();
    expect(double.deliveries[0]).toMatchObject({ name: 'issues', action: 'opened', sender: 'alice', state: 'failed', error: 'app down' });
    fail = false;
    const again = await double.redeliver(ids[0]!);
    expect(again).toMatchObject({ id: ids[0], state: 'delivered', attempt: 2 });
  });

  it('idle() waits for deliveries caused by the app handling earlier deliveries', async () => {
    double = await startGitHubDouble({
      webhook: async (call) => {
        const payload = JSON.parse(call.payload);
        if (call.name === 'issues' && payload.sender.type === 'User') {
          await clientFor(double!).rest.issues.createComment({ ...repoParams, issue_number: payload.issue.number, body: 'ack' });
        }
      },
    });
    double.addRepo({ owner: 'acme', name: 'onboarding' });
    double.openIssue(REPO, { title: 'T', user: 'alice' });
    await double.idle();
    expect(double.deliveries.map((d) => `${d.name}.${d.action}:${d.state}`)).toEqual(['issues.opened:delivered', 'issue_comment.created:delivered']);
  });

  it('POSTs to a URL target with GitHub’s headers', async () => {
    const { createServer } = await import('node:http');
    const seen: Array<Record<string, unknown>> = [];
    const receiver = createServer((req, res) => {
      seen.push({ event: req.headers['x-github-event'], delivery: req.headers['x-github-delivery'], sig: req.headers['x-hub-signature-256'], type: req.headers['content-type'] });
      req.resume();
      req.on('end', () => res.writeHead(202).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as { port: number };
    double = await startGitHubDouble({ webhook: { url: `http://127.0.0.1:${port}/api/github/webhooks` } });
    double.addRepo({ owner: 'acme', name: 'onboarding' });
    double.openIssue(REPO, { title: 'T', user: 'alice' });
    await double.idle();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    expect(seen).toEqual([{ event: 'issues', delivery: expect.stringMatching(/^[0-9a-f-]{36}$/), sig: expect.stringMatching(/^sha256=/), type: 'application/json' }]);
    expect(double.deliveries[0]).toMatchObject({ status: 202, state: 'delivered' });
  });
});

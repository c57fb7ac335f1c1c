import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
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

describe('issues over REST', () => {
  it('creates an issue as the app, with unknown labels created and unassignable people dropped', async () => {
    const { data, status } = await octokit.rest.issues.create({ ...repoParams, title: 'Stage 1', body: 'x', labels: ['embark:stage'], assignees: ['bob', 'stranger'] });
    expect(status).toBe(201);
    expect(data).toMatchObject({ number: 1, state: 'open', title: 'Stage 1', user: { login: 'embark[bot]', type: 'Bot' } });
    expect(data.labels).toEqual([expect.objectContaining({ name: 'embark:stage', color: 'ededed' })]);
    expect(data.assignees?.map((a) => a.login)).toEqual(['bob']);
    expect(data.performed_via_github_app).toMatchObject({ slug: 'embark', id: 1 });
    expect(data.html_url).toBe(`${double.url}/${REPO}/issues/1`);
    expect((await octokit.rest.issues.listLabelsForRepo(repoParams)).data.map((l) => l.name)).toEqual(['embark:stage']);
  });

  it('updates title, body, state, labels and assignees with PATCH and keeps close metadata', async () => {
    double.setNow(new Date('2025-03-03T10:00:00Z'));
    const { data: created } = await octokit.rest.issues.create({ ...repoParams, title: 'T', labels: ['a'] });
    const { data } = await octokit.rest.issues.update({
      ...repoParams,
      issue_number: created.number,
      title: 'T2',
      state: 'closed',
      state_reason: 'not_planned',
      labels: ['b'],
      assignees: ['alice'],
    });
    expect(data).toMatchObject({ title: 'T2', state: 'closed', state_reason: 'not_planned', closed_at: '2025-03-03T10:00:00Z' });
    expect(data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['b']);
    expect(data.assignees?.map((a) => a.login)).toEqual(['alice']);
    const reopened = await octokit.rest.issues.update({ ...repoParams, issue_number: created.number, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('adds and removes labels and assignees on an issue', async () => {
    const { data: issue } = await octokit.rest.issues.create({ ...repoParams, title: 'T' });
    const n = { ...repoParams, issue_number: issue.number };
    await octokit.rest.issues.addLabels({ ...n, labels: ['x', 'y'] });
    const left = await octokit.rest.issues.removeLabel({ ...n, name: 'x' });
    expect(left.data.map((l) => l.name)).toEqual(['y']);
    await expect(octokit.rest.issues.removeLabel({ ...n, name: 'x' })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.issues.addAssignees({ ...n, assignees: ['alice', 'bob'] });
    const after = await octokit.rest.issues.removeAssignees({ ...n, assignees: ['alice'] });
    expect(after.data.assignees?.map((a) => a.login)).toEqual(['bob']);
  });

  it('answers 404 for unknown issues, 410 for deleted ones and 422 for a body over 65,536 characters', async () => {
    await expect(octokit.rest.issues.get({ ...repoParams, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
    const opened = double.openIssue(REPO, { title: 'Doomed', user: 'alice' });
    double.deleteIssue(REPO, opened.number);
    await expect(octokit.rest.issues.get({ ...repoParams, issue_number: opened.number })).rejects.toMatchObject({ status: 410 });
    const tooLong = octokit.rest.issues.create({ ...repoParams, title: 'T', body: 'x'.repeat(65_537) });
    await expect(tooLong).rejects.toMatchObject({ status: 422, response: { data: { message: 'Validation Failed' } } });
  });

  it('follows a transferred issue to its new place', async () => {
    double.addRepo({ owner: 'acme', name: 'archive' });
    const opened = double.openIssue(REPO, { title: 'Moving', user: 'alice' });
    const moved = double.transferIssue(REPO, opened.number, 'acme/archive');
    const { data } = await octokit.rest.issues.get({ ...repoParams, issue_number: opened.number });
    expect(data).toMatchObject({ id: moved.id, title: 'Moving', repository_url: `${double.apiUrl}/repos/acme/archive` });
  });

  it('pages comments with per_page and a Link header', async () => {
    const issue = double.openIssue(REPO, { title: 'Chatty', user: 'alice' });
    for (let i = 1; i <= 5; i++) double.comment(REPO, issue.number, `c${i}`, 'bob');
    const first = await octokit.rest.issues.listComments({ ...repoParams, issue_number: issue.number, per_page: 2 });
    expect(first.data.map((c) => c.body)).toEqual(['c1', 'c2']);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repoParams, issue_number: issue.number, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('edits, reacts to and deletes comments', async () => {
    const issue = double.openIssue(REPO, { title: 'T', user: 'alice' });
    const { data: c } = await octokit.rest.issues.createComment({ ...repoParams, issue_number: issue.number, body: 'hello' });
    expect(c.performed_via_github_app).toMatchObject({ slug: 'embark' });
    await octokit.rest.issues.updateComment({ ...repoParams, comment_id: c.id, body: 'hello again' });
    const reaction = await octokit.rest.reactions.createForIssueComment({ ...repoParams, comment_id: c.id, content: 'eyes' });
    expect(reaction.status).toBe(201);
    expect((await octokit.rest.issues.getComment({ ...repoParams, comment_id: c.id })).data).toMatchObject({ body: 'hello again', reactions: { eyes: 1 } });
    await octokit.rest.issues.deleteComment({ ...repoParams, comment_id: c.id });
    expect(double.comments(REPO, issue.number)).toEqual([]);
  });

  it('lists issues filtered by state and label', async () => {
    double.openIssue(REPO, { title: 'A', user: 'alice', labels: ['onboarding'] });
    double.openIssue(REPO, { title: 'B', user: 'alice' });
    double.closeIssue(REPO, double.openIssue(REPO, { title: 'C', user: 'alice', labels: ['onboarding'] }).number, 'alice');
    const open = await octokit.rest.issues.listForRepo({ ...repoParams, labels: 'onboarding' });
    expect(open.data.map((i) => i.title)).toEqual(['A']);
    const all = await octokit.rest.issues.listForRepo({ ...repoParams, state: 'all', direction: 'asc' });
    expect(all.data.map((i) => i.title)).toEqual(['A', 'B', 'C']);
  });

  it('searches issues by repo, state, label and body text, with pagination', async () => {
    double.openIssue(REPO, { title: 'Contoso', body: '<!-- embark:epic -->', user: 'alice', labels: ['needs review'] });
    double.openIssue(REPO, { title: 'Fabrikam', body: '<!-- embark:epic -->', user: 'alice', labels: ['needs review'] });
    double.openIssue(REPO, { title: 'Other', body: 'plain', user: 'alice', labels: ['needs review'] });
    const q = `repo:${REPO} is:issue is:open label:"needs review" "embark:epic" in:body`;
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 1 });
    expect(data.total_count).toBe(2);
    expect(data.items.map((i) => i.title)).toEqual(['Fabrikam']);
    const page2 = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 1, page: 2 });
    expect(page2.data.items.map((i) => i.title)).toEqual(['Contoso']);
  });

  it('names a route it does not implement in the 404', async () => {
    const err = await octokit.rest.pulls.list(repoParams).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.response.data.message).toContain('no handler for GET /repos/{owner}/{repo}/pulls');
  });
});

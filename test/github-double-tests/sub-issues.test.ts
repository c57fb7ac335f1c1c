import { afterEach, describe, expect, it } from '@jest/globals';
import type { GitHubDouble } from '../github-double/index.js';
import { doubleWithRepo, REPO, repoParams } from './fixtures.js';

let double: GitHubDouble | undefined;
afterEach(async () => {
  double?.assertNoViolations();
  await double?.close();
});

describe('sub-issues over REST', () => {
  it('links, lists, reorders, finds the parent and unlinks, with a summary counting closed children', async () => {
    const setup = await doubleWithRepo();
    double = setup.double;
    const { octokit } = setup;
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    const [a, b] = [double.openIssue(REPO, { title: 'A', user: 'alice' }), double.openIssue(REPO, { title: 'B', user: 'alice' })];
    const n = { ...repoParams, issue_number: epic.number };
    await octokit.rest.issues.addSubIssue({ ...n, sub_issue_id: a.id });
    await octokit.rest.issues.addSubIssue({ ...n, sub_issue_id: b.id });
    await octokit.rest.issues.reprioritizeSubIssue({ ...n, sub_issue_id: b.id, before_id: a.id });
    const listed = await octokit.rest.issues.listSubIssues(n);
    expect(listed.data.map((i) => i.title)).toEqual(['B', 'A']);
    const parent = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/parent', { ...repoParams, issue_number: a.number });
    expect(parent.data.number).toBe(epic.number);
    double.closeIssue(REPO, a.number, 'alice');
    expect((await octokit.rest.issues.get(n)).data.sub_issues_summary).toEqual({ total: 2, completed: 1, percent_completed: 50 });
    await octokit.rest.issues.removeSubIssue({ ...n, sub_issue_id: a.id });
    expect(double.subIssues(REPO, epic.number).map((i) => i.title)).toEqual(['B']);
  });

  it('refuses a second parent and a 101st sub-issue with 422', async () => {
    const setup = await doubleWithRepo();
    double = setup.double;
    const { octokit } = setup;
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    const other = double.openIssue(REPO, { title: 'Other', user: 'alice' });
    const child = double.openIssue(REPO, { title: 'child', user: 'alice' });
    double.linkSubIssue(REPO, epic.number, child.number, 'alice');
    const twice = await octokit.rest.issues.addSubIssue({ ...repoParams, issue_number: other.number, sub_issue_id: child.id }).catch((e) => e);
    expect(twice.status).toBe(422);
    expect(twice.response.data.errors[0].message).toBe('Sub issue may only have one parent');
    for (let i = 1; i < 100; i++) {
      double.linkSubIssue(REPO, epic.number, double.openIssue(REPO, { title: `s${i}`, user: 'alice' }).number, 'alice');
    }
    double.closeIssue(REPO, child.number, 'alice');
    const extra = double.openIssue(REPO, { title: 'one too many', user: 'alice' });
    const full = await octokit.rest.issues.addSubIssue({ ...repoParams, issue_number: epic.number, sub_issue_id: extra.id }).catch((e) => e);
    expect(full.status).toBe(422);
    expect(full.response.data.errors[0].message).toContain('100');
  });

  it('answers 404 on sub-issue routes when the server has no sub-issues', async () => {
    const setup = await doubleWithRepo({ subIssues: false });
    double = setup.double;
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    const list = setup.octokit.rest.issues.listSubIssues({ ...repoParams, issue_number: epic.number });
    await expect(list).rejects.toMatchObject({ status: 404 });
  });
});

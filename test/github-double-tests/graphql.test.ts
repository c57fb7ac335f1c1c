import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
import { doubleWithRepo, REPO } from './fixtures.js';

let double: GitHubDouble;
let octokit: Octokit;

beforeEach(async () => {
  ({ double, octokit } = await doubleWithRepo());
});
afterEach(async () => {
  double.assertNoViolations();
  await double.close();
});

// biome-ignore lint/suspicious/noExplicitAny: each test checks the answer's shape itself
type Json = any;

/** POST a GraphQL request and return GitHub's JSON (data and errors), without Octokit throwing on errors. */
async function gql(query: string, variables: Record<string, unknown> = {}): Promise<{ data: Json; errors?: Json[] }> {
  const response = await octokit.request('POST /graphql', { baseUrl: double.url.concat('/api'), query, variables });
  return response.data as { data: Json; errors?: Json[] };
}

describe('GraphQL', () => {
  it('reads repository, files, issues with sub-issues, labels and comments', async () => {
    const epic = double.openIssue(REPO, { title: 'EPIC', body: 'b', user: 'alice', labels: ['onboarding'] });
    const stage = double.openIssue(REPO, { title: 'Stage 1', user: 'alice', assignees: ['bob'] });
    double.linkSubIssue(REPO, epic.number, stage.number, 'alice');
    double.comment(REPO, epic.number, 'status', 'alice');
    const { data, errors } = await gql(`query($n: Int!) { repository(owner: "acme", name: "onboarding") {
      id name defaultBranchRef { name target { oid } }
      object(expression: "HEAD:templates") { ... on Tree { entries { name type object { ... on Blob { text } } } } }
      file: object(expression: "main:.github/onboarding.yml") { ... on Blob { text oid } }
      issue(number: $n) { number title state labels(first: 10) { nodes { name } }
        subIssues(first: 10) { totalCount nodes { number title assignees(first: 5) { nodes { login } } } pageInfo { hasNextPage endCursor } }
        subIssuesSummary { total completed percentCompleted }
        comments(last: 5) { nodes { body author { login } viewerDidAuthor } } } } }`, { n: epic.number });
    expect(errors).toBeUndefined();
    const repo = data.repository;
    expect(repo.defaultBranchRef).toEqual({ name: 'main', target: { oid: double.store.repoByFullName(REPO).head_sha } });
    expect(repo.object.entries).toEqual([{ name: 'msp.md', type: 'blob', object: { text: '# MSP\n' } }]);
    expect(repo.file.text).toBe('reminders: {}\n');
    expect(repo.issue).toMatchObject({ number: 1, state: 'OPEN', labels: { nodes: [{ name: 'onboarding' }] } });
    expect(repo.issue.subIssues).toMatchObject({ totalCount: 1, nodes: [{ number: 2, assignees: { nodes: [{ login: 'bob' }] } }], pageInfo: { hasNextPage: false } });
    expect(repo.issue.subIssuesSummary).toEqual({ total: 1, completed: 0, percentCompleted: 0 });
    expect(repo.issue.comments.nodes).toEqual([{ body: 'status', author: { login: 'alice' }, viewerDidAuthor: false }]);
  });

  it('creates stage issues under a parent in one request with aliases', async () => {
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    const repoId = double.store.repoByFullName(REPO).node_id;
    const { data, errors } = await gql(
      `mutation($repo: ID!, $parent: ID!) {
        s1: createIssue(input: { repositoryId: $repo, title: "Stage 1", body: "one", parentIssueId: $parent }) { issue { number } }
        s2: createIssue(input: { repositoryId: $repo, title: "Stage 2", body: "two", parentIssueId: $parent }) { issue { number } } }`,
      { repo: repoId, parent: epic.node_id },
    );
    expect(errors).toBeUndefined();
    expect([data.s1.issue.number, data.s2.issue.number]).toEqual([2, 3]);
    expect(double.subIssues(REPO, epic.number).map((i) => i.title)).toEqual(['Stage 1', 'Stage 2']);
    expect(double.counts()).toMatchObject({ graphql: 1, graphqlMutations: 1 });
  });

  it('is not atomic across aliases: a full parent fails one alias with a path, earlier ones stay created', async () => {
    const epic = double.openIssue(REPO, { title: 'EPIC', user: 'alice' });
    for (let i = 0; i < 99; i++) double.linkSubIssue(REPO, epic.number, double.openIssue(REPO, { title: `s${i}`, user: 'alice' }).number, 'alice');
    const repoId = double.store.repoByFullName(REPO).node_id;
    const { data, errors } = await gql(
      `mutation($repo: ID!, $parent: ID!) {
        a: createIssue(input: { repositoryId: $repo, title: "fits", parentIssueId: $parent }) { issue { number } }
        b: createIssue(input: { repositoryId: $repo, title: "too many", parentIssueId: $parent }) { issue { number } } }`,
      { repo: repoId, parent: epic.node_id },
    );
    expect(data.a.issue.number).toBeGreaterThan(0);
    expect(data.b).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ type: 'UNPROCESSABLE', path: ['b'], message: expect.stringContaining('100') })]);
    expect(double.issues(REPO).filter((i) => i.title === 'too many')).toEqual([]);
  });

  it('updates, closes, comments and labels through mutations', async () => {
    const issue = double.openIssue(REPO, { title: 'T', user: 'alice' });
    const repoId = double.store.repoByFullName(REPO).node_id;
    const label = await gql(`mutation($r: ID!) { createLabel(input: { repositoryId: $r, name: "embark", color: "0e8a16" }) { label { id name } } }`, { r: repoId });
    const labelId = label.data.createLabel.label.id;
    const bob = (await gql(`{ user(login: "bob") { id login } }`)).data.user;
    const { errors } = await gql(
      `mutation($i: ID!, $l: ID!, $u: ID!) {
        updateIssue(input: { id: $i, body: "new", labelIds: [$l], assigneeIds: [$u] }) { issue { body } }
        addComment(input: { subjectId: $i, body: "hi" }) { commentEdge { node { databaseId author { login } } } }
        closeIssue(input: { issueId: $i, stateReason: NOT_PLANNED }) { issue { state stateReason } } }`,
      { i: issue.node_id, l: labelId, u: bob.id },
    );
    expect(errors).toBeUndefined();
    expect(issue).toMatchObject({ body: 'new', state: 'closed', state_reason: 'not_planned', assignees: ['bob'] });
    expect(double.comments(REPO, issue.number)[0]).toMatchObject({ body: 'hi', user: 'embark[bot]', via_app: true });
  });

  it('searches issues and resolves nodes', async () => {
    const a = double.openIssue(REPO, { title: 'Contoso', body: 'marker', user: 'alice', labels: ['epic'] });
    double.openIssue(REPO, { title: 'Other', body: 'nothing', user: 'alice', labels: ['epic'] });
    const { data } = await gql(`{ search(query: "repo:${REPO} is:issue is:open label:epic marker in:body", type: ISSUE, first: 10) { issueCount nodes { ... on Issue { number } } pageInfo { hasNextPage } } }`);
    expect(data.search).toEqual({ issueCount: 1, nodes: [{ number: a.number }], pageInfo: { hasNextPage: false } });
    const node = await gql(`query($id: ID!) { node(id: $id) { ... on Issue { title } } }`, { id: a.node_id });
    expect(node.data.node.title).toBe('Contoso');
  });

  it('requires first or last on connections, like GitHub', async () => {
    double.openIssue(REPO, { title: 'T', user: 'alice' });
    const { errors } = await gql(`{ repository(owner: "acme", name: "onboarding") { issue(number: 1) { labels { nodes { name } } } } }`);
    expect(errors?.[0].message).toContain('You must provide a `first` or `last` value');
  });

  it('rejects sub-issue fields and parentIssueId when the server has no sub-issues', async () => {
    await double.close();
    ({ double, octokit } = await doubleWithRepo({ subIssues: false }));
    double.openIssue(REPO, { title: 'T', user: 'alice' });
    const fields = await gql(`{ repository(owner: "acme", name: "onboarding") { issue(number: 1) { subIssues(first: 1) { totalCount } } } }`);
    expect(fields.errors?.[0].message).toBe("Field 'subIssues' doesn't exist on type 'Issue'");
    const arg = await gql(`mutation { createIssue(input: { repositoryId: "x", title: "t", parentIssueId: "y" }) { issue { id } } }`);
    expect(arg.errors?.[0].message).toBe("InputObject 'CreateIssueInput' doesn't accept argument 'parentIssueId'");
  });
});

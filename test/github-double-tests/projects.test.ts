/**
 * The double's GitHub Projects (v2): projects by owner and number with fields and options, items
 * pointing at issues with typed values, the sync's three mutations, and the app's permission.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import type { GitHubDouble } from '../github-double/index.js';
import { clientFor, doubleWithRepo, REPO } from './fixtures.js';

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

async function gql(query: string, variables: Record<string, unknown> = {}, client = octokit): Promise<{ data: Json; errors?: Json[] }> {
  const response = await client.request('POST /graphql', { baseUrl: double.url.concat('/api'), query, variables });
  return response.data as { data: Json; errors?: Json[] };
}

const READ = `query($owner: String!, $n: Int!) { repositoryOwner(login: $owner) { ... on ProjectV2Owner { projectV2(number: $n) {
  id number
  fields(first: 20) { nodes { ... on ProjectV2FieldCommon { id name dataType } ... on ProjectV2SingleSelectField { options { id name } } } }
  items(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { id content { ... on Issue { number repository { nameWithOwner } } }
    fieldValues(first: 20) { nodes {
      ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { name } } }
      ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { name } } }
      ... on ProjectV2ItemFieldSingleSelectValue { name optionId field { ... on ProjectV2FieldCommon { name } } } } } } } } } } }`;

const SET = `mutation($p: ID!, $i: ID!, $f: ID!, $v: ProjectV2FieldValue!) { updateProjectV2ItemFieldValue(input: { projectId: $p, itemId: $i, fieldId: $f, value: $v }) { projectV2Item { id } } }`;
const ADD = `mutation($p: ID!, $c: ID!) { addProjectV2ItemById(input: { projectId: $p, contentId: $c }) { item { id } } }`;

function setUp() {
  const project = double.addProject('acme', { number: 7, fields: [{ name: 'Stage', dataType: 'TEXT' }, { name: 'Due', dataType: 'DATE' }] });
  const issue = double.openIssue(REPO, { title: 'Contoso', user: 'alice' });
  const field = (name: string) => project.fields.find((f) => f.name === name)!;
  return { project, issue, field };
}

describe('GitHub Projects (v2) in the double', () => {
  it('reads a project by owner and number with its fields, options, items and values, paged', async () => {
    const { project, issue, field } = setUp();
    const second = double.openIssue(REPO, { title: 'Fabrikam', user: 'alice' });
    const added = await gql(ADD, { p: project.id, c: issue.node_id });
    await gql(ADD, { p: project.id, c: second.node_id });
    const itemId = added.data.addProjectV2ItemById.item.id;
    expect((await gql(SET, { p: project.id, i: itemId, f: field('Stage').id, v: { text: 'Stage 1' } })).errors).toBeUndefined();
    await gql(SET, { p: project.id, i: itemId, f: field('Due').id, v: { date: '2026-12-01' } });
    const done = field('Status').options.find((o) => o.name === 'Done')!;
    await gql(SET, { p: project.id, i: itemId, f: field('Status').id, v: { singleSelectOptionId: done.id } });

    const { data, errors } = await gql(READ, { owner: 'acme', n: 7 });
    expect(errors).toBeUndefined();
    const p = data.repositoryOwner.projectV2;
    expect(p.fields.nodes.map((f: Json) => `${f.name}:${f.dataType}`)).toEqual(['Title:TEXT', 'Status:SINGLE_SELECT', 'Stage:TEXT', 'Due:DATE']);
    expect(p.fields.nodes[1].options.map((o: Json) => o.name)).toEqual(['Todo', 'In Progress', 'Done']);
    expect(p.items.totalCount).toBe(2);
    expect(p.items.pageInfo.hasNextPage).toBe(true);
    expect(p.items.nodes[0].content).toEqual({ number: issue.number, repository: { nameWithOwner: REPO } });
    expect(p.items.nodes[0].fieldValues.nodes).toEqual([
      { text: 'Contoso', field: { name: 'Title' } },
      { name: 'Done', optionId: done.id, field: { name: 'Status' } },
      { text: 'Stage 1', field: { name: 'Stage' } },
      { date: '2026-12-01', field: { name: 'Due' } },
    ]);
    const org = await gql('{ organization(login: "acme") { projectV2(number: 7) { number } } }');
    expect(org.data.organization.projectV2.number).toBe(7);
    expect(double.projectItems('acme', 7)[0]).toEqual({ issue: `${REPO}#${issue.number}`, values: { Status: 'Done', Stage: 'Stage 1', Due: '2026-12-01' } });
  });

  it('adding an issue twice answers with the same item; clearing removes the value', async () => {
    const { project, issue, field } = setUp();
    const first = await gql(ADD, { p: project.id, c: issue.node_id });
    const again = await gql(ADD, { p: project.id, c: issue.node_id });
    expect(again.data.addProjectV2ItemById.item.id).toBe(first.data.addProjectV2ItemById.item.id);
    expect(project.items).toHaveLength(1);
    const itemId = first.data.addProjectV2ItemById.item.id;
    await gql(SET, { p: project.id, i: itemId, f: field('Stage').id, v: { text: 'Stage 1' } });
    const cleared = await gql(`mutation($p: ID!, $i: ID!, $f: ID!) { clearProjectV2ItemFieldValue(input: { projectId: $p, itemId: $i, fieldId: $f }) { projectV2Item { id } } }`, {
      p: project.id,
      i: itemId,
      f: field('Stage').id,
    });
    expect(cleared.errors).toBeUndefined();
    expect(double.projectItems('acme', 7)[0]!.values).toEqual({});
  });

  it('refuses values of the wrong type, unknown options and the built-in Title', async () => {
    const { project, issue, field } = setUp();
    const itemId = (await gql(ADD, { p: project.id, c: issue.node_id })).data.addProjectV2ItemById.item.id;
    const wrong = await gql(SET, { p: project.id, i: itemId, f: field('Due').id, v: { text: 'tomorrow' } });
    expect(wrong.errors?.[0]).toMatchObject({ type: 'UNPROCESSABLE', message: expect.stringContaining('date value') });
    const option = await gql(SET, { p: project.id, i: itemId, f: field('Status').id, v: { singleSelectOptionId: 'nope' } });
    expect(option.errors?.[0]).toMatchObject({ type: 'UNPROCESSABLE' });
    const title = await gql(SET, { p: project.id, i: itemId, f: field('Title').id, v: { text: 'x' } });
    expect(title.errors?.[0]).toMatchObject({ type: 'UNPROCESSABLE' });
    expect(double.projectItems('acme', 7)[0]!.values).toEqual({});
  });

  it('answers NOT_FOUND for an unknown number and null for an unknown owner', async () => {
    setUp();
    const missing = await gql(READ, { owner: 'acme', n: 99 });
    expect(missing.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repositoryOwner', 'projectV2'], message: 'Could not resolve to a ProjectV2 with the number 99.' });
    expect((await gql(READ, { owner: 'nobody', n: 7 })).data.repositoryOwner).toBeNull();
  });

  it('without the permission: FORBIDDEN for reads and writes; with read only: FORBIDDEN for writes; people are not refused', async () => {
    const { project, issue, field } = setUp();
    double.setProjectAccess('none');
    const read = await gql(READ, { owner: 'acme', n: 7 });
    expect(read.data.repositoryOwner.projectV2).toBeNull();
    expect(read.errors?.[0]).toMatchObject({ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['repositoryOwner', 'projectV2'] });
    expect((await gql(ADD, { p: project.id, c: issue.node_id })).errors?.[0]).toMatchObject({ type: 'FORBIDDEN' });

    double.setProjectAccess('read');
    expect((await gql(READ, { owner: 'acme', n: 7 })).errors).toBeUndefined();
    expect((await gql(ADD, { p: project.id, c: issue.node_id })).errors?.[0]).toMatchObject({ type: 'FORBIDDEN' });
    expect(project.items).toHaveLength(0);

    const alice = clientFor(double, 'alice');
    const itemId = (await gql(ADD, { p: project.id, c: issue.node_id }, alice)).data.addProjectV2ItemById.item.id;
    expect((await gql(SET, { p: project.id, i: itemId, f: field('Stage').id, v: { text: 'by hand' } }, alice)).errors).toBeUndefined();
    expect((await gql(SET, { p: project.id, i: itemId, f: field('Stage').id, v: { text: 'by app' } })).errors?.[0]).toMatchObject({ type: 'FORBIDDEN' });
    expect(double.projectItems('acme', 7)[0]!.values).toEqual({ Stage: 'by hand' });
  });
});

/**
 * Reading a project for the sync, on the double: every page of items (100 a page) with values by
 * field id, and the FORBIDDEN answer turned into a warning naming the permission.
 */
import { afterEach, expect, it } from '@jest/globals';
import { readIssueIds, readProject } from '../../src/github/read-project.js';
import { client } from '../flows/app-bed.js';
import { type GitHubDouble, startGitHubDouble } from '../github-double/index.js';

let double: GitHubDouble | undefined;
afterEach(async () => {
  double?.assertNoViolations();
  await double?.close();
  double = undefined;
});

it('reads every page of items, and the node ids of issues not in it', async () => {
  double = await startGitHubDouble();
  double.addRepo({ owner: 'acme', name: 'onboarding' });
  const project = double.addProject('acme', { number: 3, fields: [{ name: 'Stage', dataType: 'TEXT' }] });
  const issues = Array.from({ length: 130 }, (_, i) => double!.openIssue('acme/onboarding', { title: `EPIC ${i}`, user: 'alice' }));
  for (const issue of issues.slice(0, 120)) double.store.projects.addItem(project, issue.id, double.clock.iso());
  double.setProjectValue('acme', 3, { repo: 'acme/onboarding', number: issues[119]!.number }, 'Stage', 'Stage 2');
  const octokit = client(double, 'app-token');

  const read = await readProject(octokit, { owner: 'acme', number: 3 });
  if (!read.ok) throw new Error(read.warning);
  expect(read.reads).toBe(2);
  expect(read.project.items).toHaveLength(120);
  const [title, , stage] = project.fields;
  const values = { [title!.id]: 'EPIC 119', [stage!.id]: 'Stage 2' };
  expect(read.project.items[119]).toEqual({ id: project.items[119]!.id, repo: 'acme/onboarding', number: issues[119]!.number, values });
  expect(read.project.fields.map((f) => f.name)).toEqual(['Title', 'Status', 'Stage']);

  const missing = issues.slice(120).map((i) => i.number);
  const ids = await readIssueIds(octokit, { owner: 'acme', repo: 'onboarding' }, missing);
  expect(ids).toEqual({ ids: Object.fromEntries(issues.slice(120).map((i) => [i.number, i.node_id])), reads: 1 });
});

it('without the permission: a warning naming it, no exception', async () => {
  double = await startGitHubDouble();
  double.addRepo({ owner: 'acme', name: 'onboarding' });
  double.addProject('acme', { number: 3 });
  double.setProjectAccess('none');
  const read = await readProject(client(double, 'app-token'), { owner: 'acme', number: 3 });
  expect(read).toEqual({
    ok: false,
    reads: 1,
    warning: expect.stringMatching(/^the app may not use project acme\/3 \(GitHub: "Resource not accessible by integration"\): it needs the "Organization permissions → Projects: Read and write" permission/),
  });
});

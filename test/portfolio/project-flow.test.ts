/**
 * The GitHub Project sync, on the double with the real app: one item per EPIC with Status, Stage,
 * Due, Owner and Customer; nothing written when nothing changed; one GraphQL request for an EPIC
 * that changed; without the permission a warning (log, report, dashboard) and the rest of the
 * sweep as usual.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { appClient, type Bed, CONFIG, openOnboarding, REPO, stages, startBed, TEMPLATE } from '../flows/harness.js';
import type { GitHubDouble } from '../github-double/index.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const PROJECT = 'project:\n  owner: acme\n  number: 7\n';
const files = (extra: string) => ({ '.github/onboarding.yml': `${CONFIG}${extra}`, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE });

function addProject(double: GitHubDouble, statuses = ['Active', 'Blocked', 'Overdue', 'Completed', 'Cancelled']) {
  return double.addProject('acme', {
    number: 7,
    fields: [
      { name: 'Status', dataType: 'SINGLE_SELECT', options: statuses },
      { name: 'Stage', dataType: 'TEXT' },
      { name: 'Due', dataType: 'DATE' },
      { name: 'Owner', dataType: 'TEXT' },
      { name: 'Customer', dataType: 'TEXT' },
    ],
  });
}

async function sweep(b: Bed, log?: { warn(obj: object, msg: string): void }) {
  const report = await sweepAccount(b.deps, appClient(b), 'acme', log ? { log } : {});
  await b.settle();
  expect(report.failed).toEqual([]);
  return report;
}

/** GraphQL requests of the project sync since the last reset, by operation. */
function projectRequests(double: GitHubDouble) {
  return double.requests.filter((r) => /Embark(Project|EpicIds)/.test(r.graphql?.query ?? '')).map((r) => /(?:query|mutation) (\w+)/.exec(r.graphql!.query)![1]);
}

/** The item of one EPIC, by issue number. */
function itemOf(double: GitHubDouble, epic: number) {
  return double.projectItems('acme', 7).find((i) => i.issue === `${REPO}#${epic}`);
}

function dashboardBody(double: GitHubDouble): string {
  return double.issues(REPO).find((i) => i.labels.some((l) => l.name === 'onboarding-dashboard'))?.body ?? '';
}

describe('the GitHub Project sync', () => {
  it('keeps one item per EPIC with the right values; a second sweep writes nothing', async () => {
    bed = await startBed({ files: files(PROJECT) });
    addProject(bed.double);
    const contoso = await openOnboarding(bed, 'Contoso');
    const fabrikam = await openOnboarding(bed, 'Fabrikam');
    bed.double.comment(REPO, fabrikam, '/block waiting for the tenant id', 'alice');
    await bed.settle();

    bed.double.resetCounts();
    const report = await sweep(bed);
    expect(report.warnings).toEqual([]);
    // One page of the project, one read of the two EPICs' ids, one add of both, one write per EPIC.
    expect(projectRequests(bed.double)).toEqual(['EmbarkProject', 'EmbarkEpicIds', 'EmbarkProjectAdd', 'EmbarkProjectItem', 'EmbarkProjectItem']);
    const items = bed.double.projectItems('acme', 7);
    expect(items).toHaveLength(2);
    // Due: 15 business days after Monday 2026-11-23.
    expect(itemOf(bed.double, contoso)!.values).toEqual({ Status: 'Active', Stage: 'Stage 0: Agreement', Due: '2026-12-14', Owner: 'alice', Customer: 'Contoso' });
    expect(itemOf(bed.double, fabrikam)!.values).toEqual({ Status: 'Blocked', Stage: 'Stage 0: Agreement', Due: '2026-12-14', Owner: 'alice', Customer: 'Fabrikam' });

    bed.double.resetCounts();
    await sweep(bed);
    expect(projectRequests(bed.double)).toEqual(['EmbarkProject']);
    expect(bed.double.counts().graphqlMutations + bed.double.counts().writes).toBe(0);
    expect(bed.double.projectItems('acme', 7)).toEqual(items);
  });

  it('a tick that moves the stage costs one GraphQL write on the next sweep', async () => {
    bed = await startBed({ files: files(PROJECT) });
    addProject(bed.double);
    const epic = await openOnboarding(bed, 'Contoso');
    await openOnboarding(bed, 'Fabrikam');
    await sweep(bed);
    bed.double.toggleCheckbox(REPO, stages(bed, epic)[0]!.number, 0, 'alice');
    await bed.settle();

    bed.double.resetCounts();
    await sweep(bed);
    const mutations = bed.double.requests.filter((r) => r.graphql?.mutation);
    expect(mutations).toHaveLength(1);
    expect(mutations[0]!.graphql!.query).toContain('mutation EmbarkProjectItem');
    // The stage and the people behind it changed; nothing else is sent.
    expect(Object.keys(mutations[0]!.graphql!.variables as object)).toHaveLength(2);
    expect(itemOf(bed.double, epic)!.values).toMatchObject({ Stage: 'Stage 1: Access', Owner: 'bob, carol, alice', Status: 'Active' });
  });

  it('puts back a value someone changed in the project', async () => {
    bed = await startBed({ files: files(PROJECT) });
    addProject(bed.double);
    const epic = await openOnboarding(bed, 'Contoso');
    await sweep(bed);
    bed.double.setProjectValue('acme', 7, { repo: REPO, number: epic }, 'Customer', 'Contoso (typo)');
    bed.double.setProjectValue('acme', 7, { repo: REPO, number: epic }, 'Due', null);
    bed.double.resetCounts();
    await sweep(bed);
    expect(bed.double.counts().graphqlMutations).toBe(1);
    expect(bed.double.projectItems('acme', 7)[0]!.values).toMatchObject({ Customer: 'Contoso', Due: '2026-12-14' });
  });

  it('without the permission: one clear warning (log, report, dashboard); reminders and the dashboard still work; granted, it syncs and the notice goes', async () => {
    bed = await startBed({ files: files(`dashboard: true\n${PROJECT}`) });
    addProject(bed.double);
    bed.double.setProjectAccess('none');
    const epic = await openOnboarding(bed, 'Contoso');
    bed.advance(25 * 3_600_000); // the first reminder (24 h) is due
    const logged: string[] = [];
    const report = await sweep(bed, { warn: (_obj, msg) => logged.push(msg) });

    expect(report.warnings).toEqual([expect.stringContaining('acme/onboarding: the app may not use project acme/7 (GitHub: "Resource not accessible by integration")')]);
    expect(report.warnings[0]).toContain('Organization permissions → Projects: Read and write');
    expect(logged).toEqual([`project sync: ${report.warnings[0]}`]);
    expect(report.posted).toBe(1);
    expect(bed.double.comments(REPO, stages(bed, epic)[0]!.number).some((c) => c.via_app && /reminder|waiting|due/i.test(c.body))).toBe(true);
    const body = dashboardBody(bed.double);
    expect(body).toContain('**1 active');
    expect(body).toContain('> [!WARNING]\n> **GitHub Project sync:**\n> - the app may not use project acme/7');
    expect(bed.double.projectItems('acme', 7)).toEqual([]);

    bed.double.resetCounts();
    await sweep(bed);
    expect(bed.double.counts().writes + bed.double.counts().graphqlMutations).toBe(0); // the notice is not rewritten

    bed.double.setProjectAccess('write');
    const granted = await sweep(bed);
    expect(granted.warnings).toEqual([]);
    expect(bed.double.projectItems('acme', 7)).toHaveLength(1);
    expect(dashboardBody(bed.double)).not.toContain('GitHub Project sync');
  });

  it('with read access only, the write is refused with the same warning and nothing else fails', async () => {
    bed = await startBed({ files: files(PROJECT) });
    addProject(bed.double);
    bed.double.setProjectAccess('read');
    await openOnboarding(bed, 'Contoso');
    const report = await sweep(bed);
    expect(report.warnings).toEqual([expect.stringContaining('Resource not accessible by integration')]);
    expect(bed.double.projectItems('acme', 7)).toEqual([]);
  });

  it('a missing status option and an unknown project become warnings, not failures', async () => {
    bed = await startBed({ files: files(PROJECT) });
    addProject(bed.double, ['Active', 'Completed']);
    const epic = await openOnboarding(bed, 'Contoso');
    bed.double.comment(REPO, epic, '/block waiting for the tenant id', 'alice');
    await bed.settle();
    const report = await sweep(bed);
    expect(report.warnings).toEqual(['acme/onboarding: project acme/7: the Status field has no option "blocked": add it to show blocked onboardings (Status left as it was)']);
    expect(bed.double.projectItems('acme', 7)[0]!.values).toMatchObject({ Stage: 'Stage 0: Agreement', Customer: 'Contoso' });
    expect(bed.double.projectItems('acme', 7)[0]!.values.Status).toBeUndefined();

    bed.double.setFile(REPO, '.github/onboarding.yml', `${CONFIG}project:\n  owner: acme\n  number: 99\n`);
    const unknown = await sweep(bed);
    expect(unknown.warnings).toEqual([expect.stringContaining('project acme/99 was not found')]);
  });

  it('is off unless the config names a project', async () => {
    bed = await startBed();
    addProject(bed.double);
    await openOnboarding(bed, 'Contoso');
    bed.double.resetCounts();
    await sweep(bed);
    expect(projectRequests(bed.double)).toEqual([]);
  });
});

/**
 * The repository's own `.github/onboarding.yml` is honoured by the sweep, its repair pass, the
 * report and the give-up notice, not only by the start: every case sets a non-default value
 * and checks the path that once read the default instead.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { reportCommand } from '../../src/cli/report-command.js';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { capturingIo } from '../cli/support.js';
import { appClient, type Bed, BODY, REPO, stages, startBed, TEMPLATE } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TITLE = (customer: string) => `[Managed Services Onboarding] ${customer}`;

/** A config with non-default labels, reminder offsets and check-ins. */
const CUSTOM = `roles:
  CSM: [alice]
  Engineer: [bob]
labels:
  epic: customer-onboarding
  stage: customer-stage
  attention: embark-stuck
reminders:
  after: [1h]
checkins: [2]
`;

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

function files(config: string) {
  return { '.github/onboarding.yml': config, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE };
}

function reminders(b: Bed, repo: string, issue: number) {
  return b.double.comments(repo, issue).filter((c) => c.body.includes('**Reminder:**'));
}

async function report(args: string[], env: NodeJS.ProcessEnv, now: Date) {
  const { io, printed } = capturingIo();
  const code = await reportCommand(args, io, { env, now: () => now });
  return { code, ...printed };
}

describe('repository settings in the sweep', () => {
  it('a custom EPIC label: the sweep finds the onboarding, repairs nothing, and reminds at the custom 1 h offset', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    const epic = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    expect(bed.double.issue(REPO, epic).labels.map((l) => l.name)).toContain('customer-onboarding');
    const octokit = appClient(bed);
    const first = await sweepAccount(bed.deps, octokit, 'acme');
    expect(first).toMatchObject({ onboardings: 1, repaired: 0, posted: 0 });
    bed.advance(HOUR + 60_000);
    const second = await sweepAccount(bed.deps, octokit, 'acme');
    expect(second).toMatchObject({ onboardings: 1, repaired: 0, posted: 1 });
    expect(reminders(bed, REPO, stages(bed, epic)[0]!.number)).toHaveLength(1);
  });

  it('a sweep scoped to one repository (the GitHub Action) reads and writes only there', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    bed.double.addRepo({ owner: 'acme', name: 'emea', collaborators: { alice: 'write', bob: 'write' }, files: files('roles:\n  CSM: [alice]\n') });
    const here = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    const emea = bed.double.openIssue('acme/emea', { title: TITLE('Fabrikam'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    bed.advance(25 * HOUR);
    const sweep = await sweepAccount(bed.deps, appClient(bed), 'acme', { repo: 'onboarding' });
    expect(sweep).toMatchObject({ onboardings: 1, posted: 1 });
    expect(reminders(bed, REPO, stages(bed, here)[0]!.number)).toHaveLength(1);
    expect(reminders(bed, 'acme/emea', stages(bed, emea)[0]!.number)).toHaveLength(0);
  });

  it('two repositories with different EPIC labels are swept in one pass, each by its own', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    bed.double.addRepo({ owner: 'acme', name: 'emea', collaborators: { alice: 'write', bob: 'write' }, files: files('roles:\n  CSM: [alice]\n') });
    bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' });
    const emea = bed.double.openIssue('acme/emea', { title: TITLE('Fabrikam'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    expect(bed.double.issue('acme/emea', emea).labels.map((l) => l.name)).toContain('onboarding');
    const sweep = await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(sweep).toMatchObject({ onboardings: 2, repaired: 0 });
    // The default repository keeps the default offsets: nothing at 1 h, its reminder at 24 h.
    bed.advance(2 * HOUR);
    expect((await sweepAccount(bed.deps, appClient(bed), 'acme')).posted).toBe(1);
    expect(reminders(bed, 'acme/emea', stages(bed, emea)[0]!.number)).toHaveLength(0);
    bed.advance(23 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(reminders(bed, 'acme/emea', stages(bed, emea)[0]!.number)).toHaveLength(1);
  });

  it('the repair pass starts a lost onboarding in a repository with custom labels, and only that one', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    const running = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    bed.double.holdWebhooks();
    const lost = bed.double.openIssue(REPO, { title: TITLE('Fabrikam'), body: BODY, user: 'alice' }).number;
    expect(bed.double.dropHeldWebhooks()).toBe(1);
    const sweep = await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(sweep.repaired).toBe(1);
    await bed.settle();
    expect(stages(bed, lost)).toHaveLength(3);
    expect(stages(bed, running)).toHaveLength(3);
    for (const s of stages(bed, lost)) expect(s.labels.map((l) => l.name)).toContain('customer-stage');
    expect((await sweepAccount(bed.deps, appClient(bed), 'acme')).repaired).toBe(0);
  });

  it('a configured check-in day is posted by the sweep after completion', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    const epic = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    for (let stage = 0; stage < 3; stage++) {
      const s = stages(bed, epic)[stage]!;
      const boxes = (s.body?.match(/- \[ \]/g) ?? []).length;
      for (let box = 0; box < boxes; box++) bed.double.toggleCheckbox(REPO, s.number, box, 'alice');
      await bed.settle();
    }
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    const checkins = () => bed!.double.comments(REPO, epic).filter((c) => /check-in/i.test(c.body) && c.via_app && !c.body.startsWith('<!-- embark:status'));
    bed.advance(DAY);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(checkins()).toHaveLength(0);
    bed.advance(DAY + HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(checkins()).toHaveLength(1);
  });
});

describe('repository settings in the report, with a person\'s token', () => {
  it('--repo and --org find onboardings by each repository\'s EPIC label', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    bed.double.addRepo({ owner: 'acme', name: 'emea', collaborators: { alice: 'write', bob: 'write' }, files: files('roles:\n  CSM: [alice]\n') });
    bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' });
    bed.double.openIssue('acme/emea', { title: TITLE('Fabrikam'), body: BODY, user: 'alice' });
    await bed.settle();
    const env = { GITHUB_TOKEN: bed.double.tokenFor('alice'), GITHUB_API_URL: bed.double.apiUrl };
    const byRepo = await report(['--repo', REPO, '--json'], env, bed.clock.now);
    expect(byRepo.stderr).toBe('');
    expect(byRepo.code).toBe(0);
    expect(JSON.parse(byRepo.stdout).onboardings.map((o: { customer: string }) => o.customer)).toEqual(['Contoso']);
    const byOrg = await report(['--org', 'acme', '--json'], env, bed.clock.now);
    expect(byOrg.code).toBe(0);
    expect(JSON.parse(byOrg.stdout).onboardings.map((o: { customer: string }) => o.customer).sort()).toEqual(['Contoso', 'Fabrikam']);
  });

  it('a comment a person wrote with the status marker is never read as the state', async () => {
    bed = await startBed({ files: files(CUSTOM) });
    const epic = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    const status = bed.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status'))!;
    bed.double.deleteComment(REPO, status.id, 'alice');
    bed.double.comment(REPO, epic, status.body.replace('Contoso', 'Forged Ltd'), 'dave');
    await bed.settle();
    const env = { GITHUB_TOKEN: bed.double.tokenFor('alice'), GITHUB_API_URL: bed.double.apiUrl };
    const out = await report(['--repo', REPO, '--json'], env, bed.clock.now);
    expect(JSON.parse(out.stdout).onboardings).toEqual([]);
    expect(out.stderr).toContain(`${REPO}#${epic}: no readable status comment yet`);
  });
});

describe('repository settings when a job gives up', () => {
  it('the EPIC gets the repository\'s own attention label', async () => {
    bed = await startBed({ files: files(CUSTOM), retry: true, jobRetry: { attempts: 2, baseMs: 5, maxMs: 20 } });
    const outage = bed.double.fail({ route: 'graphql', operation: 'EmbarkCreateStages', status: 503, times: Number.POSITIVE_INFINITY });
    const epic = bed.double.openIssue(REPO, { title: TITLE('Contoso'), body: BODY, user: 'alice' }).number;
    await bed.settle();
    expect(outage.hits).toBe(2);
    const labels = bed.double.issue(REPO, epic).labels.map((l) => l.name);
    expect(labels).toContain('embark-stuck');
    expect(labels).not.toContain('needs-attention');
    outage.clear();
  });
});

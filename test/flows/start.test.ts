import { afterEach, describe, expect, it } from '@jest/globals';
import { type Bed, BODY, openOnboarding, REPO, stages, startBed, statusComment } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

describe('starting an onboarding from an opened issue', () => {
  it('turns the issue into an EPIC with one linked, assigned sub-issue per stage', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const subs = stages(bed, epic);
    expect(subs.map((s) => s.title)).toEqual([
      '[Managed Services Onboarding] Contoso · Stage 0: Agreement',
      '[Managed Services Onboarding] Contoso · Stage 1: Access',
      '[Managed Services Onboarding] Contoso · Stage 2: Setup',
    ]);
    expect(subs.map((s) => s.labels.map((l) => l.name).sort())).toEqual([
      ['onboarding-stage', 'stage: active'],
      ['onboarding-stage', 'stage: pending'],
      ['onboarding-stage', 'stage: pending'],
    ]);
    expect(subs.map((s) => [...s.assignees].sort())).toEqual([['alice'], ['alice', 'bob', 'carol'], ['bob', 'carol']]);
    expect(subs[1]!.body).toContain('- [ ] Engineer >> Admin access granted');
    const epicIssue = bed.double.issue(REPO, epic);
    expect(epicIssue.labels.map((l) => l.name)).toContain('onboarding');
    // Intake fields stay; checklists become links.
    expect(epicIssue.body).toContain('- Tenant ID: `xxx`');
    expect(epicIssue.body).not.toContain('Signed agreement received');
    for (const s of subs) expect(epicIssue.body).toContain(`- [ ] #${s.number}`);
    const status = statusComment(bed, epic);
    expect(status?.body).toContain('0/3 stages done');
    expect(status?.body).toContain('<!-- embark:state ');
  });

  it('costs at most 3 writes and 6 requests once templates and config are cached', async () => {
    bed = await startBed();
    await openOnboarding(bed, 'Warmup');
    bed.double.resetCounts();
    await openOnboarding(bed, 'Fabrikam');
    const c = bed.double.counts();
    const writes = c.writes + c.graphqlMutations;
    expect(writes).toBeLessThanOrEqual(3);
    expect(c.total).toBeLessThanOrEqual(6);
  });

  it('creates exactly one stage issue per stage when the opened event is delivered twice at once', async () => {
    bed = await startBed();
    bed.double.holdWebhooks();
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.double.releaseWebhooks({ duplicate: 2 });
    await bed.double.idle();
    expect(stages(bed, issue.number)).toHaveLength(3);
    expect(bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'))).toHaveLength(3);
  });

  it('finishes a start whose status comment failed, without anyone redelivering', async () => {
    bed = await startBed();
    // The status comment fails once after the stage issues exist: the job retries and finishes.
    const fault = bed.double.fail({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 500 });
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.double.idle();
    expect(fault.hits).toBe(1);
    expect(stages(bed, issue.number)).toHaveLength(3);
    expect(statusComment(bed, issue.number)).toBeDefined();
    expect(bed.double.issue(REPO, issue.number).body).toContain(`#${stages(bed, issue.number)[0]!.number}`);
    // A later manual redelivery changes nothing.
    const delivery = bed.double.deliveries.find((d) => d.name === 'issues' && d.action === 'opened')!;
    await bed.double.redeliver(delivery.id);
    await bed.double.idle();
    expect(stages(bed, issue.number)).toHaveLength(3);
    expect(bed.double.comments(REPO, issue.number).filter((c) => c.via_app)).toHaveLength(1); // the status comment, once
  });

  it('explains a title still holding the placeholder, labels the issue and creates nothing', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] %customer%', body: BODY, user: 'alice' });
    await bed.double.idle();
    expect(stages(bed, issue.number)).toHaveLength(0);
    const comments = bed.double.comments(REPO, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('placeholder');
    expect(bed.double.issue(REPO, issue.number).labels.map((l) => l.name)).toContain('needs-attention');
  });

  it('explains a body with no stages left', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: 'Just notes, no checklist.', user: 'alice' });
    await bed.double.idle();
    expect(stages(bed, issue.number)).toHaveLength(0);
    expect(bed.double.comments(REPO, issue.number)[0]?.body).toMatch(/no stages|Stage/);
  });

  it('reports an invalid config by property path', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': 'roles:\n  CSM: alice\n' } });
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.double.idle();
    // No repository template: the bundled managed-services template matches by its prefix, or nothing does.
    const comments = bed.double.comments(REPO, issue.number);
    expect(stages(bed, issue.number)).toHaveLength(0);
    if (comments.length > 0) expect(comments[0]!.body).toContain('roles.CSM');
  });

  it('ignores issues that are not onboardings, silently', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: 'Printer is on fire', body: '- [ ] call someone', user: 'alice' });
    await bed.double.idle();
    expect(bed.double.comments(REPO, issue.number)).toHaveLength(0);
    expect(stages(bed, issue.number)).toHaveLength(0);
  });
});

describe('servers without sub-issues (older GitHub Enterprise Server)', () => {
  it('still creates one issue per stage and links them from the EPIC task list', async () => {
    bed = await startBed({ subIssues: false });
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.double.idle();
    const created = bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'));
    expect(created).toHaveLength(3);
    const epicBody = bed.double.issue(REPO, issue.number).body ?? '';
    for (const s of created) expect(epicBody).toContain(`- [ ] #${s.number}`);
  });
});

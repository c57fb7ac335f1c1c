/**
 * What the single writer promises, on the double with the real app: grouped body edits, relative
 * label writes, the Owners line following `/assign`, `/onboard` adopting an issue whose start
 * failed, `/share` through the command path, and owners named in the body by `embark enroll`.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { applyPlan } from '../../src/github/apply-plan.js';
import { knownIds, loadOnboarding } from '../../src/handlers/session.js';
import { ownersMarker } from '../../src/render/owners-marker.js';
import { appClient, type Bed, BODY, openOnboarding, REPO, ref, say, stages, startBed } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

/** The harness body with two more CSM items in stage 1, so three can be ticked there at once. */
const THREE_STAGE_TWO = BODY.replace(
  '- [ ] CSM >> Portal access enabled',
  '- [ ] CSM >> Portal access enabled\n- [ ] CSM >> Welcome pack sent\n- [ ] CSM >> Billing contact confirmed',
);

describe('the single writer', () => {
  it('three /check lines on one stage issue cost one re-read and one write of that issue', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed, 'Contoso', THREE_STAGE_TWO);
    const [, s1] = stages(bed, epic);
    bed.double.resetCounts();
    await say(bed, s1!.number, '/check portal access\n/check welcome pack\n/check billing contact');
    const body = bed.double.issue(REPO, s1!.number).body ?? '';
    expect(body).toContain('- [x] CSM >> Portal access enabled');
    expect(body).toContain('- [x] CSM >> Welcome pack sent');
    expect(body).toContain('- [x] CSM >> Billing contact confirmed');
    const ofStage = bed.double.requests.filter((r) => r.actor === bed!.double.botLogin && r.path.endsWith(`/issues/${s1!.number}`));
    // One re-read of the body right before writing (REST); the write itself rides in the plan's GraphQL document.
    expect(ofStage.map((r) => r.method)).toEqual(['GET']);
    const bodyWrites = bed.double.requests.filter(
      (r) => r.graphql?.mutation && JSON.stringify(r.graphql.variables).includes('"body"') && JSON.stringify(r.graphql.variables).includes('Welcome pack sent'),
    );
    expect(bodyWrites).toHaveLength(1);
  });

  it('a label a person adds after Embark read the issue survives Embark’s label change', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    const loaded = await loadOnboarding(bed.deps, appClient(bed), { ...ref, epic });
    // After the read: a person labels stage 1 (the snapshot does not know).
    bed.double.addLabels(REPO, s1!.number, ['customer-waiting'], 'alice');
    await applyPlan({ octokit: appClient(bed), ...ref, ids: knownIds(loaded!) }, [
      { kind: 'setLabels', issue: s1!.number, add: ['stage: done'], remove: ['stage: pending'] },
      { kind: 'setLabels', issue: s0!.number, add: ['stage: done'], remove: ['stage: active'] },
    ]);
    const labels = bed.double.issue(REPO, s1!.number).labels.map((l) => l.name);
    expect(labels).toEqual(expect.arrayContaining(['customer-waiting', 'stage: done']));
    expect(labels).not.toContain('stage: pending');
    expect(bed.double.issue(REPO, s0!.number).labels.map((l) => l.name)).not.toContain('stage: active');
  });

  it('/assign rewrites the Owners line of the open stages with that role, and only that line', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1, s2] = stages(bed, epic);
    bed.double.editIssue(REPO, s2!.number, { body: `${bed.double.issue(REPO, s2!.number).body}\nNote from carol: rack 4.` }, 'carol');
    await bed.double.idle();
    await say(bed, epic, '/assign engineer @dave');
    expect(bed.double.issue(REPO, s1!.number).body).toMatch(/\*\*Owners:\*\* Engineer: @bob, @carol, @dave · CSM: @alice/);
    expect(bed.double.issue(REPO, s2!.number).body).toMatch(/\*\*Owners:\*\* Engineer: @bob, @carol, @dave\n/);
    expect(bed.double.issue(REPO, s2!.number).body).toContain('Note from carol: rack 4.');
    // Stage 0 has no Engineer item: untouched.
    expect(bed.double.issue(REPO, s0!.number).body).toMatch(/\*\*Owners:\*\* CSM: @alice\n/);
  });

  it('/onboard on an issue whose start failed starts that issue instead of opening a second one', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] %customer%', body: BODY, user: 'alice' });
    await bed.double.idle();
    expect(bed.double.comments(REPO, issue.number).some((c) => c.body.includes('customer placeholder'))).toBe(true);
    const before = bed.double.issues(REPO).length;
    const reply = await say(bed, issue.number, '/onboard msp Fabrikam');
    expect(reply).toContain('Started the onboarding in this issue');
    expect(bed.double.issue(REPO, issue.number).title).toBe('[Managed Services Onboarding] Fabrikam');
    expect(stages(bed, issue.number)).toHaveLength(3);
    // Only the three stage issues are new.
    expect(bed.double.issues(REPO).length).toBe(before + 3);
    expect(bed.double.issue(REPO, issue.number).labels.map((l) => l.name)).not.toContain('needs-attention');
  });

  it('/onboard on an ordinary issue still opens a new onboarding', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: 'New customers this quarter', body: 'Contoso signed.', user: 'alice' });
    await bed.double.idle();
    const reply = await say(bed, issue.number, '/onboard msp Contoso');
    expect(reply).toMatch(/Started the onboarding in #\d+/);
    expect(stages(bed, issue.number)).toHaveLength(0);
  });

  it('owners named in the body (embark enroll) own their roles for this onboarding only', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed, 'Contoso', `${ownersMarker({ Engineer: ['dave-eng'] })}\n${BODY}`);
    const [s0, s1] = stages(bed, epic);
    expect(bed.double.issue(REPO, s1!.number).body).toMatch(/Engineer: @dave-eng/);
    expect(bed.double.issue(REPO, s0!.number).assignees).toEqual(['alice']);
    const other = await openOnboarding(bed, 'Fabrikam');
    expect(bed.double.issue(REPO, stages(bed, other)[1]!.number).body).toMatch(/Engineer: @bob, @carol/);
  });
});

describe('/share through the command path', () => {
  it('replies with a link, and /share revoke rotates it; people without write access are refused', async () => {
    bed = await startBed({ env: { EMBARK_STATUS_SECRET: 's'.repeat(40), EMBARK_PUBLIC_URL: 'https://embark.example.com' } });
    const epic = await openOnboarding(bed);
    const first = await say(bed, epic, '/share');
    const link = /https:\/\/embark\.example\.com\/embark\/status\/[\w.-]+/.exec(first)?.[0];
    expect(link).toBeDefined();
    expect(await say(bed, epic, '/share')).toContain(link!);
    expect(await say(bed, epic, '/share revoke')).toMatch(/earlier status page link now answers “not found”/);
    const third = await say(bed, epic, '/share');
    expect(third).not.toContain(link!);
    expect(await say(bed, epic, '/share', 'dave')).toMatch(/write access/);
  });
});

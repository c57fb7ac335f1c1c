import { afterEach, describe, expect, it } from '@jest/globals';
import { type Bed, openOnboarding, REPO, stages, startBed, statusComment } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

function tick(b: Bed, issue: number, index: number, user: string) {
  b.double.toggleCheckbox(REPO, issue, index, user);
}

describe('progress through checkbox edits', () => {
  it('logs a tick and costs at most 2 requests when no stage changes', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [, s1] = stages(bed, epic);
    bed.double.resetCounts();
    tick(bed, s1!.number, 0, 'bob');
    await bed.double.idle();
    expect(bed.double.counts().total).toBeLessThanOrEqual(2);
    expect(statusComment(bed, epic)?.body).toMatch(/`bob` ticked “Admin access granted”/);
  });

  it('an edit that changes no checkbox costs no request', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.double.resetCounts();
    bed.double.editIssue(REPO, s0!.number, { body: `${s0!.body}\n\nA note.` }, 'alice');
    await bed.double.idle();
    expect(bed.double.counts().total).toBe(0);
  });

  it('completes a stage, activates the next one and tells its owners once', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    tick(bed, s0!.number, 0, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s0!.number)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(bed.double.issue(REPO, s1!.number).labels.map((l) => l.name)).toContain('stage: active');
    const notices = bed.double.comments(REPO, s1!.number).filter((c) => c.body.includes('is now active'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('@bob');
    expect(bed.double.issue(REPO, epic).body).toContain(`- [x] #${s0!.number}`);
  });

  it('closes the EPIC with a summary after the last stage, and reopens it when a box is unticked', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1, s2] = stages(bed, epic);
    tick(bed, s0!.number, 0, 'alice');
    await bed.double.idle();
    tick(bed, s1!.number, 0, 'bob');
    tick(bed, s1!.number, 1, 'alice');
    await bed.double.idle();
    tick(bed, s2!.number, 0, 'carol');
    tick(bed, s2!.number, 1, 'carol');
    await bed.double.idle();
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    const summary = bed.double.comments(REPO, epic).find((c) => c.body.includes('complete'));
    expect(summary?.body).toContain('Contoso');
    expect(summary?.body).toContain('carol');
    tick(bed, s2!.number, 1, 'carol');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s2!.number).state).toBe('open');
    expect(bed.double.issue(REPO, epic).state).toBe('open');
  });

  it('work ahead counts: a pending stage already complete closes when reached', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    tick(bed, s1!.number, 0, 'bob');
    tick(bed, s1!.number, 1, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).state).toBe('open');
    tick(bed, s0!.number, 0, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).state).toBe('closed');
  });

  it('a stage closed by hand with open items completes and records what was left open', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    bed.double.closeIssue(REPO, s0!.number, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).labels.map((l) => l.name)).toContain('stage: active');
    expect(statusComment(bed, epic)?.body).toContain('1 item left open');
  });

  it('a stage reopened by hand becomes active again and stays open', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    tick(bed, s0!.number, 0, 'alice');
    await bed.double.idle();
    bed.double.reopenIssue(REPO, s0!.number, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s0!.number).state).toBe('open');
    expect(statusComment(bed, epic)?.body).toContain('reopened');
  });

  it('twenty racing ticks end with one transition and one next-stage notice', async () => {
    const items = Array.from({ length: 20 }, (_, i) => `- [ ] Engineer >> Task ${i + 1}`).join('\n');
    const body = `### Stage 1: Big\n${items}\n\n### Stage 2: Next\n- [ ] CSM >> Wrap up\n`;
    bed = await startBed();
    const epic = await openOnboarding(bed, 'Contoso', body);
    const [s1, s2] = stages(bed, epic);
    bed.double.holdWebhooks();
    for (let i = 0; i < 20; i++) tick(bed, s1!.number, i, i % 2 ? 'bob' : 'carol');
    await bed.double.releaseWebhooks({ shuffle: 7 });
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).state).toBe('closed');
    expect(bed.double.comments(REPO, s2!.number).filter((c) => c.body.includes('is now active'))).toHaveLength(1);
    expect(statusComment(bed, epic)?.body).toContain('20/20');
  });

  it('a deleted stage issue is reported, not crashed on', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [, , s2] = stages(bed, epic);
    bed.double.deleteIssue(REPO, s2!.number, 'alice');
    await bed.double.idle();
    expect(statusComment(bed, epic)?.body).toMatch(/was deleted|missing/);
  });

  it('ignores edits of issues that are not stage issues', async () => {
    bed = await startBed();
    const other = bed.double.openIssue(REPO, { title: 'Notes', body: '- [ ] a', user: 'alice' });
    await bed.double.idle();
    bed.double.resetCounts();
    tick(bed, other.number, 0, 'alice');
    await bed.double.idle();
    expect(bed.double.counts().total).toBe(0);
  });
});

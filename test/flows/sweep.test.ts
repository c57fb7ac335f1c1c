import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { appClient, type Bed, CONFIG, openOnboarding, REPO, stages, startBed, statusComment, TEMPLATE } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const HOUR = 3_600_000;


function reminders(b: Bed, issue: number) {
  return b.double.comments(REPO, issue).filter((c) => c.body.includes('**Reminder:**'));
}

describe('the sweep: reminders, escalation, restarts', () => {
  it('sends nothing before the first offset, then one reminder at 24 h, exactly once', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    const octokit = appClient(bed);
    expect((await sweepAccount(bed.deps, octokit, 'acme')).posted).toBe(0);
    bed.advance(25 * HOUR);
    const first = await sweepAccount(bed.deps, octokit, 'acme');
    expect(first.posted).toBe(1);
    expect(reminders(bed, s0!.number)).toHaveLength(1);
    expect(reminders(bed, s0!.number)[0]!.body).toContain('@alice');
    expect(reminders(bed, s0!.number)[0]!.body).toContain('Signed agreement received');
    await sweepAccount(bed.deps, octokit, 'acme');
    expect(reminders(bed, s0!.number)).toHaveLength(1);
  });

  it('two sweeps at once send one reminder', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.advance(25 * HOUR);
    await Promise.all([sweepAccount(bed.deps, appClient(bed), 'acme'), sweepAccount(bed.deps, appClient(bed), 'acme')]);
    expect(reminders(bed, s0!.number)).toHaveLength(1);
  });

  it('after downtime sends the newest due reminder once, not a burst', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.advance(8 * 24 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(reminders(bed, s0!.number)).toHaveLength(1);
  });

  it('a crash after posting (state not saved) does not post again', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.advance(25 * HOUR);
    bed.double.fail({ route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', status: 500 });
    const crashed = await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(crashed.failed).toHaveLength(1);
    expect(reminders(bed, s0!.number)).toHaveLength(1);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(reminders(bed, s0!.number)).toHaveLength(1);
  });

  it('blocked onboardings get no reminders; the block is escalated on the EPIC once', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.double.comment(REPO, epic, '/block waiting for customer admin', 'alice');
    await bed.double.idle();
    bed.advance(25 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(reminders(bed, s0!.number)).toHaveLength(0);
    expect(bed.double.comments(REPO, epic).filter((c) => c.body.includes('**Blocked since'))).toHaveLength(1);
  });

  it('/snooze silences reminders until then', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.double.comment(REPO, epic, '/snooze 3d', 'alice');
    await bed.double.idle();
    bed.advance(25 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(reminders(bed, s0!.number)).toHaveLength(0);
  });

  it('escalates an overdue stage to its owners on the EPIC, each step once', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    // Stage 0 is due 5 business days after Monday 23 Nov: Monday 30 Nov.
    bed.advance(8 * 24 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    const escalations = bed.double.comments(REPO, epic).filter((c) => c.body.includes('**Escalation:**'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.body).toContain('@alice');
    expect(statusComment(bed, epic)?.body).toContain('overdue');
  });

  it('/remind sends a reminder now, for one role', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    bed.double.comment(REPO, epic, '/remind csm', 'alice');
    await bed.double.idle();
    expect(reminders(bed, s0!.number)).toHaveLength(1);
  });
});

describe('follow-up check-ins after completion', () => {
  it('posts the 30-day check-in once on the closed EPIC', async () => {
    bed = await startBed({
      files: {
        '.github/onboarding.yml': `${CONFIG}checkins: [30, 60]\n`,
        '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE,
      },
    });
    const epic = await openOnboarding(bed);
    bed.double.comment(REPO, epic, '/finish --force', 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    bed.advance(31 * 24 * HOUR);
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    const checkins = bed.double.comments(REPO, epic).filter((c) => c.body.includes('30-day check-in'));
    expect(checkins).toHaveLength(1);
    expect(checkins[0]!.body).toContain('@alice');
  });
});

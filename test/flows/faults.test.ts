/**
 * GitHub's real failures, injected by the double, each ending in exactly the state a fault-free
 * run leaves: nothing doubled, nothing lost, nobody redelivering by hand. plugin-retry is on, as
 * in production (with millisecond waits), so re-sent writes would show up as duplicates.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import type { FaultSpec } from '../github-double/faults.js';
import { client } from './app-bed.js';
import { fingerprint, onboardingIssues } from './fingerprint.js';
import { appClient, type Bed, BODY, REPO, stages, startBed } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const TITLE = '[Managed Services Onboarding] Contoso';

/** Open an onboarding, then tick stage 0's only box (a stage transition): the usual first minutes. */
async function scenario(b: Bed): Promise<void> {
  const issue = b.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' });
  await b.double.idle({ timeoutMs: 20_000 });
  const [s0] = stages(b, issue.number);
  if (s0) {
    b.double.toggleCheckbox(REPO, s0.number, 0, 'alice');
    await b.double.idle({ timeoutMs: 20_000 });
  }
}

let baseline: ReturnType<typeof fingerprint> | undefined;
async function faultFree(): Promise<ReturnType<typeof fingerprint>> {
  if (!baseline) {
    const clean = await startBed({ retry: true });
    await scenario(clean);
    baseline = fingerprint(clean.double, REPO);
    await clean.close();
  }
  return baseline;
}

/** Run the scenario with `faults` injected; returns the fault handles for their hit counts. */
async function withFaults(faults: FaultSpec[]) {
  bed = await startBed({ retry: true, requestTimeoutMs: 300 });
  const handles = faults.map((f) => bed!.double.fail(f));
  await scenario(bed);
  return handles;
}

describe('faults heal without a redelivery and leave the fault-free state', () => {
  it('a batched createIssue applied by GitHub but answered 502 is not re-sent: 3 stage issues, not 6', async () => {
    const [fault] = await withFaults([{ route: 'graphql', operation: 'EmbarkCreateStages', status: 502, after: 'apply' }]);
    expect(fault!.hits).toBe(1);
    expect(bed!.double.requests.filter((r) => /EmbarkCreateStages/.test(r.graphql?.query ?? ''))).toHaveLength(1);
    expect(fingerprint(bed!.double, REPO)).toEqual(await faultFree());
  });

  it('503 on every request for a while: the job outlives the outage', async () => {
    const [fault] = await withFaults([{ status: 503, times: 25 }]);
    expect(fault!.remaining).toBe(0);
    expect(fingerprint(bed!.double, REPO)).toEqual(await faultFree());
  });

  it('a secondary rate limit (403 + retry-after) on the status comment waits and finishes', async () => {
    const [fault] = await withFaults([{ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, retryAfter: 0 }]);
    expect(fault!.hits).toBe(1);
    expect(fingerprint(bed!.double, REPO)).toEqual(await faultFree());
  });

  it('a timeout on the snapshot read', async () => {
    const [fault] = await withFaults([{ route: 'graphql', operation: 'EmbarkOnboarding', timeout: true }]);
    expect(fault!.hits).toBe(1);
    expect(fingerprint(bed!.double, REPO)).toEqual(await faultFree());
  });

  it('a connection reset after the EPIC body and label write was applied', async () => {
    const [fault] = await withFaults([{ route: 'graphql', operation: 'EmbarkIssueChanges', reset: true, after: 'apply', times: 2 }]);
    expect(fault!.hits).toBe(2);
    expect(fingerprint(bed!.double, REPO)).toEqual(await faultFree());
  });

  it('a 502 after the activation notice was posted does not post it twice', async () => {
    await withFaults([]);
    // Fault-free so far; now break the next stage's notice and tick on.
    const s1 = stages(bed!, 1)[1]!;
    const fault = bed!.double.fail({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 502, after: 'apply' });
    bed!.double.toggleCheckbox(REPO, s1.number, 0, 'bob');
    bed!.double.toggleCheckbox(REPO, s1.number, 1, 'alice');
    await bed!.double.idle({ timeoutMs: 20_000 });
    expect(fault.hits).toBe(1);
    const s2 = stages(bed!, 1)[2]!;
    expect(bed!.double.comments(REPO, s2.number).filter((c) => c.via_app)).toHaveLength(1);
  });

  it('a redelivery while the first delivery is still running changes nothing', async () => {
    bed = await startBed({ retry: true, latencyMs: 5 });
    bed.double.holdWebhooks();
    bed.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' });
    const [opened] = bed.double.heldWebhooks();
    await bed.double.releaseWebhooks();
    await bed.double.redeliver(opened!.id); // the first is still creating stage issues
    await bed.double.idle();
    const [s0] = stages(bed, 1);
    bed.double.toggleCheckbox(REPO, s0!.number, 0, 'alice');
    await bed.double.idle();
    expect(fingerprint(bed.double, REPO)).toEqual(await faultFree());
  });
});

describe('what the queue cannot heal, the sweep repairs', () => {
  it('a delivery lost for good (answered 202, never redelivered): one sweep starts the onboarding', async () => {
    bed = await startBed({ retry: true });
    bed.double.holdWebhooks();
    bed.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' });
    expect(bed.double.dropHeldWebhooks()).toBe(1);
    const report = await sweepAccount(bed.deps, appClient(bed), 'acme');
    expect(report.repaired).toBe(1);
    await bed.double.idle();
    const [s0] = stages(bed, 1);
    bed.double.toggleCheckbox(REPO, s0!.number, 0, 'alice');
    await bed.double.idle();
    expect(fingerprint(bed.double, REPO)).toEqual(await faultFree());
  });

  it('a lost tick: the sweep sees the stale status comment and applies the transition', async () => {
    bed = await startBed({ retry: true });
    const issue = bed.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' });
    await bed.double.idle();
    bed.double.holdWebhooks();
    bed.double.toggleCheckbox(REPO, stages(bed, issue.number)[0]!.number, 0, 'alice');
    bed.double.dropHeldWebhooks();
    const octokit = appClient(bed);
    expect((await sweepAccount(bed.deps, octokit, 'acme')).repaired).toBe(1);
    await bed.double.idle();
    const after = fingerprint(bed.double, REPO);
    // Same issues, labels, stage states and notices as a run that saw the tick; only the activity
    // log cannot say who ticked (the event that named them is gone).
    const strip = (f: typeof after) => f.map((i) => ({ ...i, comments: i.comments.map((c) => (c.body.startsWith('<!-- embark:status') ? 'status' : c)) }));
    expect(strip(after)).toEqual(strip(await faultFree()));
    // A second sweep finds nothing to repair and writes nothing.
    bed.double.resetCounts();
    expect((await sweepAccount(bed.deps, octokit, 'acme')).repaired).toBe(0);
    expect(bed.double.counts().writes + bed.double.counts().graphqlMutations).toBe(0);
  });

  it('a job that keeps failing ends in one comment and needs-attention; the next sweep finishes the work', async () => {
    bed = await startBed({ retry: true, jobRetry: { attempts: 3, baseMs: 5, maxMs: 20 } });
    const outage = bed.double.fail({ route: 'graphql', operation: 'EmbarkCreateStages', status: 503, times: Number.POSITIVE_INFINITY });
    const issue = bed.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' });
    await bed.double.idle();
    expect(outage.hits).toBe(3);
    const notices = bed.double.comments(REPO, issue.number).filter((c) => c.via_app);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('could not finish processing');
    expect(notices[0]!.body).toContain('503');
    expect(bed.double.issue(REPO, issue.number).labels.map((l) => l.name)).toContain('needs-attention');
    expect((await bed.runtime.queue.failed()).map((f) => f.action)).toEqual(['opened']);
    outage.clear();
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await bed.double.idle();
    expect(stages(bed, issue.number)).toHaveLength(3);
    // Starting clears needs-attention; the notice stays as the record of what happened.
    expect(bed.double.issue(REPO, issue.number).labels.map((l) => l.name)).not.toContain('needs-attention');
  });
});

describe('onboardings started at the same moment in a new repository', () => {
  it('all get labelled stage issues, and a sweep over them repairs nothing and creates nothing', async () => {
    bed = await startBed({ retry: true });
    for (const customer of ['Contoso', 'Fabrikam', 'Northwind']) bed.double.openIssue(REPO, { title: `[Managed Services Onboarding] ${customer}`, body: BODY, user: 'alice' });
    await bed.double.idle();
    const stageIssues = bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'));
    expect(stageIssues).toHaveLength(9);
    for (const s of stageIssues) expect(s.labels.map((l) => l.name)).toContain('onboarding-stage');
    bed.double.resetCounts();
    expect((await sweepAccount(bed.deps, appClient(bed), 'acme')).repaired).toBe(0);
    expect(onboardingIssues(bed.double, REPO)).toHaveLength(12);
    // The one write: the repository's dashboard issue, created by its first sweep.
    expect(bed.double.counts().writes + bed.double.counts().graphqlMutations).toBe(1);
    expect(bed.double.issues(REPO).length - onboardingIssues(bed.double, REPO).length).toBe(1);
  });

  it('a stage issue that lost its labels is never started as an onboarding of its own', async () => {
    bed = await startBed({ retry: true });
    const epic = bed.double.openIssue(REPO, { title: TITLE, body: BODY, user: 'alice' }).number;
    await bed.double.idle();
    const s0 = stages(bed, epic)[0]!;
    await client(bed.double, bed.double.tokenFor('alice')).rest.issues.update({ owner: 'acme', repo: 'onboarding', issue_number: s0.number, labels: [] });
    await bed.double.idle();
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await bed.double.idle();
    expect(onboardingIssues(bed.double, REPO)).toHaveLength(4);
    expect(stages(bed, s0.number)).toHaveLength(0);
  });
});

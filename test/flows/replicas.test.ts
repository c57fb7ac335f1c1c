/**
 * Two app processes on one Redis behind one webhook URL: a shuffled, duplicated stream of 200
 * ticks over 20 onboardings ends with no duplicate issue, comment or notice, at a fixpoint whose
 * status comments match the bodies. Uses the real Redis at REDIS_URL (default 127.0.0.1:6379).
 */

import { afterEach, describe, expect, it } from '@jest/globals';
import { loadOnboarding } from '../../src/handlers/session.js';
import { calendarFor } from '../../src/onboarding/due.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import { reconcile } from '../../src/onboarding/reconcile.js';
import { readNoticeKey } from '../../src/render/notice-marker.js';
import { appClient, type Bed, BODY, REPO, ref, stages, startBed } from './harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = (name: string) => `embark-test-${name}-${process.pid}-${Date.now()}`;

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

/** Per onboarding, 10 toggles (stage index, box index): all ticked, two unticked and ticked again, one left unticked. */
const TOGGLES: [number, number][] = [[0, 0], [1, 0], [1, 1], [2, 0], [2, 1], [1, 1], [2, 0], [1, 1], [2, 0], [2, 1]];

describe('several replicas on one Redis', () => {
  it('200 shuffled, duplicated ticks over 20 onboardings: no duplicates, and every onboarding at its fixpoint', async () => {
    bed = await startBed({ replicas: 2, redis: { url: REDIS_URL, prefix: prefix('burst') }, retry: true });
    const epics: number[] = [];
    for (let i = 0; i < 20; i++) epics.push(bed.double.openIssue(REPO, { title: `[Managed Services Onboarding] Customer ${i}`, body: BODY, user: 'alice' }).number);
    await bed.settle();
    bed.double.holdWebhooks();
    for (const [stage, box] of TOGGLES) for (const epic of epics) bed.double.toggleCheckbox(REPO, stages(bed, epic)[stage]!.number, box, 'alice');
    expect(bed.double.heldWebhooks()).toHaveLength(200);
    await bed.double.releaseWebhooks({ shuffle: 7, duplicate: 2 });
    await bed.settle();

    const all = bed.double.issues(REPO);
    expect(all).toHaveLength(20 * 4);
    const octokit = appClient(bed);
    for (const epic of epics) {
      const subs = stages(bed, epic);
      expect(subs.map((s) => s.state)).toEqual(['closed', 'closed', 'open']);
      // Every app comment on every issue carries a distinct key: no notice twice.
      for (const issue of [epic, ...subs.map((s) => s.number)]) {
        const keys = bed.double.comments(REPO, issue).filter((c) => c.via_app && !c.body.startsWith('<!-- embark:status')).map((c) => readNoticeKey(c.body));
        expect(new Set(keys).size).toBe(keys.length);
      }
      expect(bed.double.comments(REPO, epic).filter((c) => c.body.startsWith('<!-- embark:status'))).toHaveLength(1);
      // Fixpoint: recomputing from what GitHub holds plans nothing but the (unchanged) status.
      const loaded = await loadOnboarding(bed.deps, octokit, { ...ref, epic });
      const result = reconcile({ snapshot: loaded!.snapshot, stored: loaded!.state!, event: { type: 'recompute' }, now: bed.clock.now.toISOString(), labels: loaded!.config.labels, readItems: itemReaderFor(loaded!.state!), calendar: calendarFor(loaded!.config.calendar, bed.deps.calendars) });
      expect(result.actions.filter((a) => a.kind !== 'saveStatus')).toEqual([]);
      expect(loaded!.snapshot.statusComment?.body).toContain('2/3 stages done');
    }
    // Each delivery ran at most as often as it arrived; redelivered ids were deduplicated while queued.
    expect(await bed.runtime.queue.failed()).toEqual([]);
  }, 300_000);

  it('a replica killed while its installation token is on the way does not stall the next one', async () => {
    bed = await startBed({ replicas: 1, redis: { url: REDIS_URL, prefix: prefix('kill-token') } });
    const b = bed;
    const tokens = () => b.double.counts().byRoute['POST /app/installations/{installation_id}/access_tokens'] ?? 0;
    // Kill the only replica while the double is still answering its first token request.
    b.double.setLatency(100);
    const first = b.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' }).number;
    while (tokens() === 0) await new Promise((resolve) => setImmediate(resolve));
    await b.killReplica(0);
    b.double.setLatency(0);
    // Its successor needs a token of its own, for a new onboarding and for the dead one's job.
    await b.startReplica();
    const second = b.double.openIssue(REPO, { title: '[Managed Services Onboarding] Fabrikam', body: BODY, user: 'alice' }).number;
    await b.settle();
    expect(stages(b, first)).toHaveLength(3);
    expect(stages(b, second)).toHaveLength(3);
  });

  it('exactly one replica sweeps an interval', async () => {
    bed = await startBed({ replicas: 3, redis: { url: REDIS_URL, prefix: prefix('sweep') } });
    let sweeps = 0;
    const slot = { id: 'slot-1', ttlMs: 60_000 };
    const work = async () => {
      sweeps++;
      await new Promise((resolve) => setImmediate(resolve));
      return sweeps;
    };
    const results = await Promise.all(bed.replicas.map((r) => r.runtime.sweepGate.run(work, { slot })));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(sweeps).toBe(1);
    // The same slot later is skipped too; the next slot sweeps once more.
    expect(await bed.replicas[1]!.runtime.sweepGate.run(work, { slot })).toBeNull();
    expect(await bed.replicas[2]!.runtime.sweepGate.run(work, { slot: { id: 'slot-2', ttlMs: 60_000 } })).toBe(2);
  });
});

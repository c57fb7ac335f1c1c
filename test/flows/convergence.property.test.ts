/**
 * Property: for random sequences of ticks, unticks, hand closes, reopens and text edits, delivered
 * shuffled and duplicated, Embark ends at a fixpoint: recomputing from scratch from what GitHub
 * holds plans no further change, and the status comment's counts match the stage bodies.
 */

import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readTasks } from '../../src/checklist/index.js';
import { loadOnboarding } from '../../src/handlers/session.js';
import { calendarFor } from '../../src/onboarding/due.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import { reconcile } from '../../src/onboarding/reconcile.js';
import { appClient, type Bed, openOnboarding, REPO, ref, stages, startBed, statusComment } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

type Step =
  | { kind: 'toggle'; stage: number; item: number }
  | { kind: 'close'; stage: number }
  | { kind: 'reopen'; stage: number }
  | { kind: 'note'; stage: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('toggle' as const), stage: fc.integer({ min: 0, max: 2 }), item: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), stage: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), stage: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), stage: fc.integer({ min: 0, max: 2 }) }) },
);


describe('convergence under shuffled, duplicated delivery', () => {
  it('ends at a fixpoint whose status matches the bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), async (steps, seed) => {
        bed = await startBed();
        const epic = await openOnboarding(bed);
        const subs = stages(bed, epic).map((s) => s.number);
        bed.double.holdWebhooks();
        for (const s of steps) {
          const n = subs[s.stage]!;
          const issue = bed.double.issue(REPO, n);
          if (s.kind === 'toggle' && readTasks(issue.body ?? '').length > s.item) bed.double.toggleCheckbox(REPO, n, s.item, 'bob');
          else if (s.kind === 'close' && issue.state === 'open') bed.double.closeIssue(REPO, n, 'alice');
          else if (s.kind === 'reopen' && issue.state === 'closed') bed.double.reopenIssue(REPO, n, 'alice');
          else if (s.kind === 'note') bed.double.editIssue(REPO, n, { body: `${issue.body}\nnote` }, 'alice');
        }
        await bed.double.releaseWebhooks({ shuffle: seed, duplicate: 2 });
        await bed.double.idle();

        const loaded = await loadOnboarding(bed.deps, appClient(bed), { ...ref, epic });
        expect(loaded?.state).toBeTruthy();
        const again = reconcile({
          snapshot: loaded!.snapshot,
          stored: loaded!.state!,
          event: { type: 'recompute' },
          now: bed.clock.now.toISOString(),
          labels: loaded!.config.labels,
          readItems: itemReaderFor(loaded!.state!),
          calendar: calendarFor(loaded!.config.calendar, bed.deps.calendars),
        });
        const changes = again.actions.filter((a) => a.kind !== 'saveStatus');
        expect(changes).toEqual([]);
        const body = statusComment(bed, epic)!.body;
        for (const view of again.stages) {
          const ticked = view.items.filter((i) => i.checked).length;
          expect(body).toContain(`| ${ticked}/${view.total} |`);
        }
        bed.double.assertNoViolations();
        await bed.close();
        bed = undefined;
      }),
      { numRuns: 12, seed: 20261123 },
    );
  }, 120_000);
});

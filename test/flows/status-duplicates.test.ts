/**
 * Two status comments on one EPIC (left by two writers that each believed they held the
 * onboarding, the race the write fence closes) converge on one: every reader keeps the oldest,
 * and the next status write (an event, or the sweep) deletes the later ones.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { appClient, type Bed, openOnboarding, REPO, ref, stages, startBed } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const statuses = (b: Bed, epic: number) => b.double.comments(REPO, epic).filter((c) => c.via_app && c.body.startsWith('<!-- embark:status'));

/** A second status comment, written by the app from a fresh state as the losing writer did. */
async function duplicate(b: Bed, epic: number): Promise<{ first: number; second: number }> {
  const [first] = statuses(b, epic);
  const { data } = await appClient(b).rest.issues.createComment({ ...ref, issue_number: epic, body: first!.body });
  await b.settle();
  expect(statuses(b, epic)).toHaveLength(2);
  return { first: first!.id, second: data.id };
}

describe('duplicate status comments', () => {
  it('the next event keeps the oldest, updates it and deletes the later one', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const { first } = await duplicate(bed, epic);
    bed.double.toggleCheckbox(REPO, stages(bed, epic)[0]!.number, 0, 'alice');
    await bed.settle();
    const left = statuses(bed, epic);
    expect(left.map((c) => c.id)).toEqual([first]);
    expect(left[0]!.body).toContain('1/3 stages done');
  });

  it('the sweep finds an EPIC with two and leaves one, then writes nothing more', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const { first } = await duplicate(bed, epic);
    expect((await sweepAccount(bed.deps, appClient(bed), 'acme')).repaired).toBe(1);
    await bed.settle();
    expect(statuses(bed, epic).map((c) => c.id)).toEqual([first]);
    bed.double.resetCounts();
    expect((await sweepAccount(bed.deps, appClient(bed), 'acme')).repaired).toBe(0);
    expect(bed.double.counts().writes + bed.double.counts().graphqlMutations).toBe(0);
  });
});

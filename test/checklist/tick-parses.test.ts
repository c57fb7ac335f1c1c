/**
 * How many full markdown parses one tick costs, end to end: a person ticks a box in a stage issue,
 * Embark (a real Probot on the GitHub double) diffs, reconciles and writes. Counted with the
 * shared parse cache's counters, which every checklist reader goes through.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type ParseCacheStats, sharedParseCache } from '../../src/checklist/parse-cache.js';
import { type Bed, openOnboarding, REPO, stages, startBed, statusComment } from '../flows/harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

/** Ticks box `box` of the `stage`-th stage issue as `user`, waits for Embark, and returns the parse counts. */
async function tickAndCount(b: Bed, epic: number, tick: { stage: number; box: number; user: string }): Promise<ParseCacheStats> {
  const issue = stages(b, epic)[tick.stage]!;
  const before = sharedParseCache.stats();
  b.double.toggleCheckbox(REPO, issue.number, tick.box, tick.user);
  await b.settle();
  const after = sharedParseCache.stats();
  expect(statusComment(b, epic)?.body).toContain(`\`${tick.user}\` ticked`);
  return { fullParses: after.fullParses - before.fullParses, hits: after.hits - before.hits, seeded: after.seeded - before.seeded };
}

describe('markdown parses per tick', () => {
  it('none once the app has seen the onboarding: each new body is derived from the old one', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    // The first tick reads the EPIC body as start-up last wrote it (with its stage links): one parse.
    const first = await tickAndCount(bed, epic, { stage: 1, box: 0, user: 'bob' });
    expect(first.fullParses).toBeLessThanOrEqual(1);
    const second = await tickAndCount(bed, epic, { stage: 1, box: 1, user: 'alice' });
    expect(second).toMatchObject({ fullParses: 0, seeded: 1 });
    // Completing a stage: Embark ticks the EPIC's link to it and starts the next stage.
    const completing = await tickAndCount(bed, epic, { stage: 0, box: 0, user: 'alice' });
    expect(bed.double.issue(REPO, stages(bed, epic)[0]!.number).state).toBe('closed');
    expect(completing.fullParses).toBe(0);
  });

  it('at most one per body the tick reads when the cache is empty, and never the new body', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const bodies = stages(bed, epic).length + 1;
    sharedParseCache.clear();
    const counts = await tickAndCount(bed, epic, { stage: 1, box: 0, user: 'bob' });
    // Each stage issue's body and the EPIC's, once each: the edited issue's new body is derived.
    expect(counts.fullParses).toBeLessThanOrEqual(bodies);
    expect(counts.fullParses).toBeGreaterThan(0);
    expect(counts.seeded).toBeGreaterThanOrEqual(1);
  });
});

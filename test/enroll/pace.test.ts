import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { creationsPerRow, defaultPace, fixedPace, GITHUB_CREATION_LIMITS, nextSlot, type PaceClock, Pacer, type PaceSettings, sustainedRate } from '../../src/enroll/pace.js';

/** A simulated clock: sleeping moves time. */
function fakeClock(start = 0): PaceClock & { t: number } {
  const clock = {
    t: start,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** Most creations in any window of `ms`, given (time, cost) pairs. */
function busiest(spent: { at: number; cost: number }[], ms: number): number {
  let best = 0;
  for (const s of spent) best = Math.max(best, spent.filter((o) => o.at >= s.at && o.at < s.at + ms).reduce((n, o) => n + o.cost, 0));
  return best;
}

async function run(pace: PaceSettings, rows: number, pauses: Map<number, number> = new Map()) {
  const clock = fakeClock(1_000_000);
  const pacer = new Pacer(pace, clock);
  const spent: { at: number; cost: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const pause = pauses.get(i);
    if (pause !== undefined) pacer.pause(pause);
    await pacer.take();
    spent.push({ at: clock.t, cost: pace.cost });
  }
  return { spent, clock };
}

describe('the default pace', () => {
  it('costs a row its issue, one issue per stage and the status comment', () => {
    expect(creationsPerRow(3)).toBe(5);
    expect(defaultPace(3)).toEqual({
      cost: 5,
      windows: [
        { ms: 60_000, limit: 64 },
        { ms: 3_600_000, limit: 400 },
      ],
      minIntervalMs: 4688,
    });
    expect(sustainedRate(defaultPace(3))).toBeCloseTo(400 / 5 / 60);
  });

  it('never goes over either limit in any window, whatever the stage count and pauses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 150 }),
        fc.array(fc.tuple(fc.nat(150), fc.integer({ min: 1, max: 600_000 })), { maxLength: 5 }),
        async (stages, rows, pauses) => {
          const { spent } = await run(defaultPace(stages), rows, new Map(pauses));
          // Charge the real cost of each row, even where a huge template's cost was capped.
          const real = spent.map((s) => ({ at: s.at, cost: Math.min(creationsPerRow(stages), 64) }));
          expect(busiest(real, 60_000)).toBeLessThanOrEqual(GITHUB_CREATION_LIMITS.perMinute);
          expect(busiest(real, 3_600_000)).toBeLessThanOrEqual(GITHUB_CREATION_LIMITS.perHour);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('goes as fast as the budget allows: 80 three-stage rows in the first hour, the 81st after it', async () => {
    const { spent } = await run(defaultPace(3), 81);
    const first = spent[0]!.at;
    expect(spent[79]!.at - first).toBeLessThan(10 * 60_000);
    expect(spent[80]!.at - first).toBeGreaterThanOrEqual(3_600_000);
  });

  it('waits out a pause even when the budget has room', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(defaultPace(3), clock);
    await pacer.take();
    pacer.pause(120_000);
    await pacer.take();
    expect(clock.t).toBe(120_000);
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(fixedPace(1), clock);
    const controller = new AbortController();
    expect(await pacer.take(controller.signal)).toBe(true);
    controller.abort();
    expect(await pacer.take(controller.signal)).toBe(false);
  });
});

describe('--rate', () => {
  it('spaces rows evenly at N a minute', async () => {
    const { spent } = await run(fixedPace(30), 5);
    expect(spent.map((s) => s.at - spent[0]!.at)).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('nextSlot is now when nothing was spent', () => {
    expect(nextSlot(defaultPace(3), [], 42)).toBe(42);
  });
});

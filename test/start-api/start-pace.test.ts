/** API starts keep enroll's pace: within four fifths of GitHub's 80/min and 500/h creations. */
import { describe, expect, it } from '@jest/globals';
import { StartPace } from '../../src/start-api/start-pace.js';

function virtualClock() {
  const clock = { t: 0, waits: [] as number[], now: () => clock.t, async sleep(ms: number) { clock.waits.push(ms); clock.t += ms; } };
  return clock;
}

describe('StartPace', () => {
  it('spaces a burst of starts evenly and keeps every minute and hour within budget', async () => {
    const clock = virtualClock();
    const pace = new StartPace(clock);
    const starts: number[] = [];
    for (let i = 0; i < 120; i++) {
      await pace.take(5); // 5 stages: the issue, 5 stage issues, the status comment = 7 creations
      starts.push(clock.t);
    }
    expect(starts[0]).toBe(0);
    for (let i = 0; i < starts.length; i++) {
      const minute = starts.filter((t) => t > starts[i]! - 60_000 && t <= starts[i]!).length;
      const hour = starts.filter((t) => t > starts[i]! - 3_600_000 && t <= starts[i]!).length;
      expect(minute * 7).toBeLessThanOrEqual(64);
      expect(hour * 7).toBeLessThanOrEqual(400);
    }
    expect(pace.spentWithin(3_600_000)).toBeLessThanOrEqual(400);
  });
});

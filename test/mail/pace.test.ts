import { describe, expect, it } from '@jest/globals';
import type { MailResult } from '../../src/mail/classify.js';
import { type Clock, createPacer, sendWithBackoff } from '../../src/mail/pace.js';

/** A clock whose sleeps pass at once, moving its time forward: no test waits for real time. */
function fakeClock(): Clock & { sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const transient: MailResult = { kind: 'transient', code: '421', reply: '421 busy' };
const sent: MailResult = { kind: 'sent', messageId: '<a@embark>' };

/** A send that answers from a script, one entry per call, and counts the calls. */
function scripted(...answers: MailResult[]) {
  const calls: string[] = [];
  return { calls, send: async (mail: string) => (calls.push(mail), answers[Math.min(calls.length, answers.length) - 1]!) };
}

describe('createPacer', () => {
  it.each([
    [30, 1, 6, [2000, 2000, 2000, 2000, 2000]],
    [60, 3, 6, [1000, 1000, 1000]],
    [120, 1, 3, [500, 500]],
  ])('at %i a minute with bursts of %i, %i sends start at the right times', async (perMinute, burst, count, sleeps) => {
    const clock = fakeClock();
    const pacer = createPacer({ perMinute, burst, clock });
    const starts: number[] = [];
    for (let i = 0; i < count; i++) {
      await pacer.take();
      starts.push(clock.now());
    }
    expect(clock.sleeps).toEqual(sleeps);
    expect(starts[count - 1]).toBe(((count - burst) * 60_000) / perMinute);
  });

  it('gives concurrent takers one token each, in call order', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perMinute: 60, clock });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(2000);
  });

  it('does not pace with Infinity or 0', async () => {
    const clock = fakeClock();
    for (const perMinute of [Number.POSITIVE_INFINITY, 0]) {
      const pacer = createPacer({ perMinute, clock });
      for (let i = 0; i < 100; i++) await pacer.take();
    }
    expect(clock.sleeps).toEqual([]);
  });
});

describe('sendWithBackoff', () => {
  it('retries transient results with doubling delays capped at max, and stops at the first success', async () => {
    const clock = fakeClock();
    const { calls, send } = scripted(transient, transient, transient, sent);
    const result = await sendWithBackoff(send, 'm', { attempts: 5, baseMs: 1000, maxMs: 3000, clock });
    expect(result).toEqual({ ...sent, attempts: 4 });
    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000, 2000, 3000]);
  });

  it('gives up after the attempts, returning the last transient result', async () => {
    const clock = fakeClock();
    const { calls, send } = scripted(transient);
    expect(await sendWithBackoff(send, 'm', { attempts: 3, baseMs: 10, clock })).toEqual({ ...transient, attempts: 3 });
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([10, 20]);
  });

  it.each([
    ['permanent', { kind: 'permanent', code: '550', reply: '550 no', address: 'a@b.co' } as MailResult],
    ['misconfigured', { kind: 'misconfigured', code: '535', reply: '535 no' } as MailResult],
  ])('never retries a %s result', async (_name, answer) => {
    const clock = fakeClock();
    const { calls, send } = scripted(answer, sent);
    expect(await sendWithBackoff(send, 'm', { clock })).toEqual({ ...answer, attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

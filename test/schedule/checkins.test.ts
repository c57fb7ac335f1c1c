import { describe, expect, it } from '@jest/globals';
import { checkinDue } from '../../src/schedule/checkins.js';
import { DAY } from './support.js';

const completedAt = new Date('2026-05-12T15:00:00Z');
const daysLater = (days: number) => new Date(completedAt.getTime() + days * DAY);
const base = { completedAt, days: [30, 60, 90], sent: [] as string[] };

describe('checkinDue', () => {
  it('is due exactly the given calendar days after completion', () => {
    expect(checkinDue({ ...base, now: daysLater(29.99) })).toBeNull();
    expect(checkinDue({ ...base, now: daysLater(30) })).toEqual({ key: 'c30', days: 30, at: daysLater(30), skipped: [] });
  });

  it('moves on to the next once one was sent', () => {
    expect(checkinDue({ ...base, now: daysLater(61), sent: ['c30'] })).toMatchObject({ key: 'c60', skipped: [] });
    expect(checkinDue({ ...base, now: daysLater(61), sent: ['c30', 'c60'] })).toBeNull();
  });

  it('sends one check-in, the newest, after a long outage', () => {
    expect(checkinDue({ ...base, now: daysLater(100) })).toMatchObject({ key: 'c90', skipped: ['c30', 'c60'] });
    expect(checkinDue({ ...base, now: daysLater(100), sent: ['c90'] })).toBeNull();
  });

  it('has nothing to do before completion', () => {
    expect(checkinDue({ ...base, completedAt: null, now: daysLater(100) })).toBeNull();
  });
});

import { describe, expect, it } from '@jest/globals';
import { dueStatus, onboardingTargetAt, stageDueAt } from '../../src/schedule/due.js';
import { at, calendarFrom, local } from './support.js';

const calendar = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
const ams = (text: string) => at(text, 'Europe/Amsterdam');
const show = (date: Date | null) => (date ? local(date, 'Europe/Amsterdam') : null);

describe('stageDueAt', () => {
  it('is the given business days after the start, at the start time', () => {
    expect(show(stageDueAt({ startedAt: ams('2026-04-20 10:00'), dueDays: 5, calendar }))).toBe('Tue 2026-04-28 10:00');
  });

  it('accepts an ISO string as stored in the status comment', () => {
    expect(show(stageDueAt({ startedAt: '2026-04-20T08:00:00Z', dueDays: 1, calendar }))).toBe('Tue 2026-04-21 10:00');
  });

  it('is null when the stage has no due days', () => {
    expect(stageDueAt({ startedAt: ams('2026-04-20 10:00'), dueDays: undefined, calendar })).toBeNull();
    expect(stageDueAt({ startedAt: ams('2026-04-20 10:00'), dueDays: null, calendar })).toBeNull();
  });

  it('names the field of an unreadable start time', () => {
    expect(() => stageDueAt({ startedAt: 'last Tuesday', dueDays: 1, calendar })).toThrow(/startedAt: "last Tuesday"/);
  });
});

describe('onboardingTargetAt', () => {
  it('counts the target in business days from the start', () => {
    expect(show(onboardingTargetAt({ startedAt: ams('2026-04-20 10:00'), targetDays: 15, calendar }))).toBe(
      'Tue 2026-05-12 10:00',
    );
  });
});

describe('dueStatus', () => {
  const dueAt = ams('2026-04-28 10:00'); // Tuesday after King's Day
  const status = (now: string, soonBusinessDays?: number) =>
    dueStatus({ dueAt, now: ams(now), calendar, soonBusinessDays });

  it('is on track more than a business day ahead', () => {
    expect(status('2026-04-23 09:00')).toBe('on-track'); // Thursday: Fri, Tue ahead
  });

  it('is due soon within one business day, counting over the weekend and holiday', () => {
    expect(status('2026-04-24 09:00')).toBe('due-soon'); // Friday
    expect(status('2026-04-27 23:00')).toBe('due-soon'); // King's Day
    expect(status('2026-04-28 09:59')).toBe('due-soon');
  });

  it('is still in time exactly at the due instant, overdue right after', () => {
    expect(status('2026-04-28 10:00')).toBe('due-soon');
    expect(status('2026-04-28 10:01')).toBe('overdue');
  });

  it('widens the warning window on request', () => {
    expect(status('2026-04-22 09:00', 3)).toBe('due-soon');
    expect(status('2026-04-21 09:00', 3)).toBe('on-track');
  });

  it('is none without a due date', () => {
    expect(dueStatus({ dueAt: null, now: ams('2026-04-28 10:00'), calendar })).toBe('none');
  });
});

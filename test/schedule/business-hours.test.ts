import { describe, expect, it } from '@jest/globals';
import { at, calendarFrom, local } from './support.js';

describe('business hours (09:00-17:00 by default)', () => {
  const calendar = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
  const ams = (text: string) => at(text, 'Europe/Amsterdam');
  const show = (date: Date) => local(date, 'Europe/Amsterdam');

  it('adds hours inside the same day', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 10:00'), 3))).toBe('Mon 2026-03-02 13:00');
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 16:00'), 1))).toBe('Mon 2026-03-02 17:00');
  });

  it('carries what does not fit into the next business day', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 16:00'), 2))).toBe('Tue 2026-03-03 10:00');
  });

  it('turns 24 business hours into three working days', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 10:00'), 24))).toBe('Thu 2026-03-05 10:00');
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 07:00'), 1))).toBe('Mon 2026-03-02 10:00');
    expect(show(calendar.addBusinessHours(ams('2026-03-06 18:00'), 1))).toBe('Mon 2026-03-09 10:00');
    expect(show(calendar.addBusinessHours(ams('2026-03-07 12:00'), 0))).toBe('Mon 2026-03-09 09:00');
  });

  it("skips King's Day and a weekend at once", () => {
    expect(show(calendar.addBusinessHours(ams('2026-04-24 16:30'), 1))).toBe('Tue 2026-04-28 09:30');
  });

  it('counts fractions of an hour', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-02 16:45'), 0.5))).toBe('Tue 2026-03-03 09:15');
  });

  it('counts eight-hour days across the DST change', () => {
    expect(show(calendar.addBusinessHours(ams('2026-03-27 13:00'), 8))).toBe('Mon 2026-03-30 13:00');
  });

  it('refuses negative hours', () => {
    expect(() => calendar.addBusinessHours(ams('2026-03-02 10:00'), -1)).toThrow(/hours must be a finite number >= 0/);
  });

  it('supports a window that ends at midnight', () => {
    const late = calendarFrom({ hours: { start: 12, end: 24 } });
    expect(local(late.addBusinessHours(at('2026-03-02 23:00'), 2))).toBe('Tue 2026-03-03 13:00');
    expect(local(late.endOfBusinessDay(at('2026-03-02 13:00')))).toBe('Tue 2026-03-03 00:00');
    expect(late.hoursPerDay).toBe(12);
  });
});

describe('nextBusinessStart', () => {
  const calendar = calendarFrom({ timezone: 'America/New_York', hours: { start: 8, end: 18 } });
  const ny = (text: string) => at(text, 'America/New_York');
  const show = (date: Date) => local(date, 'America/New_York');

  it('returns the time itself inside business hours', () => {
    expect(show(calendar.nextBusinessStart(ny('2026-03-02 08:00')))).toBe('Mon 2026-03-02 08:00');
    expect(show(calendar.nextBusinessStart(ny('2026-03-02 17:59')))).toBe('Mon 2026-03-02 17:59');
  });

  it('returns the opening later that day, or on the next business day', () => {
    expect(show(calendar.nextBusinessStart(ny('2026-03-02 06:00')))).toBe('Mon 2026-03-02 08:00');
    expect(show(calendar.nextBusinessStart(ny('2026-03-02 18:00')))).toBe('Tue 2026-03-03 08:00');
    expect(show(calendar.nextBusinessStart(ny('2026-03-06 19:00')))).toBe('Mon 2026-03-09 08:00');
  });
});

import { describe, expect, it } from '@jest/globals';
import { durationAfter, formatDuration, parseDuration } from '../../src/schedule/duration.js';
import { at, calendarFrom, DAY, HOUR, local } from './support.js';

describe('parseDuration', () => {
  it.each([
    ['24h', 24 * HOUR, '24h'],
    ['48h', 48 * HOUR, '48h'],
    ['7d', 7 * DAY, '7d'],
    ['1w', 7 * DAY, '1w'],
    ['90m', 90 * 60_000, '90m'],
    [' 1.5 H ', 1.5 * HOUR, '1.5h'],
  ])('reads %j as %d ms, spelled %s', (text, ms, canonical) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms, text: canonical, amount: expect.any(Number), unit: expect.any(String) });
  });

  it('reads a number as hours', () => {
    expect(parseDuration(36)).toEqual({ ok: true, text: '36h', amount: 36, unit: 'h', ms: 36 * HOUR });
  });

  it('reads business days and says how many', () => {
    expect(parseDuration('3bd')).toEqual({ ok: true, text: '3bd', amount: 3, unit: 'bd', ms: 3 * DAY, businessDays: 3 });
  });

  it.each(['', 'soon', '24', '-3h', '3 days', '2y'])('refuses %j and shows the accepted forms', (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('use one like 90m, 24h, 2d, 1w or 3bd');
  });

  it('refuses fractional business days and negative numbers', () => {
    expect(parseDuration('1.5bd')).toEqual({ ok: false, error: '"1.5bd": business days must be a whole number, like 3bd' });
    expect(parseDuration(-2)).toMatchObject({ ok: false });
    expect(parseDuration(Number.NaN)).toMatchObject({ ok: false });
  });
});

describe('formatDuration', () => {
  it.each([
    [2 * DAY + 4 * HOUR, '2d 4h'],
    [90 * 60_000, '1h 30m'],
    [7 * DAY, '7d'],
    [DAY + 5 * 60_000, '1d 5m'],
    [0, '0m'],
    [29_000, '0m'],
    [-3 * HOUR, '-3h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('durationAfter', () => {
  const calendar = calendarFrom({ timezone: 'Europe/Amsterdam' });
  const friday = at('2026-03-06 15:00', 'Europe/Amsterdam');
  const laidOut = (text: string, businessHours = false) => {
    const duration = parseDuration(text);
    if (!duration.ok) throw new Error(duration.error);
    return local(durationAfter({ start: friday, duration, calendar, businessHours }), 'Europe/Amsterdam');
  };

  it('counts wall-clock time by default, weekend or not', () => {
    expect(laidOut('24h')).toBe('Sat 2026-03-07 15:00');
  });

  it('counts business days for bd in either mode', () => {
    expect(laidOut('1bd')).toBe('Mon 2026-03-09 15:00');
    expect(laidOut('1bd', true)).toBe('Mon 2026-03-09 15:00');
  });

  it('counts business hours, a day being one business-hours window, in business-hours mode', () => {
    expect(laidOut('24h', true)).toBe('Wed 2026-03-11 15:00');
    expect(laidOut('1d', true)).toBe('Mon 2026-03-09 15:00');
    expect(laidOut('1w', true)).toBe('Fri 2026-03-13 15:00');
    expect(laidOut('0.5d', true)).toBe('Mon 2026-03-09 11:00');
  });
});

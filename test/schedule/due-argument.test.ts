import { describe, expect, it } from '@jest/globals';
import { parseDueArgument } from '../../src/schedule/due-argument.js';
import { at, calendarFrom, local } from './support.js';

describe('parseDueArgument (/due <stage> <date | +N>)', () => {
  const calendar = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
  const now = at('2026-04-22 11:20', 'Europe/Amsterdam'); // Wednesday
  const parse = (arg: string, when = now) => parseDueArgument(arg, { now: when, calendar });
  const dueLocal = (arg: string) => {
    const result = parse(arg);
    if (!result.ok) throw new Error(result.error);
    return local(result.dueAt, 'Europe/Amsterdam');
  };

  it('makes a date due at the end of its business hours in the calendar zone', () => {
    expect(dueLocal('2026-12-01')).toBe('Tue 2026-12-01 17:00');
    expect(dueLocal('2026-04-22')).toBe('Wed 2026-04-22 17:00');
  });

  it('counts +N business days from now, due at the end of that day', () => {
    expect(dueLocal('+3')).toBe('Tue 2026-04-28 17:00'); // over the weekend and King's Day
    expect(dueLocal('+1bd')).toBe('Thu 2026-04-23 17:00');
  });

  it('refuses a date that is not a business day and names the next one', () => {
    expect(parse('2026-04-27')).toEqual({
      ok: false,
      error: '2026-04-27 is not a business day (Koningsdag); the next business day is 2026-04-28',
    });
    expect(parse('2026-05-02')).toEqual({
      ok: false,
      error: '2026-05-02 is not a business day (Saturday); the next business day is 2026-05-04',
    });
  });

  it('refuses a date whose business hours are over', () => {
    const evening = at('2026-04-22 17:30', 'Europe/Amsterdam');
    expect(parse('2026-04-22', evening)).toMatchObject({ ok: false, error: expect.stringContaining('already past') });
    expect(parse('2026-01-05')).toMatchObject({ ok: false, error: expect.stringContaining('already past') });
  });

  it.each(['tomorrow', '12/01/2026', '+0', '+1000', '3', '', '+3d'])('refuses %j with the accepted forms', (arg) => {
    const result = parse(arg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/use (a date like 2026-12-01 or \+3|between \+1 and \+520)/);
  });

  it('refuses an impossible date', () => {
    expect(parse('2026-02-30')).toEqual({
      ok: false,
      error: '"2026-02-30" is not a real date; use a date like 2026-12-01 or +3 (business days from now)',
    });
  });
});

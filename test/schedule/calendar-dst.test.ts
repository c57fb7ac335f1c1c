import { describe, expect, it } from '@jest/globals';
import { at, calendarFrom, HOUR, local } from './support.js';

describe('business days across DST changes keep the local wall-clock time', () => {
  const amsterdam = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });

  it('keeps 09:00 over the last Sunday of March (clocks forward)', () => {
    const friday = at('2026-03-27 09:00', 'Europe/Amsterdam');
    expect(friday.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    const monday = amsterdam.addBusinessDays(friday, 1);
    expect(local(monday, 'Europe/Amsterdam')).toBe('Mon 2026-03-30 09:00');
    expect(monday.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 over the last Sunday of October (clocks back)', () => {
    const friday = at('2026-10-23 09:00', 'Europe/Amsterdam');
    const monday = amsterdam.addBusinessDays(friday, 1);
    expect(local(monday, 'Europe/Amsterdam')).toBe('Mon 2026-10-26 09:00');
    expect(monday.getTime() - friday.getTime()).toBe(73 * HOUR);
  });

  it('keeps 09:00 going backwards over the change too', () => {
    const monday = at('2026-03-30 09:00', 'Europe/Amsterdam');
    expect(local(amsterdam.addBusinessDays(monday, -1), 'Europe/Amsterdam')).toBe('Fri 2026-03-27 09:00');
  });

  it('keeps 09:00 in New York over the second Sunday of March', () => {
    const ny = calendarFrom({ timezone: 'America/New_York' });
    const friday = at('2026-03-06 09:00', 'America/New_York');
    expect(local(ny.addBusinessDays(friday, 1), 'America/New_York')).toBe('Mon 2026-03-09 09:00');
  });

  it('keeps 09:00 in Auckland when daylight saving ends in April', () => {
    const auckland = calendarFrom({ timezone: 'Pacific/Auckland', holidays: 'NZ' });
    const thursday = at('2026-04-02 09:00', 'Pacific/Auckland'); // Good Friday and Easter Monday follow
    expect(local(auckland.addBusinessDays(thursday, 1), 'Pacific/Auckland')).toBe('Tue 2026-04-07 09:00');
  });

  it('moves a time inside the spring-forward gap forward by the gap', () => {
    // A calendar that works on Sundays lands on 29 March at 02:30, which does not exist there.
    const everyDay = calendarFrom({ timezone: 'Europe/Amsterdam', workdays: [1, 2, 3, 4, 5, 6, 7] });
    const saturday = at('2026-03-28 02:30', 'Europe/Amsterdam');
    expect(local(everyDay.addBusinessDays(saturday, 1), 'Europe/Amsterdam')).toBe('Sun 2026-03-29 03:30');
  });

  it('counts business days between dates across the change by date', () => {
    const friday = at('2026-10-23 09:00', 'Europe/Amsterdam');
    expect(amsterdam.businessDaysBetween(friday, at('2026-10-26 08:30', 'Europe/Amsterdam'))).toBe(1);
  });
});

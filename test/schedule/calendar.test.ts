import { describe, expect, it } from '@jest/globals';
import { at, calendarFrom, local } from './support.js';

describe('business days: weekends', () => {
  const calendar = calendarFrom();

  it('counts Monday to Friday and skips the weekend', () => {
    expect(calendar.isBusinessDay(at('2026-03-06 12:00'))).toBe(true); // Friday
    expect(calendar.isBusinessDay(at('2026-03-07 12:00'))).toBe(false); // Saturday
    expect(calendar.closedReason(at('2026-03-08 12:00'))).toBe('Sunday');
  });

  it('moves from Friday over the weekend and keeps the time of day', () => {
    expect(local(calendar.addBusinessDays(at('2026-03-06 15:30'), 1))).toBe('Mon 2026-03-09 15:30');
    expect(local(calendar.addBusinessDays(at('2026-03-06 15:30'), 6))).toBe('Mon 2026-03-16 15:30');
  });

  it('counts a weekend start from the next business day, in both directions', () => {
    const saturday = at('2026-03-07 10:00');
    expect(local(calendar.addBusinessDays(saturday, 0))).toBe('Mon 2026-03-09 10:00');
    expect(local(calendar.addBusinessDays(saturday, 1))).toBe('Tue 2026-03-10 10:00');
    expect(local(calendar.addBusinessDays(saturday, -1))).toBe('Fri 2026-03-06 10:00');
  });

  it('goes backwards over the weekend with a negative count', () => {
    expect(local(calendar.addBusinessDays(at('2026-03-09 09:00'), -1))).toBe('Fri 2026-03-06 09:00');
  });

  it('refuses a fractional day count', () => {
    expect(() => calendar.addBusinessDays(at('2026-03-09 09:00'), 1.5)).toThrow(/whole number/);
  });

  it('counts the days between two times by date, signed, ignoring the time of day', () => {
    const friday = at('2026-03-06 17:00');
    expect(calendar.businessDaysBetween(friday, at('2026-03-07 09:00'))).toBe(0); // to Saturday
    expect(calendar.businessDaysBetween(friday, at('2026-03-09 08:00'))).toBe(1); // to Monday
    expect(calendar.businessDaysBetween(at('2026-03-09 08:00'), friday)).toBe(-1);
    expect(calendar.businessDaysBetween(friday, at('2026-03-06 09:00'))).toBe(0);
    expect(calendar.businessDaysBetween(friday, at('2026-03-20 09:00'))).toBe(10);
  });

  it('honours custom workdays (Sunday to Thursday)', () => {
    const week = calendarFrom({ workdays: [7, 1, 2, 3, 4] });
    expect(week.isBusinessDay(at('2026-03-06 12:00'))).toBe(false); // Friday
    expect(local(week.addBusinessDays(at('2026-03-05 09:00'), 1))).toBe('Sun 2026-03-08 09:00');
    expect(week.workdaysPerWeek).toBe(5);
  });
});

describe('business days: public holidays', () => {
  it("skips King's Day (27 April) in the Netherlands", () => {
    const nl = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
    const kingsDay = at('2026-04-27 12:00', 'Europe/Amsterdam');
    expect(nl.isBusinessDay(kingsDay)).toBe(false);
    expect(nl.closedReason(kingsDay)).toBe('Koningsdag');
    const friday = at('2026-04-24 09:00', 'Europe/Amsterdam');
    expect(local(nl.addBusinessDays(friday, 1), 'Europe/Amsterdam')).toBe('Tue 2026-04-28 09:00');
    expect(nl.businessDaysBetween(friday, at('2026-04-28 09:00', 'Europe/Amsterdam'))).toBe(1);
  });

  it('keeps bank holidays as working days (Oudejaarsavond, 31 December)', () => {
    const nl = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
    expect(nl.isBusinessDay(at('2026-12-31 12:00', 'Europe/Amsterdam'))).toBe(true);
  });

  it('skips Thanksgiving in the US, and the day after only in states that close', () => {
    const wednesday = at('2026-11-25 10:00', 'America/New_York');
    const us = calendarFrom({ timezone: 'America/New_York', holidays: 'US' });
    expect(local(us.addBusinessDays(wednesday, 1), 'America/New_York')).toBe('Fri 2026-11-27 10:00');
    const california = calendarFrom({ timezone: 'America/Los_Angeles', holidays: 'us-ca' });
    const wednesdayLA = at('2026-11-25 10:00', 'America/Los_Angeles');
    expect(local(california.addBusinessDays(wednesdayLA, 1), 'America/Los_Angeles')).toBe('Mon 2026-11-30 10:00');
  });

  it('uses the holidays of each year it is asked about', () => {
    const nl = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
    expect(nl.isBusinessDay(at('2027-04-27 12:00', 'Europe/Amsterdam'))).toBe(false); // Tuesday
    expect(nl.closedReason(at('2028-04-27 12:00', 'Europe/Amsterdam'))).toBe('Koningsdag'); // Thursday
    expect(nl.isBusinessDay(at('2028-04-28 12:00', 'Europe/Amsterdam'))).toBe(true);
  });

  it('crosses the year end over Christmas and New Year', () => {
    const nl = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
    const christmasEve = at('2026-12-24 09:00', 'Europe/Amsterdam'); // Thursday
    // Mon 28, Tue 29, Wed 30, Thu 31 (a bank holiday only), then New Year's Day on Friday.
    expect(local(nl.addBusinessDays(christmasEve, 5), 'Europe/Amsterdam')).toBe('Mon 2027-01-04 09:00');
    expect(nl.businessDaysBetween(christmasEve, at('2027-01-04 09:00', 'Europe/Amsterdam'))).toBe(5);
  });
});

describe('business days: closed dates', () => {
  it('skips dates listed in closed', () => {
    const calendar = calendarFrom({ closed: ['2026-03-09', '2026-03-10'] });
    expect(calendar.closedReason(at('2026-03-09 12:00'))).toBe('closed');
    expect(local(calendar.addBusinessDays(at('2026-03-06 09:00'), 1))).toBe('Wed 2026-03-11 09:00');
  });
});

describe('business days: time zones', () => {
  it('judges the day in the calendar zone, not in UTC (Auckland is already Saturday)', () => {
    const fridayNoonUtc = at('2026-03-06 12:00');
    expect(calendarFrom().isBusinessDay(fridayNoonUtc)).toBe(true);
    const auckland = calendarFrom({ timezone: 'Pacific/Auckland' });
    expect(local(fridayNoonUtc, 'Pacific/Auckland')).toBe('Sat 2026-03-07 01:00');
    expect(auckland.isBusinessDay(fridayNoonUtc)).toBe(false);
    expect(local(auckland.addBusinessDays(fridayNoonUtc, 0), 'Pacific/Auckland')).toBe('Mon 2026-03-09 01:00');
  });

  it('judges the day in New York while UTC is already Saturday', () => {
    const fridayEvening = at('2026-03-06 22:00', 'America/New_York');
    expect(calendarFrom().isBusinessDay(fridayEvening)).toBe(false);
    expect(calendarFrom({ timezone: 'America/New_York' }).isBusinessDay(fridayEvening)).toBe(true);
  });

  it('reports the local date', () => {
    expect(calendarFrom({ timezone: 'Pacific/Auckland' }).localDate(at('2026-03-06 12:00'))).toBe('2026-03-07');
  });
});

describe('createCalendar: configuration mistakes', () => {
  it('names an unknown holiday country and shows the expected form', () => {
    expect(() => calendarFrom({ holidays: 'XX' })).toThrow(
      'calendar.holidays: "XX" is not a country date-holidays knows; use an ISO code like NL or US-CA',
    );
  });

  it('names an unknown state instead of silently using the country', () => {
    expect(() => calendarFrom({ holidays: 'US-ZZ' })).toThrow(/US has no state "ZZ".*US-CA/);
    expect(() => calendarFrom({ holidays: 'SG-XX' })).toThrow(/SG has no state "XX"/);
  });

  it('names an unknown time zone', () => {
    expect(() => calendarFrom({ timezone: 'Europe/Amsterdm' })).toThrow(/calendar.timezone: "Europe\/Amsterdm"/);
  });

  it('refuses business hours that end before they start', () => {
    expect(() => calendarFrom({ hours: { start: 17, end: 9 } })).toThrow(/calendar.hours: start \(17\) must be before end \(9\)/);
  });

  it('refuses an impossible closed date and an empty week', () => {
    expect(() => calendarFrom({ closed: ['2026-02-30'] })).toThrow(/calendar.closed: "2026-02-30" is not a real date/);
    expect(() => calendarFrom({ workdays: [] })).toThrow(/calendar.workdays/);
  });

  it('stops with a clear error when no business day can be found', () => {
    const closedYear = Array.from({ length: 1200 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const calendar = calendarFrom({ closed: closedYear });
    expect(() => calendar.addBusinessDays(at('2026-01-01 09:00'), 1)).toThrow(/no business day within/);
  });
});

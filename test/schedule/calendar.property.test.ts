import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { at, calendarFrom } from './support.js';

const calendars = {
  amsterdam: calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL', closed: ['2026-08-14'] }),
  newYork: calendarFrom({ timezone: 'America/New_York', holidays: 'US' }),
  auckland: calendarFrom({ timezone: 'Pacific/Auckland', holidays: 'NZ', workdays: [1, 2, 3, 4] }),
};
const calendarArb = fc.constantFrom(...Object.values(calendars));
/** Any instant in 2025-2028, minute precision. */
const instantArb = fc
  .integer({ min: 0, max: 4 * 366 * 24 * 60 })
  .map((minutes) => new Date(at('2025-01-01 00:00').getTime() + minutes * 60_000));
const daysArb = fc.integer({ min: -300, max: 300 });
const params = { numRuns: 150, seed: 20260302 };

describe('calendar properties', () => {
  it('addBusinessDays always lands on a business day', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, daysArb, (calendar, start, n) =>
        calendar.isBusinessDay(calendar.addBusinessDays(start, n)),
      ),
      params,
    );
  });

  it('businessDaysBetween(a, addBusinessDays(a, n)) is n when a is a business day', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, daysArb, (calendar, start, n) => {
        fc.pre(calendar.isBusinessDay(start));
        return calendar.businessDaysBetween(start, calendar.addBusinessDays(start, n)) === n;
      }),
      params,
    );
  });

  it('addBusinessDays keeps the local time of day (outside DST gaps)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, daysArb, (calendar, start, n) => {
        const before = DateTime.fromJSDate(start, { zone: calendar.timezone });
        const after = DateTime.fromJSDate(calendar.addBusinessDays(start, n), { zone: calendar.timezone });
        fc.pre(before.hour >= 4); // DST gaps in these zones are between 02:00 and 04:00
        return after.toFormat('HH:mm') === before.toFormat('HH:mm');
      }),
      params,
    );
  });

  it('addBusinessHours lands inside business hours and never before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (calendar, start, hours) => {
        const end = calendar.addBusinessHours(start, hours);
        const local = DateTime.fromJSDate(end, { zone: calendar.timezone });
        const inWindow = local.hour >= 9 && (local.hour < 17 || (local.hour === 17 && local.minute === 0 && local.second === 0));
        return end.getTime() > start.getTime() && calendar.isBusinessDay(end) && inWindow;
      }),
      params,
    );
  });

  it('businessDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        instantArb,
        (calendar, a, b) => calendar.businessDaysBetween(a, b) + calendar.businessDaysBetween(b, a) === 0,
      ),
      params,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { reminderDue } from '../../src/schedule/reminders.js';
import { at, calendarFrom, HOUR } from './support.js';

const calendar = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
const startedAt = at('2026-03-02 10:00', 'Europe/Amsterdam'); // Monday
const hoursLater = (hours: number) => new Date(startedAt.getTime() + hours * HOUR);
const base = { startedAt, offsets: ['24h', '48h', '7d'], calendar, sent: [] as string[], blocked: false };

describe('reminderDue', () => {
  it('sends nothing before the first offset', () => {
    expect(reminderDue({ ...base, now: hoursLater(23.99) })).toBeNull();
  });

  it('is due exactly at the offset', () => {
    expect(reminderDue({ ...base, now: hoursLater(24) })).toEqual({
      key: 'r1:24h',
      offsetIndex: 0,
      at: hoursLater(24),
      skipped: [],
    });
  });

  it('sends the next one once the earlier was sent', () => {
    const due = reminderDue({ ...base, now: hoursLater(50), sent: ['r1:24h'] });
    expect(due).toMatchObject({ key: 'r2:48h', skipped: [] });
  });

  it('sends only the newest after downtime and reports the ones passed over', () => {
    const due = reminderDue({ ...base, now: hoursLater(8 * 24) });
    expect(due).toMatchObject({ key: 'r3:7d', offsetIndex: 2, skipped: ['r1:24h', 'r2:48h'] });
  });

  it('never sends a reminder superseded by a later one already sent', () => {
    expect(reminderDue({ ...base, now: hoursLater(8 * 24), sent: ['r3:7d'] })).toBeNull();
    expect(reminderDue({ ...base, now: hoursLater(8 * 24), sent: ['r2:48h'] })).toMatchObject({
      key: 'r3:7d',
      skipped: [],
    });
  });

  it('sends nothing when every passed reminder was sent', () => {
    expect(reminderDue({ ...base, now: hoursLater(30), sent: ['r1:24h'] })).toBeNull();
  });

  it('sends nothing while blocked', () => {
    expect(reminderDue({ ...base, now: hoursLater(30), blocked: true })).toBeNull();
  });

  it('sends nothing while snoozed, then only the newest once the snooze ends', () => {
    const snoozedUntil = hoursLater(72);
    expect(reminderDue({ ...base, now: hoursLater(71), snoozedUntil })).toBeNull();
    expect(reminderDue({ ...base, now: hoursLater(72), snoozedUntil })).toMatchObject({
      key: 'r2:48h',
      skipped: ['r1:24h'],
    });
    expect(reminderDue({ ...base, now: hoursLater(72), snoozedUntil: '2026-03-01T00:00:00Z' })).toMatchObject({
      key: 'r2:48h',
    });
  });

  it('orders offsets by time, whatever their order in the config', () => {
    const due = reminderDue({ ...base, offsets: ['7d', '24h'], now: hoursLater(25) });
    expect(due).toMatchObject({ key: 'r2:24h', offsetIndex: 1 });
    expect(reminderDue({ ...base, offsets: ['7d', '24h'], now: hoursLater(25), sent: ['r2:24h'] })).toBeNull();
  });

  it('reads numbers as hours and keys them in canonical form', () => {
    expect(reminderDue({ ...base, offsets: [4, ' 2 H '], now: hoursLater(5) })).toMatchObject({
      key: 'r1:4h',
      skipped: ['r2:2h'],
    });
  });

  it('counts business hours when asked: 24h from Monday 10:00 is Thursday 10:00', () => {
    const businessHours = { ...base, businessHours: true };
    expect(reminderDue({ ...businessHours, now: at('2026-03-05 09:59', 'Europe/Amsterdam') })).toBeNull();
    expect(reminderDue({ ...businessHours, now: at('2026-03-05 10:00', 'Europe/Amsterdam') })).toMatchObject({
      key: 'r1:24h',
    });
  });

  it('names the offset the config got wrong', () => {
    expect(() => reminderDue({ ...base, offsets: ['24h', 'soon'], now: hoursLater(1) })).toThrow(/reminders.after\[1\]/);
  });

  it('is idempotent: once the returned key is sent, the same sweep returns nothing', () => {
    const offsetArb = fc.oneof(
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 30 }).map((n) => `${n}d`),
      fc.integer({ min: 1, max: 20 }).map((n) => `${n}bd`),
    );
    fc.assert(
      fc.property(
        fc.array(offsetArb, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.boolean(),
        (offsets, hours, businessHours) => {
          const input = { ...base, offsets, businessHours, now: hoursLater(hours) };
          const due = reminderDue(input);
          fc.pre(due !== null);
          const sent = [due!.key];
          return reminderDue({ ...input, sent }) === null && reminderDue({ ...input, sent: [...sent, ...due!.skipped] }) === null;
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});

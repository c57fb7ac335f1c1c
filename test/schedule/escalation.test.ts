import { describe, expect, it } from '@jest/globals';
import type { EscalationStep } from '../../src/config.js';
import { blockEscalationDue, escalationDue } from '../../src/schedule/escalation.js';
import { at, calendarFrom } from './support.js';

const calendar = calendarFrom({ timezone: 'America/New_York', holidays: 'US' });
const ny = (text: string) => at(text, 'America/New_York');
const ladder: EscalationStep[] = [
  { after: 0, notify: ['owners'] },
  { after: 2, notify: ['PM'] },
  { after: 5, notify: ['@acme/leads'] },
];
const dueAt = ny('2026-11-24 17:00'); // Tuesday before Thanksgiving
const base = { dueAt, ladder, calendar, sent: [] as string[], blocked: false };

describe('escalationDue', () => {
  it('is quiet until the due time, then tells the first step exactly at it', () => {
    expect(escalationDue({ ...base, now: ny('2026-11-24 16:59') })).toBeNull();
    expect(escalationDue({ ...base, now: ny('2026-11-24 17:00') })).toEqual({
      key: 'e1:+0bd',
      stepIndex: 0,
      step: ladder[0],
      at: dueAt,
      skipped: [],
    });
  });

  it('counts steps in business days after due, skipping Thanksgiving', () => {
    const sent = ['e1:+0bd'];
    expect(escalationDue({ ...base, sent, now: ny('2026-11-27 16:59') })).toBeNull(); // Wed, (Thu), Fri 17:00
    expect(escalationDue({ ...base, sent, now: ny('2026-11-27 17:00') })).toMatchObject({ key: 'e2:+2bd' });
  });

  it('sends only the newest step after downtime', () => {
    expect(escalationDue({ ...base, now: ny('2026-12-15 09:00') })).toMatchObject({
      key: 'e3:+5bd',
      step: { notify: ['@acme/leads'] },
      skipped: ['e1:+0bd', 'e2:+2bd'],
    });
  });

  it('never goes back to a step below one already sent', () => {
    expect(escalationDue({ ...base, sent: ['e3:+5bd'], now: ny('2026-12-15 09:00') })).toBeNull();
  });

  it('pauses while blocked and without a due date', () => {
    expect(escalationDue({ ...base, blocked: true, now: ny('2026-12-15 09:00') })).toBeNull();
    expect(escalationDue({ ...base, dueAt: null, now: ny('2026-12-15 09:00') })).toBeNull();
  });

  it('waits for a business day when the due date falls on a weekend', () => {
    const saturday = ny('2026-11-28 12:00');
    expect(escalationDue({ ...base, dueAt: saturday, now: ny('2026-11-29 12:00') })).toBeNull();
    expect(escalationDue({ ...base, dueAt: saturday, now: ny('2026-11-30 12:00') })).toMatchObject({ key: 'e1:+0bd' });
  });
});

describe('blockEscalationDue', () => {
  const blockedSince = ny('2026-11-23 11:00'); // Monday
  const block = { blockedSince, ladder, calendar, sent: [] as string[] };
  const stamp = '2026-11-23T16:00:00.000Z';

  it('tells the first step as soon as the block is seen', () => {
    expect(blockEscalationDue({ ...block, now: ny('2026-11-23 11:05') })).toMatchObject({
      key: `b1:+0bd@${stamp}`,
      step: { notify: ['owners'] },
    });
  });

  it('climbs the ladder in business days from the start of the block', () => {
    const sent = [`b1:+0bd@${stamp}`];
    expect(blockEscalationDue({ ...block, sent, now: ny('2026-11-25 10:59') })).toBeNull();
    expect(blockEscalationDue({ ...block, sent, now: ny('2026-11-25 11:00') })).toMatchObject({
      key: `b2:+2bd@${stamp}`,
    });
  });

  it('starts again from the first step for a new block', () => {
    const sent = [`b1:+0bd@${stamp}`, `b2:+2bd@${stamp}`, `b3:+5bd@${stamp}`];
    const again = ny('2026-12-07 09:00');
    expect(blockEscalationDue({ ...block, sent, blockedSince: again, now: again })).toMatchObject({
      key: 'b1:+0bd@2026-12-07T14:00:00.000Z',
    });
  });
});

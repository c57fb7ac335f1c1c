import { describe, expect, it } from '@jest/globals';
import { onboardingEntry } from '../../src/portfolio/row.js';
import { calendarFrom, type OnboardingFacts, onboarding } from './support.js';

// Monday 21 December 2026: Christmas (Fri 25, Sat 26) and New Year (Fri 1 Jan) are Dutch public holidays.
const PLAIN = calendarFrom();
const DUTCH = calendarFrom({ holidays: 'NL' });

const row = (facts: OnboardingFacts, now: string, calendar = PLAIN) =>
  onboardingEntry({ ...onboarding(facts), calendar, now: new Date(now) });

const three = (s0: Partial<OnboardingFacts['stages'][number]> = {}) => [
  { title: 'Agreement', startedAt: '2026-11-23T09:00:00Z', ...s0 },
  { title: 'Access' },
  { title: 'Setup' },
];

describe('status, stage, due date and on-time of one onboarding', () => {
  const cases: { name: string; facts: OnboardingFacts; now: string; calendar?: typeof PLAIN; want: Record<string, unknown> }[] = [
    {
      name: 'fresh: active, stage 0, nothing late yet',
      facts: { startedAt: '2026-11-23T09:00:00Z', stages: three() },
      now: '2026-11-25T12:00:00Z',
      want: { status: 'active', stage: { index: 0, title: 'Agreement' }, onTime: null, businessDaysOpen: 2, dueAt: '2026-12-14T09:00:00.000Z' },
    },
    {
      name: 'the active stage is past its own due date: overdue, though the target is ahead',
      facts: { startedAt: '2026-11-23T09:00:00Z', stages: three({ dueDays: 2 }) },
      now: '2026-11-25T09:00:01Z',
      want: { status: 'overdue', onTime: null },
    },
    {
      name: 'exactly at the stage due date is still in time',
      facts: { startedAt: '2026-11-23T09:00:00Z', stages: three({ dueDays: 2 }) },
      now: '2026-11-25T09:00:00Z',
      want: { status: 'active' },
    },
    {
      name: 'past the onboarding target: overdue and already not on time',
      facts: { startedAt: '2026-11-23T09:00:00Z', targetDays: 3, stages: three({ dueDays: 20 }) },
      now: '2026-11-27T09:00:00Z',
      want: { status: 'overdue', onTime: false, dueAt: '2026-11-26T09:00:00.000Z' },
    },
    {
      name: 'blocked wins over overdue',
      facts: { startedAt: '2026-11-23T09:00:00Z', targetDays: 3, stages: three(), blockedAt: '2026-11-24T10:00:00Z' },
      now: '2026-11-27T09:00:00Z',
      want: { status: 'blocked', onTime: false, businessDaysBlocked: 3 },
    },
    {
      name: 'second stage active after the first closed',
      facts: {
        startedAt: '2026-11-23T09:00:00Z',
        stages: [
          { title: 'Agreement', startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-11-24T09:00:00Z', items: [2, 2] },
          { title: 'Access', startedAt: '2026-11-24T09:00:00Z', items: [1, 3] },
          { title: 'Setup', items: [0, 2] },
        ],
      },
      now: '2026-11-25T09:00:00Z',
      want: { status: 'active', stage: { index: 1, title: 'Access' }, progress: { done: 3, total: 7 } },
    },
    {
      name: 'completed on time: no stage, business days to complete',
      facts: { startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-12-02T15:00:00Z', stages: three({ completedAt: '2026-12-02T15:00:00Z' }) },
      now: '2027-01-10T09:00:00Z',
      want: { status: 'completed', stage: null, onTime: true, businessDaysOpen: 7, completedAt: '2026-12-02T15:00:00Z' },
    },
    {
      name: 'completed one day after a weekday target: late',
      facts: { startedAt: '2026-12-21T09:00:00Z', targetDays: 5, completedAt: '2026-12-29T09:00:00Z', stages: three() },
      now: '2027-01-10T09:00:00Z',
      want: { status: 'completed', onTime: false, dueAt: '2026-12-28T09:00:00.000Z', businessDaysOpen: 6 },
    },
    {
      name: 'the same dates with Dutch holidays: Christmas moves the target, on time',
      facts: { startedAt: '2026-12-21T09:00:00Z', targetDays: 5, completedAt: '2026-12-29T09:00:00Z', stages: three() },
      now: '2027-01-10T09:00:00Z',
      calendar: DUTCH,
      want: { status: 'completed', onTime: true, dueAt: '2026-12-29T09:00:00.000Z', businessDaysOpen: 5 },
    },
    {
      name: 'cancelled: no on-time verdict even past the target, days open stop at cancellation',
      facts: { startedAt: '2026-11-23T09:00:00Z', targetDays: 2, cancelledAt: '2026-11-27T12:00:00Z', stages: three() },
      now: '2026-12-20T09:00:00Z',
      want: { status: 'cancelled', onTime: null, stage: null, businessDaysOpen: 4, completedAt: null },
    },
    {
      name: 'no target: no due date and no verdict',
      facts: { startedAt: '2026-11-23T09:00:00Z', targetDays: null, completedAt: '2026-11-30T09:00:00Z', stages: three() },
      now: '2026-12-20T09:00:00Z',
      want: { status: 'completed', dueAt: null, onTime: null },
    },
  ];
  it.each(cases)('$name', ({ facts, now, calendar, want }) => {
    expect(row(facts, now, calendar).row).toMatchObject(want);
  });
});

describe('owners', () => {
  it('are the people behind the active stage roles, all roles once closed', () => {
    const open = row({ startedAt: '2026-11-23T09:00:00Z', stages: three() }, '2026-11-24T09:00:00Z').row;
    expect(open.owners).toEqual({ CSM: ['alice'] });
    const done = row({ startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-11-24T09:00:00Z', stages: three() }, '2026-11-25T09:00:00Z').row;
    expect(done.owners).toEqual({ CSM: ['alice'], Engineer: ['bob'] });
  });
});

describe('stage cycles', () => {
  it('a reopened stage is one cycle, from its first start to its final close', () => {
    const e = row(
      {
        startedAt: '2026-11-23T09:00:00Z',
        stages: [
          // Closed Tuesday, reopened, closed again Friday: one cycle of 4 business days, not two.
          { title: 'Agreement', startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-11-27T09:00:00Z' },
          { title: 'Access', startedAt: '2026-11-27T09:00:00Z' },
        ],
        log: [
          { at: '2026-11-24T09:00:00Z', text: 'closed Agreement' },
          { at: '2026-11-25T09:00:00Z', text: 'reopened Agreement' },
        ],
      },
      '2026-11-30T09:00:00Z',
    );
    expect(e.stageCycles).toEqual([{ stage: 'Agreement', index: 0, businessDays: 4 }]);
  });

  it('a stage reopened and still open has no cycle yet', () => {
    const e = row({ startedAt: '2026-11-23T09:00:00Z', stages: [{ title: 'Agreement', startedAt: '2026-11-23T09:00:00Z', reopened: true }] }, '2026-11-30T09:00:00Z');
    expect(e.stageCycles).toEqual([]);
    expect(e.row.stage).toEqual({ index: 0, title: 'Agreement' });
  });

  it('cycles count business days with the repository calendar (Christmas is not a working day in NL)', () => {
    const facts = { startedAt: '2026-12-21T09:00:00Z', stages: [{ title: 'Setup', startedAt: '2026-12-21T09:00:00Z', completedAt: '2026-12-29T09:00:00Z' }] };
    expect(row(facts, '2027-01-05T09:00:00Z').stageCycles[0]!.businessDays).toBe(6);
    expect(row(facts, '2027-01-05T09:00:00Z', DUTCH).stageCycles[0]!.businessDays).toBe(5);
  });
});

describe('time blocked', () => {
  const cases = [
    { name: 'never blocked', log: [], blockedAt: null, want: 0 },
    {
      name: 'one closed block, Monday to Wednesday',
      log: [
        { at: '2026-11-23T10:00:00Z', text: 'blocked: waiting for the customer' },
        { at: '2026-11-25T10:00:00Z', text: 'unblocked' },
      ],
      blockedAt: null,
      want: 2,
    },
    {
      name: 'a closed block over a weekend plus the current block until now',
      log: [
        { at: '2026-11-27T10:00:00Z', text: 'blocked: access' },
        { at: '2026-11-30T10:00:00Z', text: 'unblocked' },
        { at: '2026-12-01T10:00:00Z', text: 'blocked: again' },
      ],
      blockedAt: '2026-12-01T10:00:00Z',
      want: 1 + 2,
    },
    { name: 'the current block whose log entry was trimmed away', log: [], blockedAt: '2026-12-01T10:00:00Z', want: 2 },
    {
      name: 'an ended block the log no longer holds, kept in the state',
      log: [],
      blockedAt: null,
      blockedSpans: [{ from: '2026-11-23T10:00:00Z', to: '2026-11-25T10:00:00Z' }],
      want: 2,
    },
    {
      name: 'an ended block both in the state and in the log counts once',
      log: [
        { at: '2026-11-23T10:00:00Z', text: 'blocked: waiting for the customer' },
        { at: '2026-11-25T10:00:00Z', text: 'unblocked' },
      ],
      blockedAt: null,
      blockedSpans: [{ from: '2026-11-23T10:00:00Z', to: '2026-11-25T10:00:00Z' }],
      want: 2,
    },
  ];
  it.each(cases)('$name', ({ log, blockedAt, blockedSpans, want }) => {
    const e = row({ startedAt: '2026-11-23T09:00:00Z', stages: three(), log, blockedAt, ...(blockedSpans ? { blockedSpans } : {}) }, '2026-12-03T09:00:00Z');
    expect(e.row.businessDaysBlocked).toBe(want);
  });
});

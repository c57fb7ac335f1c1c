import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../src/config.js';
import { dueActions, type SweepOnboarding, type SweepStage } from '../../src/schedule/sweep-plan.js';
import { at, calendarFrom } from './support.js';

const calendar = calendarFrom({ timezone: 'Europe/Amsterdam', holidays: 'NL' });
const ams = (text: string) => at(text, 'Europe/Amsterdam');
const config = {
  reminders: defaultConfig.reminders, // 24h, 48h, 7d
  escalation: [
    { after: 0, notify: ['owners'] },
    { after: 2, notify: ['PM'] },
  ],
  checkins: [30, 60],
};

function stage(overrides: Partial<SweepStage> = {}): SweepStage {
  return {
    key: 'stage-2',
    state: 'active',
    startedAt: ams('2026-03-02 10:00'),
    dueAt: ams('2026-03-05 10:00'),
    openItems: 3,
    ...overrides,
  };
}

function onboarding(overrides: Partial<SweepOnboarding> = {}): SweepOnboarding {
  return { blocked: null, snoozedUntil: null, completedAt: null, sent: [], stages: [stage()], ...overrides };
}

const sweep = (now: string, snapshot: SweepOnboarding) => dueActions({ now: ams(now), calendar, config, onboarding: snapshot });

describe('dueActions', () => {
  it('has nothing to do on a fresh stage', () => {
    expect(sweep('2026-03-02 12:00', onboarding())).toEqual([]);
  });

  it('reminds an active stage with open items, keyed by stage', () => {
    expect(sweep('2026-03-03 10:00', onboarding())).toEqual([
      { kind: 'reminder', stageKey: 'stage-2', key: 'stage-2/r1:24h', offsetIndex: 0, at: ams('2026-03-03 10:00'), skipped: [] },
    ]);
  });

  it('reads sent keys of its own stage only', () => {
    const sent = ['stage-1/r1:24h', 'stage-1/r2:48h'];
    expect(sweep('2026-03-03 10:00', onboarding({ sent }))).toMatchObject([{ key: 'stage-2/r1:24h' }]);
    expect(sweep('2026-03-03 10:00', onboarding({ sent: ['stage-2/r1:24h'] }))).toEqual([]);
  });

  it('reminds and escalates an overdue stage, one of each, with namespaced skipped keys', () => {
    expect(sweep('2026-03-10 09:00', onboarding())).toMatchObject([
      { kind: 'reminder', key: 'stage-2/r3:7d', skipped: ['stage-2/r1:24h', 'stage-2/r2:48h'] },
      { kind: 'escalation', stageKey: 'stage-2', key: 'stage-2/e2:+2bd', step: { notify: ['PM'] }, skipped: ['stage-2/e1:+0bd'] },
    ]);
  });

  it('leaves pending and done stages, stages without open items and unstarted stages alone', () => {
    const stages = [
      stage({ key: 'stage-1', state: 'done' }),
      stage({ key: 'stage-3', state: 'pending' }),
      stage({ key: 'stage-4', openItems: 0 }),
      stage({ key: 'stage-5', startedAt: null }),
    ];
    expect(sweep('2026-03-10 09:00', onboarding({ stages }))).toEqual([]);
  });

  it('escalates the block instead of reminding while blocked', () => {
    const blocked = { since: '2026-03-03T08:00:00Z' };
    expect(sweep('2026-03-10 09:00', onboarding({ blocked }))).toMatchObject([
      { kind: 'block-escalation', key: 'b2:+2bd@2026-03-03T08:00:00.000Z', skipped: ['b1:+0bd@2026-03-03T08:00:00.000Z'] },
    ]);
  });

  it('pauses reminders, not escalations, while snoozed (onboarding or stage)', () => {
    const until = ams('2026-03-12 09:00');
    const expected = [{ kind: 'escalation', key: 'stage-2/e2:+2bd' }];
    expect(sweep('2026-03-10 09:00', onboarding({ snoozedUntil: until }))).toMatchObject(expected);
    expect(sweep('2026-03-10 09:00', onboarding({ stages: [stage({ snoozedUntil: until })] }))).toMatchObject(expected);
  });

  it('takes the later of the onboarding and stage snoozes', () => {
    const snapshot = onboarding({
      snoozedUntil: ams('2026-03-12 09:00'),
      stages: [stage({ snoozedUntil: ams('2026-03-04 09:00'), dueAt: null })],
    });
    expect(sweep('2026-03-10 09:00', snapshot)).toEqual([]);
    expect(sweep('2026-03-12 09:00', snapshot)).toMatchObject([{ kind: 'reminder', key: 'stage-2/r3:7d' }]);
  });

  it('only checks in once the onboarding is complete', () => {
    const done = onboarding({ completedAt: '2026-03-20T12:00:00Z', stages: [stage()] });
    expect(sweep('2026-04-10 09:00', done)).toEqual([]);
    expect(sweep('2026-05-25 09:00', done)).toMatchObject([{ kind: 'checkin', key: 'c60', days: 60, skipped: ['c30'] }]);
  });

  it('lists stages in order and is empty once every key returned is recorded', () => {
    const stages = [stage({ key: 'stage-2' }), stage({ key: 'stage-3', dueAt: null })];
    const first = sweep('2026-03-04 11:00', onboarding({ stages }));
    expect(first.map((action) => action.key)).toEqual(['stage-2/r2:48h', 'stage-3/r2:48h']);
    const sent = first.flatMap((action) => [action.key, ...action.skipped]);
    expect(sweep('2026-03-04 11:00', onboarding({ stages, sent }))).toEqual([]);
  });
});

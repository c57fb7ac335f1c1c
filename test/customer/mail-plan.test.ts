import { describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import type { MailDue } from '../../src/customer/mail-due.js';
import { contact, DAY, every, HOUR, JANE, later, plan, REF, stage1, stage2, state, sweep, T0, welcomed } from './fixture.js';

const keys = (mails: readonly MailDue[]) => mails.map((m) => m.key);
const timeline = (runs: ReturnType<typeof sweep>) => runs.map((r) => ({ at: r.at, keys: keys(r.mails) }));

describe('dueMails: the start', () => {
  it('welcomes a new contact once, with their part of the active stage folded in', () => {
    const mails = plan(state(), T0);
    expect(mails).toEqual([
      { key: `welcome:${REF}`, kind: 'welcome', contact: JANE, name: 'Jane Doe', stage: 'stage-1', skipped: [`your-part:stage-1:${REF}`] },
    ]);
    expect(timeline(sweep(state(), every(HOUR, 6 * HOUR)))).toEqual([{ at: T0, keys: [`welcome:${REF}`] }]);
  });

  it.each([
    ['welcome off: the your-part mail goes on its own', { welcome: false }, [`your-part:stage-1:${REF}`]],
    ['your part off: the welcome alone', { yourPart: false }, [`welcome:${REF}`]],
    ['both off: nothing at the start', { welcome: false, yourPart: false }, []],
  ])('%s', (_name, config, expected) => {
    expect(keys(plan(state(), T0, { config }))).toEqual(expected);
  });

  it('sends "your part" when a later stage with customer items becomes active', () => {
    const s = state({ mail: welcomed });
    const active2 = { ...stage2, active: true, startedAt: later(3 * DAY), openCustomerItems: ['Approve the backup schedule'] };
    const stages = [{ ...stage1, active: false, openCustomerItems: [] }, active2];
    expect(plan(s, later(3 * DAY), { stages })).toEqual([
      { key: `your-part:stage-2:${REF}`, kind: 'your-part', contact: JANE, name: 'Jane Doe', stage: 'stage-2', skipped: [] },
    ]);
    expect(plan(s, later(3 * DAY), { stages: [stages[0]!, { ...active2, openCustomerItems: [] }] })).toEqual([]);
  });
});

describe('dueMails: reminders', () => {
  it('sends 24h, 48h and 7d exactly once each, at their time; the 7d one replaces that week\'s digest', () => {
    const runs = sweep(state({ mail: welcomed }), every(HOUR, 10 * DAY));
    expect(timeline(runs)).toEqual([
      { at: later(24 * HOUR), keys: [`remind:stage-1:24h:${REF}`] },
      { at: later(48 * HOUR), keys: [`remind:stage-1:48h:${REF}`] },
      { at: later(7 * DAY), keys: [`remind:stage-1:7d:${REF}`] },
    ]);
    expect(runs[2]!.mails[0]!.skipped).toEqual([`digest:1:${REF}`]);
  });

  it('after downtime sends only the newest due reminder and reports the older ones as skipped', () => {
    const runs = sweep(state({ mail: welcomed }), [T0, later(8 * DAY), later(9 * DAY)]);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.mails).toEqual([
      {
        key: `remind:stage-1:7d:${REF}`,
        kind: 'remind',
        contact: JANE,
        name: 'Jane Doe',
        stage: 'stage-1',
        skipped: [`remind:stage-1:24h:${REF}`, `remind:stage-1:48h:${REF}`, `digest:1:${REF}`],
      },
    ]);
  });

  it.each([
    ['unsubscribed', { contacts: [contact(JANE, { unsubscribedAt: T0 })] }],
    ['blocked', { blocked: { reason: 'waiting on the customer', by: 'alice', at: T0 } }],
    ['snoozed, the whole onboarding', { snoozedUntil: later(30 * DAY) }],
  ])('sends no reminder while %s', (_name, over) => {
    const runs = sweep(state({ mail: welcomed, ...over }), every(HOUR, 6 * DAY), { config: { digest: 'off' } });
    expect(runs).toEqual([]);
  });

  it('sends none while the stage is snoozed, then only the newest once the snooze ends', () => {
    const s = state({ mail: welcomed });
    const snoozed = { ...s, stages: s.stages.map((st) => (st.key === 'stage-1' ? { ...st, snoozedUntil: later(60 * HOUR) } : st)) };
    expect(timeline(sweep(snoozed, every(HOUR, 6 * DAY), { config: { digest: 'off' } }))).toEqual([
      { at: later(60 * HOUR), keys: [`remind:stage-1:48h:${REF}`] },
    ]);
  });

  it('sends none for a stage with no open customer items, and none with reminders off', () => {
    const done = { ...stage1, openCustomerItems: [] };
    expect(sweep(state({ mail: welcomed }), every(HOUR, 6 * DAY), { stages: [done, stage2], config: { digest: 'off' } })).toEqual([]);
    for (const reminders of [[], false]) {
      expect(sweep(state({ mail: welcomed }), every(HOUR, 6 * DAY), { config: { reminders, digest: 'off' } })).toEqual([]);
    }
  });

  it('waits for business hours: a reminder due on the weekend goes out Monday at opening, the newer one only', () => {
    const friday = '2026-11-27T09:00:00.000Z';
    const stage = { ...stage1, startedAt: friday };
    const runs = sweep(state({ mail: welcomed }), every(HOUR, 4 * DAY, friday), { stages: [stage, stage2], config: { digest: 'off' } });
    expect(runs.map((r) => ({ at: r.at, keys: keys(r.mails), skipped: r.mails[0]!.skipped }))).toEqual([
      { at: '2026-11-30T09:00:00.000Z', keys: [`remind:stage-1:48h:${REF}`], skipped: [`remind:stage-1:24h:${REF}`] },
    ]);
  });

  it('counts only reminders due after the contact was added', () => {
    const late = state({ contacts: [contact(JANE, { addedAt: later(30 * HOUR) })] });
    expect(timeline(sweep(late, every(HOUR, 3 * DAY, later(30 * HOUR)), { config: { digest: 'off' } }))).toEqual([
      { at: later(30 * HOUR), keys: [`welcome:${REF}`] },
      { at: later(48 * HOUR), keys: [`remind:stage-1:48h:${REF}`] },
    ]);
  });
});

describe('dueMails: the digest', () => {
  it.each([
    ['weekly by default', {}, [`digest:1:${REF}`, `digest:2:${REF}`, `digest:3:${REF}`]],
    ['every 2 weeks', { digest: '2w' }, [`digest:1:${REF}`]],
    ['off', { digest: 'off' }, []],
    ['false means off', { digest: false }, []],
  ])('%s', (_name, config, expected) => {
    const runs = sweep(state({ mail: welcomed }), every(HOUR, 22 * DAY), { config: { reminders: [], ...config } });
    expect(runs.flatMap((r) => keys(r.mails))).toEqual(expected);
    expect(runs.every((r) => r.mails.every((m) => m.kind === 'digest' && m.period === Number(m.key.split(':')[1])))).toBe(true);
  });

  it('goes on while blocked (it says the onboarding is on hold), but never to an unsubscribed contact', () => {
    const blocked = state({ mail: welcomed, blocked: { reason: 'x', by: 'alice', at: T0 } });
    expect(keys(plan(blocked, later(7 * DAY), { config: { reminders: [] } }))).toEqual([`digest:1:${REF}`]);
    const gone = state({ mail: welcomed, contacts: [contact(JANE, { unsubscribedAt: T0 })] });
    expect(plan(gone, later(7 * DAY), { config: { reminders: [] } })).toEqual([]);
  });
});

describe('dueMails: go-live and check-ins', () => {
  const completedAt = '2026-12-10T10:00:00.000Z'; // a Thursday
  const live = (over: Record<string, unknown> = {}) => state({ mail: welcomed, completedAt, ...over });

  it('sends the sign-off once at completion, and not to a contact added afterwards', () => {
    expect(timeline(sweep(live(), every(HOUR, 2 * DAY, completedAt)))).toEqual([{ at: completedAt, keys: [`sign-off:${REF}`] }]);
    expect(plan(live({ contacts: [contact(JANE, { addedAt: later(HOUR, completedAt) })] }), later(2 * HOUR, completedAt))).toEqual([]);
  });

  it('sends the sign-off even to an unsubscribed contact (transactional), but no check-in', () => {
    const gone = live({ contacts: [contact(JANE, { unsubscribedAt: T0 })] });
    expect(keys(sweep(gone, every(DAY, 100 * DAY, completedAt)).flatMap((r) => r.mails))).toEqual([`sign-off:${REF}`]);
  });

  it.each([
    ['the survey goes with the last check-in by default', {}, [[30, false], [60, false], [90, true]]],
    ['or with the configured one', { survey: 60 }, [[30, false], [60, true], [90, false]]],
    ['a survey day that is no check-in: no survey', { survey: 45 }, [[30, false], [60, false], [90, false]]],
  ])('check-ins at 30, 60 and 90 days, once each: %s', (_name, config, expected) => {
    const s = live({ mail: { sent: [...welcomed.sent, `sign-off:${REF}`], failed: [] } });
    const runs = sweep(s, every(HOUR, 100 * DAY, completedAt), { config });
    expect(runs.map((r) => r.mails.map((m) => [m.day, m.survey]))).toEqual(expected.map((row) => [row]));
    // Day 30 is Saturday 9 January 2027: it waits for Monday's opening; days 60 and 90 are weekdays.
    expect(runs.map((r) => r.at)).toEqual(['2027-01-11T09:00:00.000Z', later(60 * DAY, completedAt), later(90 * DAY, completedAt)]);
  });

  it('after downtime sends the newest check-in, carrying a skipped survey', () => {
    const s = live({ mail: { sent: [...welcomed.sent, `sign-off:${REF}`], failed: [] } });
    expect(plan(s, later(65 * DAY, completedAt), { config: { survey: 30 } })).toEqual([
      { key: `checkin:60:${REF}`, kind: 'checkin', contact: JANE, name: 'Jane Doe', day: 60, survey: true, skipped: [`checkin:30:${REF}`] },
    ]);
  });

  it('waits for business hours: a check-in due on Saturday goes out Monday', () => {
    const friday = '2026-12-11T10:00:00.000Z';
    const s = state({ mail: { sent: [...welcomed.sent, `sign-off:${REF}`], failed: [] }, completedAt: friday, checkins: [1] });
    expect(plan(s, '2026-12-13T12:00:00.000Z')).toEqual([]);
    expect(keys(plan(s, '2026-12-14T09:00:00.000Z'))).toEqual([`checkin:1:${REF}`]);
  });

  it('sends no check-ins with check-ins off, nor sign-off with sign-off off', () => {
    expect(sweep(live(), every(DAY, 100 * DAY, completedAt), { config: { checkins: false, signOff: false } })).toEqual([]);
  });
});

describe('dueMails: nothing at all', () => {
  it.each([
    ['customer mail off', state(), { enabled: false }],
    ['the onboarding cancelled', state({ cancelled: { reason: 'lost the deal', by: 'alice', at: T0 } }), {}],
    ['no contacts', state({ contacts: [] }), {}],
    ['a state from before customer mail (no contacts field)', state({ contacts: undefined, mail: undefined }), {}],
  ])('%s', (_name, s, config) => {
    expect(sweep(s, every(HOUR, 10 * DAY), { config })).toEqual([]);
  });

  it('plans no key already in mail.sent or mail.failed, and nothing more to an address refused for good', () => {
    const failed = [{ key: `welcome:${REF}`, address: JANE, reply: '550 5.1.1 user unknown', at: T0 }];
    expect(sweep(state({ mail: { sent: [], failed } }), every(HOUR, 10 * DAY))).toEqual([]);
    const old = [{ ...failed[0]!, at: later(-DAY) }];
    expect(keys(plan(state({ mail: { sent: [], failed: old } }), T0, { config: { welcome: false } }))).toEqual([`your-part:stage-1:${REF}`]);
  });

  it('plans each contact on its own', () => {
    const other = 'ops@contoso.com';
    const s = state({ contacts: [contact(), contact(other, { name: 'Ops' })], mail: welcomed });
    expect(keys(plan(s, T0))).toEqual([`welcome:${contactRef(other)}`]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import { remindNow } from '../../src/customer/remind-now.js';
import { contact, customerConfig, DAY, JANE, later, REF, stage1, stage2, state, T0 } from './fixture.js';

const run = (s = state(), over: { stageKey?: string; enabled?: boolean; stages?: typeof stage1[] } = {}) =>
  remindNow({
    state: s,
    stages: over.stages ?? [stage1, stage2],
    config: customerConfig({ enabled: over.enabled ?? true }),
    commentId: 4242,
    ...(over.stageKey ? { stageKey: over.stageKey } : {}),
  });

describe('remindNow (/remind customer)', () => {
  it('reminds every reachable contact of each active stage with open customer items, keyed by the comment', () => {
    const other = 'ops@contoso.com';
    const gone = 'gone@contoso.com';
    const s = state({ contacts: [contact(), contact(other, { name: 'Ops' }), contact(gone, { unsubscribedAt: T0 })] });
    expect(run(s)).toEqual({
      ok: true,
      mails: [
        { key: `remind:stage-1:manual:4242:${REF}`, kind: 'remind', contact: JANE, name: 'Jane Doe', stage: 'stage-1', skipped: [] },
        { key: `remind:stage-1:manual:4242:${contactRef(other)}`, kind: 'remind', contact: other, name: 'Ops', stage: 'stage-1', skipped: [] },
      ],
    });
  });

  it('sends nothing for a replayed comment (its keys are sent), but a new comment reminds again', () => {
    const s = state({ mail: { sent: [`remind:stage-1:manual:4242:${REF}`], failed: [] } });
    expect(run(s)).toEqual({ ok: true, mails: [] });
    const again = remindNow({ state: s, stages: [stage1], config: customerConfig(), commentId: 4243 });
    expect(again.ok && again.mails.map((m) => m.key)).toEqual([`remind:stage-1:manual:4243:${REF}`]);
  });

  it.each([
    ['customer mail off', state(), { enabled: false }, /customer\.enabled: false/],
    ['cancelled', state({ cancelled: { reason: 'x', by: 'a', at: T0 } }), {}, /cancelled/],
    ['complete', state({ completedAt: later(DAY) }), {}, /complete/],
    ['no contacts', state({ contacts: [] }), {}, /no customer contacts/],
    ['everyone unsubscribed', state({ contacts: [contact(JANE, { unsubscribedAt: T0 })] }), {}, /unsubscribed/],
    ['a named stage with nothing open for the customer', state(), { stageKey: 'stage-2' }, /^Stage 2: Setup has no open items/],
    ['no active stage with customer items', state(), { stages: [{ ...stage1, openCustomerItems: [] }] }, /no active stage/],
  ])('refuses with a reason when %s', (_name, s, over, reason) => {
    const result = run(s, over);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

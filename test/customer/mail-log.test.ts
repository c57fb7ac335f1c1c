import { describe, expect, it } from '@jest/globals';
import { MAX_FAILURES, recordMails } from '../../src/customer/mail-log.js';
import { plan, REF, state, T0 } from './fixture.js';

describe('recordMails', () => {
  it('records sent and skipped keys once each, so the plan does not return them again', () => {
    const s = state();
    const due = plan(s, T0);
    const once = recordMails(s, { sent: due, failed: [] });
    expect(once.mail.sent).toEqual([`your-part:stage-1:${REF}`, `welcome:${REF}`]);
    expect(recordMails(once, { sent: due, failed: [] }).mail).toEqual(once.mail);
    expect(plan(once, T0)).toEqual([]);
  });

  it('records a permanent failure with the server\'s words on one line, and never plans its key again', () => {
    const s = state();
    const [welcome] = plan(s, T0);
    const failed = recordMails(s, {
      sent: [],
      failed: [{ key: welcome!.key, address: welcome!.contact, reply: '550 5.1.1 <jane.doe@contoso.com>:\r\n user unknown', at: T0, skipped: welcome!.skipped }],
    });
    expect(failed.mail.failed).toEqual([{ key: welcome!.key, address: welcome!.contact, reply: '550 5.1.1 <jane.doe@contoso.com>: user unknown', at: T0 }]);
    expect(failed.mail.sent).toEqual(welcome!.skipped);
    expect(plan(failed, T0)).toEqual([]);
  });

  it(`keeps the last ${MAX_FAILURES} failures; an older one's key moves to sent`, () => {
    const many = Array.from({ length: MAX_FAILURES + 2 }, (_, i) => ({ key: `k${i}`, address: 'a@b.co', reply: '550', at: T0 }));
    const after = recordMails(state(), { sent: [], failed: many });
    expect(after.mail.failed).toHaveLength(MAX_FAILURES);
    expect(after.mail.failed[0]!.key).toBe('k2');
    expect(after.mail.sent).toEqual(['k0', 'k1']);
  });

  it('works on a state decoded before customer mail existed', () => {
    const old = { ...state(), mail: undefined };
    expect(recordMails(old, { sent: [{ key: 'welcome:x', skipped: [] }], failed: [] }).mail).toEqual({ sent: ['welcome:x'], failed: [] });
  });
});

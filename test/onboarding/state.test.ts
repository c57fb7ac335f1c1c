import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { appendLog, decodeState, encodeState, type StoredState } from '../../src/onboarding/state.js';

function state(customer: string): StoredState {
  return decodeState(
    encodeState({
      v: 1, epic: 1, template: { name: 't', version: null, file: null }, customer, startedAt: '2026-11-23T09:00:00Z',
      roles: {}, roleAliases: {}, optional: [], customerItems: [], targetDays: null, checkins: [], checkinItems: [], stages: [], skipped: {},
      blocked: null, blockedSpans: [], cancelled: null, completedAt: null, snoozedUntil: null, sent: [], log: [],
      contacts: [], mail: { sent: [], failed: [] }, surveys: [],
    }),
  )!;
}

describe('hidden state', () => {
  it('round-trips any customer text without ending the HTML comment early or mentioning anyone', () => {
    fc.assert(
      fc.property(fc.string(), (customer) => {
        const encoded = encodeState(state(customer));
        const inner = encoded.slice('<!-- embark:state '.length, -' -->'.length);
        expect(inner).not.toContain('--');
        expect(inner).not.toMatch(/[<>@]/);
        expect(decodeState(encoded)?.customer).toBe(customer);
      }),
    );
  });

  it('treats missing, truncated or schema-breaking JSON as absent (it is then rebuilt)', () => {
    expect(decodeState('no state here')).toBeNull();
    expect(decodeState('<!-- embark:state {"v":1 -->')).toBeNull();
    expect(decodeState('<!-- embark:state {"v":2} -->')).toBeNull();
  });

  it('keeps the log newest first, bounded, without repeating a replayed entry', () => {
    const a = { at: '2026-11-23T10:00:00Z', actor: 'bob', text: 'ticked', key: 'k1' };
    const b = { at: '2026-11-23T11:00:00Z', actor: 'bob', text: 'ticked 2', key: 'k2' };
    const log = appendLog(appendLog([], [a]), [b, a]);
    expect(log.map((e) => e.key)).toEqual(['k2', 'k1']);
    expect(appendLog([], Array.from({ length: 100 }, (_, i) => ({ ...a, key: `k${i}` })), 60)).toHaveLength(60);
  });
});

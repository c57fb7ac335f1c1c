import { describe, expect, it } from '@jest/globals';
import { decodeState, encodeState } from '../../src/onboarding/state.js';
import { fixture } from './fixture.js';

describe('the status page nonce in the hidden state', () => {
  it('round-trips, and older states without it still decode', () => {
    const { state } = fixture({ state: { statusPage: { nonce: 'N'.repeat(22) } } });
    expect(decodeState(encodeState(state))!.statusPage).toEqual({ nonce: 'N'.repeat(22) });
    const older = { ...state };
    delete older.statusPage;
    const decoded = decodeState(encodeState(older));
    expect(decoded).not.toBeNull();
    expect(decoded!.statusPage).toBeUndefined();
  });

  it('drops a malformed value instead of failing the whole state (links then answer 404)', () => {
    const { state } = fixture();
    const body = encodeState(state).replace('"log":', '"statusPage":{"nonce":42},"log":');
    expect(body).toContain('"statusPage"');
    const decoded = decodeState(body);
    expect(decoded).not.toBeNull();
    expect(decoded!.statusPage).toBeUndefined();
    expect(decoded!.customer).toBe('Contoso');
  });
});

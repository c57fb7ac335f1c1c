import { describe, expect, it } from '@jest/globals';
import { decodeState, encodeState, type StoredState } from '../../src/onboarding/state.js';
import { contact, REF, state, T0 } from './fixture.js';

/** A status comment written before customer mail existed: no contacts, mail or surveys. */
const OLD = `<!-- embark:state ${JSON.stringify({
  v: 1, epic: 1, template: { name: 't', version: null, file: null }, customer: 'Contoso', startedAt: T0,
  roles: {}, stages: [], sent: ['stage-1/r1:24h'],
})} -->`;

describe('stored state: the customer fields', () => {
  it('decodes an old state, with the customer fields at their defaults', () => {
    const decoded = decodeState(OLD);
    expect(decoded).not.toBeNull();
    expect({ contacts: decoded!.contacts, mail: decoded!.mail, surveys: decoded!.surveys }).toEqual({ contacts: [], mail: { sent: [], failed: [] }, surveys: [] });
    expect(decoded!.sent).toEqual(['stage-1/r1:24h']);
  });

  it('round-trips contacts, mail and surveys, without a raw @ or < in the comment', () => {
    const s: StoredState = state({
      contacts: [contact(), contact('ops@contoso.com', { source: 'command', addedBy: 'alice', unsubscribedAt: T0 })],
      mail: { sent: [`welcome:${REF}`], failed: [{ key: `remind:stage-1:24h:${REF}`, address: 'jane.doe@contoso.com', reply: '550 <jane.doe@contoso.com> unknown', at: T0 }] },
      surveys: [{ contact: REF, checkin: 90, score: 5, comment: 'Great -- thanks <3', at: T0 }],
    });
    const encoded = encodeState(s);
    expect(encoded.slice('<!-- embark:state '.length, -' -->'.length)).not.toMatch(/[<>@]|--/);
    expect(decodeState(encoded)).toEqual(s);
  });

  it('treats a malformed contact as an invalid state (rebuilt), like any other field', () => {
    const bad = OLD.replace('"stages":[]', '"stages":[],"contacts":[{"name":"x"}]');
    expect(decodeState(bad)).toBeNull();
  });
});

import { describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import {
  MAX_LINK_TOKEN_LENGTH,
  signSurveyToken,
  signUnsubscribeToken,
  surveyPath,
  unsubscribePath,
  verifySurveyToken,
  verifyUnsubscribeToken,
} from '../../src/customer/links.js';
import { signStatusToken } from '../../src/status-page/token.js';

const SECRET = 'x'.repeat(40);
const binding = { owner: 'acme', repo: 'onboarding', epic: 7, email: 'jane.doe@contoso.com' };
const expected = { owner: 'acme', repo: 'onboarding', epic: 7, contact: contactRef(binding.email) };

function flip(token: string, at: number): string {
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

describe('unsubscribe and survey tokens', () => {
  it('round-trip what they bind, naming the contact by ref (the address is not in the URL)', () => {
    const unsubscribe = signUnsubscribeToken(SECRET, binding);
    expect(verifyUnsubscribeToken(SECRET, unsubscribe)).toEqual(expected);
    expect(Buffer.from(unsubscribe.split('.')[0]!, 'base64url').toString()).not.toContain('contoso');
    expect(verifySurveyToken(SECRET, signSurveyToken(SECRET, { ...binding, day: 90 }))).toEqual({ ...expected, day: 90 });
    expect(unsubscribePath(unsubscribe)).toBe(`/embark/unsubscribe/${unsubscribe}`);
    expect(surveyPath('t')).toBe('/embark/survey/t');
  });

  it('is the same token for the same binding (a replayed unsubscribe is the same harmless request)', () => {
    expect(signUnsubscribeToken(SECRET, binding)).toBe(signUnsubscribeToken(SECRET, { ...binding, email: 'Jane.Doe@Contoso.com' }));
  });

  it('refuses any changed character, another secret, or another binding with the original signature', () => {
    const token = signSurveyToken(SECRET, { ...binding, day: 30 });
    for (let at = 0; at < token.length; at++) if (token[at] !== '.') expect(verifySurveyToken(SECRET, flip(token, at))).toBeNull();
    expect(verifySurveyToken(`${SECRET}y`, token)).toBeNull();
    const other = signSurveyToken(SECRET, { ...binding, day: 60 });
    expect(verifySurveyToken(SECRET, `${other.split('.')[0]}.${token.split('.')[1]}`)).toBeNull();
  });

  it('never accepts a token made for another purpose', () => {
    const unsubscribe = signUnsubscribeToken(SECRET, binding);
    const survey = signSurveyToken(SECRET, { ...binding, day: 30 });
    const status = signStatusToken(SECRET, { owner: 'acme', repo: 'onboarding', epic: 7, nonce: 'n'.repeat(22), expiresAt: null });
    expect(verifySurveyToken(SECRET, unsubscribe)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, survey)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, status)).toBeNull();
    expect(verifySurveyToken(SECRET, status)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abc'],
    ['not base64url', 'ab+c.de/f'],
    ['oversize', `${'A'.repeat(MAX_LINK_TOKEN_LENGTH)}.A`],
  ])('refuses a malformed token: %s', (_name, token) => {
    expect(verifyUnsubscribeToken(SECRET, token)).toBeNull();
  });
});

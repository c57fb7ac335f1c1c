import { describe, expect, it } from '@jest/globals';
import { FORM_WINDOW_MS, formToken, formTokenValid } from '../../src/status-page/form-token.js';
import { newNonce, type StatusLink, signStatusToken, verifyStatusToken } from '../../src/status-page/token.js';

const SECRET = 'x'.repeat(40);
const NOW = new Date('2026-11-23T09:00:00Z');
const link: StatusLink = { owner: 'acme', repo: 'onboarding', epic: 7, nonce: newNonce(), expiresAt: null };

function flip(token: string, at: number): string {
  const c = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + c + token.slice(at + 1);
}

describe('status link tokens', () => {
  it('round-trips repository, EPIC, nonce and expiry', () => {
    const token = signStatusToken(SECRET, link);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyStatusToken(SECRET, token, NOW)).toEqual(link);
    const expiring = { ...link, expiresAt: NOW.getTime() + 1000 };
    expect(verifyStatusToken(SECRET, signStatusToken(SECRET, expiring), NOW)).toEqual(expiring);
  });

  it("round-trips a contact's own link, and keeps it apart from a /share link", () => {
    const mine = { ...link, contact: 'a1b2c3d4e5f6' };
    const token = signStatusToken(SECRET, mine);
    expect(verifyStatusToken(SECRET, token, NOW)).toEqual(mine);
    expect(verifyStatusToken(SECRET, signStatusToken(SECRET, link), NOW)).not.toHaveProperty('contact');
    // A contact field that is not a contact reference is refused even when signed.
    expect(verifyStatusToken(SECRET, signStatusToken(SECRET, { ...link, contact: 'jane@x.com' }), NOW)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyStatusToken(`${SECRET}y`, signStatusToken(SECRET, link), NOW)).toBeNull();
  });

  it('refuses any changed character, in the payload or the signature', () => {
    const token = signStatusToken(SECRET, link);
    for (let at = 0; at < token.length; at++) {
      if (token[at] === '.') continue;
      expect(verifyStatusToken(SECRET, flip(token, at), NOW)).toBeNull();
    }
  });

  it('refuses a payload naming another onboarding with the original signature', () => {
    const token = signStatusToken(SECRET, link);
    const other = signStatusToken(SECRET, { ...link, epic: 8 });
    expect(verifyStatusToken(SECRET, `${other.split('.')[0]}.${token.split('.')[1]}`, NOW)).toBeNull();
  });

  it('refuses an expired token, at and after its expiry', () => {
    const token = signStatusToken(SECRET, { ...link, expiresAt: NOW.getTime() });
    expect(verifyStatusToken(SECRET, token, NOW)).toBeNull();
    expect(verifyStatusToken(SECRET, token, new Date(NOW.getTime() - 1))).not.toBeNull();
  });

  it('refuses junk without throwing', () => {
    for (const junk of ['', '.', 'abc', 'a.b.c', '<script>.x', 'a'.repeat(5000), '%%.%%']) {
      expect(verifyStatusToken(SECRET, junk, NOW)).toBeNull();
    }
  });

  it('makes distinct nonces', () => {
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});

describe('sign-off form tokens', () => {
  const page = signStatusToken(SECRET, link);
  it('is valid for its page and item in this window and the next, not after', () => {
    const token = formToken(SECRET, page, 'stage-1/a', NOW);
    expect(formTokenValid(SECRET, page, 'stage-1/a', token, NOW)).toBe(true);
    expect(formTokenValid(SECRET, page, 'stage-1/a', token, new Date(NOW.getTime() + FORM_WINDOW_MS))).toBe(true);
    expect(formTokenValid(SECRET, page, 'stage-1/a', token, new Date(NOW.getTime() + 2 * FORM_WINDOW_MS))).toBe(false);
  });
  it('does not carry over to another item, page or secret', () => {
    const token = formToken(SECRET, page, 'stage-1/a', NOW);
    expect(formTokenValid(SECRET, page, 'stage-1/b', token, NOW)).toBe(false);
    expect(formTokenValid(SECRET, signStatusToken(SECRET, { ...link, epic: 9 }), 'stage-1/a', token, NOW)).toBe(false);
    expect(formTokenValid(`${SECRET}z`, page, 'stage-1/a', token, NOW)).toBe(false);
    expect(formTokenValid(SECRET, page, 'stage-1/a', '', NOW)).toBe(false);
  });
});

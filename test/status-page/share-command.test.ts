import { describe, expect, it } from '@jest/globals';
import { parseCommands } from '../../src/commands/index.js';
import { shareCommand } from '../../src/status-page/share-command.js';
import { verifyStatusToken } from '../../src/status-page/token.js';
import { fixture, NOW } from './fixture.js';

const settings = { secret: 's'.repeat(40), publicUrl: 'https://embark.example.com' };
const base = { onEpic: true, repo: { owner: 'acme', repo: 'onboarding' }, settings, now: NOW, actor: 'alice' };
const NONCE_A = 'A'.repeat(22);
const NONCE_B = 'B'.repeat(22);

function linkIn(reply: string) {
  const url = /<(https:\/\/[^>]+)>/.exec(reply)![1]!;
  expect(url.startsWith('https://embark.example.com/embark/status/')).toBe(true);
  return verifyStatusToken(settings.secret, url.split('/').pop()!, NOW);
}

describe('/share', () => {
  it('creates the nonce on first use and replies with a signed link to this onboarding', () => {
    const { state } = fixture();
    const r = shareCommand({ ...base, state, command: { revoke: false, validForHours: null }, freshNonce: NONCE_A });
    expect(r.ok).toBe(true);
    expect(r.state!.statusPage).toEqual({ nonce: NONCE_A });
    expect(linkIn(r.reply)).toEqual({ owner: 'acme', repo: 'onboarding', epic: 1, nonce: NONCE_A, expiresAt: null });
    expect(r.reply).toContain('does not expire');
  });

  it('reuses the nonce (earlier links keep working) and sets the expiry asked for', () => {
    const { state } = fixture({ state: { statusPage: { nonce: NONCE_A } } });
    const r = shareCommand({ ...base, state, command: { revoke: false, validForHours: 30 * 24 }, freshNonce: NONCE_B });
    expect(r.state).toBeNull();
    expect(linkIn(r.reply)).toMatchObject({ nonce: NONCE_A, expiresAt: NOW.getTime() + 30 * 86_400_000 });
    expect(r.reply).toContain('2026-12-25 10:00 UTC');
  });

  it('revoke rotates the nonce and logs it', () => {
    const { state } = fixture({ state: { statusPage: { nonce: NONCE_A } } });
    const r = shareCommand({ ...base, state, command: { revoke: true, validForHours: null }, freshNonce: NONCE_B });
    expect(r.state!.statusPage).toEqual({ nonce: NONCE_B });
    expect(r.state!.log[0]!.text).toMatch(/revoked/);
    expect(r.reply).not.toMatch(/https:/);
  });

  it('explains what is missing: not on the EPIC, the page off, no public URL', () => {
    const { state } = fixture();
    const command = { revoke: false, validForHours: null };
    expect(shareCommand({ ...base, state, command, freshNonce: NONCE_A, onEpic: false }).reply).toMatch(/EPIC/);
    expect(shareCommand({ ...base, state, command, freshNonce: NONCE_A, settings: null }).reply).toMatch(/EMBARK_STATUS_SECRET/);
    const noUrl = shareCommand({ ...base, state, command, freshNonce: NONCE_A, settings: { ...settings, publicUrl: null } });
    expect(noUrl).toMatchObject({ ok: false, state: null });
    expect(noUrl.reply).toMatch(/EMBARK_PUBLIC_URL/);
  });

  it('escapes the customer name in the reply', () => {
    const { state } = fixture({ customer: '@everyone <b>x</b>' });
    const r = shareCommand({ ...base, state, command: { revoke: false, validForHours: null }, freshNonce: NONCE_A });
    expect(r.reply).not.toMatch(/@everyone|<b>/);
  });
});

describe('parsing /share', () => {
  const one = (line: string) => parseCommands(line);
  it('reads no argument, revoke and a lifetime', () => {
    expect(one('/share').commands[0]).toMatchObject({ name: 'share', revoke: false, validForHours: null });
    expect(one('/share revoke').commands[0]).toMatchObject({ name: 'share', revoke: true });
    expect(one('/share 30d').commands[0]).toMatchObject({ validForHours: 720 });
    expect(one('/share 2 weeks').commands[0]).toMatchObject({ validForHours: 336 });
    expect(one('/share 12h').commands[0]).toMatchObject({ validForHours: 12 });
  });
  it('says what is wrong with anything else', () => {
    expect(one('/share forever').errors[0]!.message).toMatch(/neither a lifetime .* nor `revoke`.*\/share 30d/);
    expect(one('/share 400d').errors[0]!.message).toMatch(/at most 365 days/);
    expect(one('/share 0d').errors[0]!.message).toMatch(/at least 1 hour/);
  });
});

import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PER_MINUTE, mailSettings } from '../../src/mail/settings.js';

const URL = 'smtp://mailer:s3cr%40t@mail.contoso.com:587';

describe('mailSettings', () => {
  it('is off, and says how to turn it on, when nothing is set', () => {
    expect(mailSettings({})).toEqual({
      ok: false,
      misconfigured: false,
      reason: 'customer mail off: set EMBARK_SMTP_URL (like smtp://user:pass@mail.example.com:587) and EMBARK_MAIL_FROM (like Onboarding <onboarding@example.com>)',
    });
  });

  it.each([
    ['a bare address', { EMBARK_SMTP_URL: URL, EMBARK_MAIL_FROM: 'onboarding@Contoso.com' }, { name: '', address: 'onboarding@contoso.com' }, DEFAULT_PER_MINUTE],
    ['Name <address> and a pace', { EMBARK_SMTP_URL: URL, EMBARK_MAIL_FROM: '"Contoso Onboarding" <onboarding@contoso.com>', EMBARK_MAIL_PER_MINUTE: '120' }, { name: 'Contoso Onboarding', address: 'onboarding@contoso.com' }, 120],
  ])('reads %s', (_name, env, from, perMinute) => {
    expect(mailSettings(env)).toEqual({ ok: true, settings: { url: URL, safeUrl: 'smtp://mail.contoso.com:587', from, perMinute } });
  });

  it('accepts smtps://', () => {
    const result = mailSettings({ EMBARK_SMTP_URL: 'smtps://u:p@mail.contoso.com', EMBARK_MAIL_FROM: 'a@contoso.com' });
    expect(result.ok && result.settings.safeUrl).toBe('smtps://mail.contoso.com');
  });

  it.each([
    ['only the from', { EMBARK_MAIL_FROM: 'a@contoso.com' }, /EMBARK_SMTP_URL is not/],
    ['only the URL', { EMBARK_SMTP_URL: URL }, /EMBARK_MAIL_FROM is not/],
    ['a URL that is none', { EMBARK_SMTP_URL: 'mail.contoso.com:587', EMBARK_MAIL_FROM: 'a@contoso.com' }, /must start with smtp:\/\//],
    ['an http URL', { EMBARK_SMTP_URL: 'https://mail.contoso.com', EMBARK_MAIL_FROM: 'a@contoso.com' }, /must start with smtp:\/\/ .* not https:/],
    ['a from that is no address', { EMBARK_SMTP_URL: URL, EMBARK_MAIL_FROM: 'Onboarding' }, /EMBARK_MAIL_FROM: .*exactly one @/],
    ['a from name with a line break', { EMBARK_SMTP_URL: URL, EMBARK_MAIL_FROM: 'On\nboarding <a@contoso.com>' }, /EMBARK_MAIL_FROM: .*one line/],
    ['a pace of zero', { EMBARK_SMTP_URL: URL, EMBARK_MAIL_FROM: 'a@contoso.com', EMBARK_MAIL_PER_MINUTE: '0' }, /EMBARK_MAIL_PER_MINUTE/],
  ])('is misconfigured with %s, and never shows the password', (_name, env, reason) => {
    const result = mailSettings(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.misconfigured).toBe(true);
    expect(result.reason).toMatch(reason);
    expect(result.reason).not.toMatch(/s3cr/);
  });
});

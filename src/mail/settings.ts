/**
 * The mail transport's settings, read once from the environment the entry hands in:
 * `EMBARK_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://user:pass@host:465`),
 * `EMBARK_MAIL_FROM` (`onboarding@contoso.com` or `Contoso Onboarding <onboarding@contoso.com>`)
 * and, optionally, `EMBARK_MAIL_PER_MINUTE` (default 30). Both main ones unset: customer mail is
 * off. The reasons never repeat the URL's password.
 */
import { parseContact } from '../customer/contact.js';

/** Default pace: well under what shared SMTP relays allow a sender (Microsoft 365: 30 a minute). */
export const DEFAULT_PER_MINUTE = 30;

export interface MailSettings {
  /** The SMTP URL as given (credentials included): hand it to the transport only, never log it. */
  url: string;
  /** The URL without credentials, for logs (`smtp://mail.contoso.com:587`). */
  safeUrl: string;
  from: { name: string; address: string };
  /** Messages per minute the queue sends at most. */
  perMinute: number;
}

export type MailSettingsResult =
  | { ok: true; settings: MailSettings }
  /** `misconfigured` is false when mail is simply off (nothing set), true when a setting is wrong. */
  | { ok: false; reason: string; misconfigured: boolean };

const HOW = 'set EMBARK_SMTP_URL (like smtp://user:pass@mail.example.com:587) and EMBARK_MAIL_FROM (like Onboarding <onboarding@example.com>)';

function readFrom(raw: string): { ok: true; name: string; address: string } | { ok: false; error: string } {
  const angled = /^(.*)<([^<>]+)>\s*$/s.exec(raw);
  const name = angled ? angled[1]!.trim().replace(/^"(.*)"$/s, '$1') : '';
  const parsed = parseContact(name, angled ? angled[2]! : raw);
  return parsed.ok ? { ok: true, name: parsed.name, address: parsed.email } : { ok: false, error: parsed.error };
}

/** Customer mail settings from the environment, or why mail is off and how to turn it on. */
export function mailSettings(env: Readonly<Record<string, string | undefined>>): MailSettingsResult {
  const rawUrl = (env.EMBARK_SMTP_URL ?? '').trim();
  const rawFrom = (env.EMBARK_MAIL_FROM ?? '').trim();
  if (rawUrl === '' && rawFrom === '') return { ok: false, reason: `customer mail off: ${HOW}`, misconfigured: false };
  const off = (why: string): MailSettingsResult => ({ ok: false, reason: `customer mail off: ${why}`, misconfigured: true });
  if (rawUrl === '') return off(`EMBARK_MAIL_FROM is set but EMBARK_SMTP_URL is not; ${HOW}`);
  if (rawFrom === '') return off(`EMBARK_SMTP_URL is set but EMBARK_MAIL_FROM is not; ${HOW}`);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return off('EMBARK_SMTP_URL is not a URL; write it like smtp://user:pass@mail.example.com:587 (percent-encode @ or : in the password)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return off(`EMBARK_SMTP_URL must start with smtp:// (STARTTLS when offered, port 587) or smtps:// (TLS, port 465), not ${url.protocol}//`);
  }
  if (url.hostname === '') return off('EMBARK_SMTP_URL names no host; write it like smtp://user:pass@mail.example.com:587');
  const safeUrl = `${url.protocol}//${url.host}`;
  const from = readFrom(rawFrom);
  if (!from.ok) return off(`EMBARK_MAIL_FROM: ${from.error}`);
  const rawPace = (env.EMBARK_MAIL_PER_MINUTE ?? '').trim();
  const perMinute = rawPace === '' ? DEFAULT_PER_MINUTE : Number(rawPace);
  if (!Number.isFinite(perMinute) || perMinute <= 0) return off(`EMBARK_MAIL_PER_MINUTE must be a number above 0 (default ${DEFAULT_PER_MINUTE})`);
  return { ok: true, settings: { url: rawUrl, safeUrl, from: { name: from.name, address: from.address }, perMinute } };
}

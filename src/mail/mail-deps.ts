/**
 * What sending customer mail needs at run time, built once per process: the SMTP transport, the
 * process-wide pace, the backoff on 4xx answers, and where links point. Null in `Deps` when mail
 * is off, and `mailDeps` says why in words the admin can act on.
 */
import type { StatusPageSettings } from '../status-page/settings.js';
import { type BackoffOptions, type Clock, createPacer, type Pacer } from './pace.js';
import { createMailer, type Mailer } from './send.js';
import type { MailSettings, MailSettingsResult } from './settings.js';

export interface MailDeps {
  mailer: Mailer;
  /** One pace for every mail this process sends (`EMBARK_MAIL_PER_MINUTE`). */
  pacer: Pacer;
  backoff: BackoffOptions;
  settings: MailSettings;
  /** Signs the contact's status, unsubscribe and survey links; `publicUrl` is always set. */
  links: { secret: string; publicUrl: string };
}

type PageSettingsResult = { ok: true; settings: StatusPageSettings } | { ok: false; reason: string };

/** Why customer mail is off (`misconfigured`: a setting is wrong, not just unset), or null when it can run. */
export function mailOff(mail: MailSettingsResult, statusPage: PageSettingsResult): { reason: string; misconfigured: boolean } | null {
  if (!mail.ok) return { reason: mail.reason, misconfigured: mail.misconfigured };
  if (statusPage.ok && statusPage.settings.publicUrl) return null;
  return {
    misconfigured: true,
    reason: "customer mail off: every mail links the contact's status page and an unsubscribe link, so set EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL too",
  };
}

/** Mail deps from the settings, or null when mail is off ({@link mailOff} says why). */
export function mailDeps(mail: MailSettingsResult, statusPage: PageSettingsResult, options: { clock?: Clock; backoff?: BackoffOptions } = {}): MailDeps | null {
  if (mailOff(mail, statusPage) || !mail.ok || !statusPage.ok || !statusPage.settings.publicUrl) return null;
  const page = { secret: statusPage.settings.secret, publicUrl: statusPage.settings.publicUrl };
  const clock = options.clock ? { clock: options.clock } : {};
  return {
    mailer: createMailer(mail.settings),
    pacer: createPacer({ perMinute: mail.settings.perMinute, ...clock }),
    backoff: { ...options.backoff, ...clock },
    settings: mail.settings,
    links: page,
  };
}

/**
 * The process's settings, read from the environment once, at start, by one schema; everything
 * below `src/app/` gets them passed in and never reads `process.env`. A value that does not
 * parse falls back to its default with a warning naming the variable and what to write, so a
 * typo in an env file is reported at start instead of silently changing behaviour later.
 */
import { z } from 'zod';
import type { RetrySettings } from '../jobs/retry-policy.js';
import { defaultRetrySettings } from '../jobs/retry-policy.js';
import { type MailSettingsResult, mailSettings } from '../mail/settings.js';
import type { ApiSecrets } from '../start-api/auth.js';
import { type StatusPageSettings, statusPageSettings } from '../status-page/settings.js';

export interface AppSettings {
  /** `REDIS_URL` and `EMBARK_REDIS_PREFIX`; null runs everything in one process. */
  redis: { url: string; prefix: string } | null;
  /** Jobs per process (`EMBARK_CONCURRENCY`). */
  concurrency: number;
  /** `EMBARK_JOB_ATTEMPTS`, `EMBARK_JOB_BACKOFF_MS`. */
  retry: RetrySettings;
  /** `EMBARK_REQUEST_TIMEOUT_MS`: deadline of one GitHub request. */
  requestTimeoutMs: number;
  /** `EMBARK_JOB_LOCK_MS`: how long a replica's claims outlive it (Redis only). */
  lockMs: number;
  sweep: {
    /** `EMBARK_SWEEP_MINUTES`; 0 turns the interval off. */
    minutes: number;
    /** `EMBARK_SWEEP_TOKEN`: bearer of the sweep and job routes; null turns them off. */
    token: string | null;
    /** `EMBARK_REPAIR_DAYS`: how far back the sweep looks for onboardings that never started. */
    repairDays: number;
  };
  /** The status page (`EMBARK_STATUS_SECRET`, `EMBARK_PUBLIC_URL`), or why it is off. */
  statusPage: { ok: true; settings: StatusPageSettings } | { ok: false; reason: string };
  /**
   * Customer mail (`EMBARK_SMTP_URL`, `EMBARK_MAIL_FROM`, `EMBARK_MAIL_PER_MINUTE`), or why it is
   * off. Mail also needs the status page with its public address: every mail links the contact's
   * page and (most) a one-click unsubscribe.
   */
  mail: MailSettingsResult;
  /** `EMBARK_TRUST_PROXY`: rate-limit the status page by `X-Forwarded-For`. */
  trustProxy: boolean;
  /**
   * The start API (`POST /embark/api/onboardings`): `EMBARK_API_TOKEN` (bearer),
   * `EMBARK_API_SECRET` (body signature), `EMBARK_HUBSPOT_SECRET` (HubSpot's v3 signature); off
   * while all three are unset. `publicUrl` (`EMBARK_PUBLIC_URL`) is the address senders call.
   */
  api: { secrets: ApiSecrets; publicUrl: string | null };
  /** `EMBARK_APP_SLUG`: the app's slug, so its own events are known without asking GitHub; null asks once. */
  appSlug: string | null;
  /** Values that did not parse and were replaced by their defaults. */
  warnings: string[];
}

/** A number setting: whole or not, its smallest value, its default. */
interface NumberRule {
  integer: boolean;
  min: number;
  fallback: number;
}

const RULES = {
  EMBARK_CONCURRENCY: { integer: true, min: 1, fallback: 8 },
  EMBARK_JOB_ATTEMPTS: { integer: true, min: 1, fallback: defaultRetrySettings.attempts },
  EMBARK_JOB_BACKOFF_MS: { integer: false, min: 0, fallback: defaultRetrySettings.baseMs },
  EMBARK_REQUEST_TIMEOUT_MS: { integer: false, min: 1, fallback: 30_000 },
  EMBARK_JOB_LOCK_MS: { integer: false, min: 1, fallback: 30_000 },
  EMBARK_SWEEP_MINUTES: { integer: false, min: 0, fallback: 15 },
  EMBARK_REPAIR_DAYS: { integer: true, min: 1, fallback: 7 },
} satisfies Record<string, NumberRule>;

type NumberName = keyof typeof RULES;

/** The one number parser: `VAR=` (set but empty, as env files write it) counts as unset. */
function numberOf(env: NodeJS.ProcessEnv, name: NumberName, warnings: string[]): number {
  const rule: NumberRule = RULES[name];
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return rule.fallback;
  const schema = (rule.integer ? z.coerce.number().int() : z.coerce.number()).min(rule.min);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  warnings.push(`${name}=${JSON.stringify(raw)} is not ${rule.integer ? 'a whole number' : 'a number'} of at least ${rule.min}; using ${rule.fallback}`);
  return rule.fallback;
}

const flag = (value: string | undefined) => value === 'true' || value === '1';
const text = (value: string | undefined) => (value && value.trim() !== '' ? value : null);

/** Read every setting from `env` (pass `process.env` from the entry, a plain object in tests). */
export function readSettings(env: NodeJS.ProcessEnv): AppSettings {
  const warnings: string[] = [];
  const url = text(env.REDIS_URL);
  return {
    redis: url ? { url, prefix: text(env.EMBARK_REDIS_PREFIX) ?? 'embark' } : null,
    concurrency: numberOf(env, 'EMBARK_CONCURRENCY', warnings),
    retry: {
      attempts: numberOf(env, 'EMBARK_JOB_ATTEMPTS', warnings),
      baseMs: numberOf(env, 'EMBARK_JOB_BACKOFF_MS', warnings),
      maxMs: defaultRetrySettings.maxMs,
    },
    requestTimeoutMs: numberOf(env, 'EMBARK_REQUEST_TIMEOUT_MS', warnings),
    lockMs: numberOf(env, 'EMBARK_JOB_LOCK_MS', warnings),
    sweep: {
      minutes: numberOf(env, 'EMBARK_SWEEP_MINUTES', warnings),
      token: text(env.EMBARK_SWEEP_TOKEN),
      repairDays: numberOf(env, 'EMBARK_REPAIR_DAYS', warnings),
    },
    statusPage: statusPageSettings(env),
    mail: mailSettings(env),
    trustProxy: flag(env.EMBARK_TRUST_PROXY),
    api: {
      secrets: { token: text(env.EMBARK_API_TOKEN), secret: text(env.EMBARK_API_SECRET), hubspotSecret: text(env.EMBARK_HUBSPOT_SECRET) },
      publicUrl: publicUrlOf(env.EMBARK_PUBLIC_URL, warnings),
    },
    appSlug: slugOf(env.EMBARK_APP_SLUG, warnings),
    warnings,
  };
}

/** `EMBARK_PUBLIC_URL` as an origin and path without a trailing slash, or null. */
function publicUrlOf(raw: string | undefined, warnings: string[]): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success) {
    warnings.push(`EMBARK_PUBLIC_URL=${JSON.stringify(value)} is not an http(s) URL; write it like https://embark.example.com`);
    return null;
  }
  const url = new URL(parsed.data);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `EMBARK_APP_SLUG`: what follows github.com/apps/ in the app's page (`embark-acme`); `[bot]` may be written. */
function slugOf(raw: string | undefined, warnings: string[]): string | null {
  const value = (raw?.trim() ?? '').replace(/\[bot\]$/, '');
  if (value === '') return null;
  if (/^[a-z0-9][a-z0-9-]{0,33}$/i.test(value)) return value.toLowerCase();
  warnings.push(`EMBARK_APP_SLUG=${JSON.stringify(raw)} is not an app slug (letters, digits and hyphens, as in github.com/apps/<slug>); asking GitHub instead`);
  return null;
}

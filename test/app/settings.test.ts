import { describe, expect, it } from '@jest/globals';
import { readSettings } from '../../src/app/settings.js';
import { defaultRetrySettings } from '../../src/jobs/retry-policy.js';

describe('readSettings: the environment, read once', () => {
  it('gives the documented defaults for an empty environment', () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      redis: null,
      concurrency: 8,
      retry: defaultRetrySettings,
      requestTimeoutMs: 30_000,
      lockMs: 30_000,
      sweep: { minutes: 15, token: null, repairDays: 7 },
      trustProxy: false,
      warnings: [],
    });
    expect(s.statusPage.ok).toBe(false);
    expect(s.mail).toMatchObject({ ok: false, misconfigured: false });
  });

  it('takes every variable at a non-default value', () => {
    const s = readSettings({
      REDIS_URL: 'redis://cache:6379',
      EMBARK_REDIS_PREFIX: 'acme',
      EMBARK_CONCURRENCY: '3',
      EMBARK_JOB_ATTEMPTS: '3',
      EMBARK_JOB_BACKOFF_MS: '250',
      EMBARK_REQUEST_TIMEOUT_MS: '5000',
      EMBARK_JOB_LOCK_MS: '9000',
      EMBARK_SWEEP_MINUTES: '0',
      EMBARK_SWEEP_TOKEN: 'sekret',
      EMBARK_REPAIR_DAYS: '30',
      EMBARK_STATUS_SECRET: 's'.repeat(32),
      EMBARK_PUBLIC_URL: 'https://embark.example.com/',
      EMBARK_TRUST_PROXY: 'true',
      EMBARK_SMTP_URL: 'smtp://u:p@mail.example.com:2525',
      EMBARK_MAIL_FROM: 'Acme Onboarding <onboarding@acme.example>',
      EMBARK_MAIL_PER_MINUTE: '12',
    });
    expect(s).toMatchObject({
      redis: { url: 'redis://cache:6379', prefix: 'acme' },
      concurrency: 3,
      retry: { attempts: 3, baseMs: 250, maxMs: defaultRetrySettings.maxMs },
      requestTimeoutMs: 5000,
      lockMs: 9000,
      sweep: { minutes: 0, token: 'sekret', repairDays: 30 },
      statusPage: { ok: true, settings: { secret: 's'.repeat(32), publicUrl: 'https://embark.example.com' } },
      mail: { ok: true, settings: { url: 'smtp://u:p@mail.example.com:2525', safeUrl: 'smtp://mail.example.com:2525', from: { name: 'Acme Onboarding', address: 'onboarding@acme.example' }, perMinute: 12 } },
      trustProxy: true,
      warnings: [],
    });
  });

  it.each([
    ['a zero backoff (retry at once) is allowed', { EMBARK_JOB_BACKOFF_MS: '0' }, { retry: { ...defaultRetrySettings, baseMs: 0 } }, []],
    ['set but empty (as `VAR=` in an env file) counts as unset', { EMBARK_JOB_ATTEMPTS: '', REDIS_URL: '', EMBARK_SWEEP_TOKEN: '' }, { retry: defaultRetrySettings, redis: null, sweep: { token: null } }, []],
    ['a non-number falls back to the default, with a warning naming it', { EMBARK_JOB_ATTEMPTS: 'many' }, { retry: defaultRetrySettings }, ['EMBARK_JOB_ATTEMPTS="many" is not a whole number of at least 1; using 8']],
    ['fractional attempts and a negative backoff', { EMBARK_JOB_ATTEMPTS: '2.5', EMBARK_JOB_BACKOFF_MS: '-1' }, { retry: defaultRetrySettings }, ['EMBARK_JOB_ATTEMPTS="2.5" is not a whole number of at least 1; using 8', 'EMBARK_JOB_BACKOFF_MS="-1" is not a number of at least 0; using 2000']],
    ['zero attempts', { EMBARK_JOB_ATTEMPTS: '0' }, { retry: defaultRetrySettings }, ['EMBARK_JOB_ATTEMPTS="0" is not a whole number of at least 1; using 8']],
    ['zero repair days', { EMBARK_REPAIR_DAYS: '0' }, { sweep: { repairDays: 7 } }, ['EMBARK_REPAIR_DAYS="0" is not a whole number of at least 1; using 7']],
    ['EMBARK_TRUST_PROXY=1', { EMBARK_TRUST_PROXY: '1' }, { trustProxy: true }, []],
  ])('%s', (_scenario, env, expected, warnings) => {
    const s = readSettings(env);
    expect(s).toMatchObject(expected);
    expect(s.warnings).toEqual(warnings);
  });
});

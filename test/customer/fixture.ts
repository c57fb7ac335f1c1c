/**
 * A small onboarding for the customer-mail tests: state decoded through the real schema (so it is
 * what the status comment would hold), one contact, stage 1 active with two customer items, a
 * UTC business calendar, and a sweep loop that records what it sends the way the executor will.
 */
import { configSchema } from '../../src/config.js';
import { type Contact, contactRef } from '../../src/customer/contact.js';
import type { MailDue } from '../../src/customer/mail-due.js';
import type { CustomerStage } from '../../src/customer/mail-input.js';
import { recordMails } from '../../src/customer/mail-log.js';
import { dueMails } from '../../src/customer/mail-plan.js';
import { type StoredState, storedStateSchema } from '../../src/onboarding/state.js';
import { createCalendar } from '../../src/schedule/calendar.js';

/** Monday 23 November 2026, 09:00 UTC. */
export const T0 = '2026-11-23T09:00:00.000Z';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** `from` plus `ms`, as ISO. */
export const later = (ms: number, from = T0): string => new Date(Date.parse(from) + ms).toISOString();

export const calendar = createCalendar({ timezone: 'UTC', workdays: [1, 2, 3, 4, 5], closed: [], hours: { start: 9, end: 17 } });

export const JANE = 'jane.doe@contoso.com';
export const REF = contactRef(JANE);

export function contact(email = JANE, over: Partial<Contact> = {}): Contact {
  return { name: 'Jane Doe', email, source: 'intake', addedAt: T0, addedBy: 'intake', unsubscribedAt: null, ...over };
}

/** The onboarding's stored state, with `over` applied before decoding. */
export function state(over: Record<string, unknown> = {}): StoredState {
  return storedStateSchema.parse({
    v: 1,
    epic: 7,
    template: { name: 'Managed Services Onboarding', version: 'v2026.11', file: null },
    customer: 'Contoso',
    startedAt: T0,
    roles: { CSM: ['alice'], Engineer: ['bob'] },
    stages: [
      { key: 'stage-1', title: 'Stage 1: Access', number: 1, issue: 2, dueDays: 5, startedAt: T0, completedAt: null },
      { key: 'stage-2', title: 'Stage 2: Setup', number: 2, issue: 3, dueDays: 5, startedAt: null, completedAt: null },
    ],
    checkins: [30, 60, 90],
    contacts: [contact()],
    ...over,
  });
}

export const stage1: CustomerStage = {
  stageKey: 'stage-1',
  title: 'Stage 1: Access',
  active: true,
  startedAt: T0,
  openCustomerItems: ['Sign the `SLA`[^5]', 'Invite us as admin of your tenant'],
  dueAt: '2026-11-30T09:00:00.000Z',
};
export const stage2: CustomerStage = { stageKey: 'stage-2', title: 'Stage 2: Setup', active: false, startedAt: null, openCustomerItems: [] };

/** The `customer` config block with `over` applied, validated. */
export const customerConfig = (over: Record<string, unknown> = {}) => configSchema.parse({ customer: over }).customer;

/** The plan at `now`. */
export function plan(s: StoredState, now: string, options: { stages?: CustomerStage[]; config?: Record<string, unknown> } = {}): MailDue[] {
  return dueMails({ state: s, stages: options.stages ?? [stage1, stage2], config: customerConfig(options.config), calendar, now });
}

/** Sweep at each instant, recording every due mail as sent; returns each sweep's mails by time. */
export function sweep(
  start: StoredState,
  times: readonly string[],
  options: { stages?: CustomerStage[]; config?: Record<string, unknown> } = {},
): { at: string; mails: MailDue[] }[] {
  let s = start;
  const runs: { at: string; mails: MailDue[] }[] = [];
  for (const at of times) {
    const mails = plan(s, at, options);
    s = recordMails(s, { sent: mails, failed: [] });
    if (mails.length > 0) runs.push({ at, mails });
  }
  return runs;
}

/** Instants every `stepMs` from `from` for `spanMs`. */
export function every(stepMs: number, spanMs: number, from = T0): string[] {
  return Array.from({ length: Math.floor(spanMs / stepMs) + 1 }, (_, i) => later(i * stepMs, from));
}

/** A sent-log where the welcome went out already (most rows start after it). */
export const welcomed = { sent: [`welcome:${REF}`, `your-part:stage-1:${REF}`], failed: [] };

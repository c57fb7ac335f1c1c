/**
 * Readers for the small values commands take: item references, GitHub logins, due dates and
 * durations. Each returns the value or a sentence saying what is wrong.
 */
import { stripTrailingPunctuation } from './tokens.js';
import type { DueSpec, Duration, DurationUnit, ItemRef } from './types.js';

/** A value, or the reason it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/**
 * GitHub's login rule: 1-39 letters, digits or single hyphens, not starting or ending with a hyphen.
 * (Some old accounts break the hyphen rules; GitHub no longer allows creating them, so we don't either.)
 */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** True when `login` (without `@`) is a valid GitHub user name. */
export function isGitHubLogin(login: string): boolean {
  return LOGIN.test(login);
}

/** Reads `@login` (trailing punctuation allowed) into the bare login. */
export function readUser(word: string): Read<string> {
  const text = stripTrailingPunctuation(word);
  if (!text.startsWith('@')) return fail(`\`${text}\` is not a user; write users as @login`);
  const login = text.slice(1);
  if (login.includes('/')) return fail(`\`${text}\` is a team; name people instead (@alice)`);
  if (!isGitHubLogin(login)) return fail(`\`${text}\` is not a valid GitHub login`);
  return { ok: true, value: login };
}

/** Reads `3` or `2.3` as a numeric reference; null when `text` is neither. */
export function readNumericItemRef(text: string): Read<ItemRef> | null {
  const plain = stripTrailingPunctuation(text.trim());
  const single = /^(\d{1,4})$/.exec(plain);
  if (single) {
    const item = Number(single[1]);
    return item >= 1 ? { ok: true, value: { kind: 'number', item } } : fail('items are numbered from 1');
  }
  const pair = /^(\d{1,4})\.(\d{1,4})$/.exec(plain);
  if (pair) {
    const item = Number(pair[2]);
    if (item < 1) return fail('items are numbered from 1 within their stage');
    return { ok: true, value: { kind: 'stageItem', stage: Number(pair[1]), item } };
  }
  return null;
}

/** Reads an item reference: a number, `stage.item`, or (otherwise) a text fragment. */
export function readItemRef(text: string, quoted: boolean): Read<ItemRef> {
  if (!quoted) {
    const numeric = readNumericItemRef(text);
    if (numeric) return numeric;
  }
  const fragment = quoted ? text.trim() : stripTrailingPunctuation(text.trim());
  if (fragment === '') return fail('the item is empty');
  return { ok: true, value: { kind: 'text', text: fragment } };
}

const MAX_OFFSET_DAYS = 365;

/** True when `yyyy-mm-dd` names a day that exists (no 2026-02-30). */
function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True when `word` looks like a due date or offset (used to spot `/due 2026-03-31 2`). */
export function looksLikeDue(word: string): boolean {
  return /^(\d{4}-\d{1,2}-\d{1,2}|\+\d+[a-z]*)[.,;:!?]*$/i.test(word);
}

/** Reads `YYYY-MM-DD`, `+N` (business days), `+Nbd`, `+Nd` (calendar days) or `+Nw` (weeks). */
export function readDue(word: string): Read<DueSpec> {
  const text = stripTrailingPunctuation(word.trim());
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isRealDate(year, month, day)) return fail(`${text} is not a real date`);
    const iso = `${date[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return { ok: true, value: { kind: 'date', date: iso } };
  }
  const offset = /^\+(\d{1,4})(bd|d|w)?$/i.exec(text);
  if (offset) {
    const amount = Number(offset[1]);
    const unit = (offset[2] ?? 'bd').toLowerCase();
    if (amount < 1) return fail('the offset must be at least +1');
    const days = unit === 'w' ? amount * 7 : amount;
    if (days > MAX_OFFSET_DAYS) return fail(`${text} is too far ahead; use at most a year`);
    return unit === 'bd'
      ? { ok: true, value: { kind: 'offset', amount, unit: 'businessDays' } }
      : { ok: true, value: { kind: 'offset', amount: days, unit: 'days' } };
  }
  return fail(`\`${text}\` is not a date (YYYY-MM-DD) or an offset (+5 business days, +5d, +2w)`);
}

const UNIT_WORDS: [RegExp, DurationUnit][] = [
  [/^(bd|business ?days?)$/i, 'bd'],
  [/^(m|mins?|minutes?)$/i, 'm'],
  [/^(h|hrs?|hours?)$/i, 'h'],
  [/^(d|days?)$/i, 'd'],
  [/^(w|wks?|weeks?)$/i, 'w'],
];

/** Calendar days one unit spans, to bound snoozes (a business day counted as 7/5 of a day). */
const DAYS_PER_UNIT: Record<DurationUnit, number> = { m: 1 / 1440, h: 1 / 24, d: 1, w: 7, bd: 7 / 5 };

/** Longest snooze, in calendar days: longer pauses are what /block is for. */
export const MAX_SNOOZE_DAYS = 90;

/** Reads `2d`, `4h`, `1w`, `30m`, `3bd`, `2 days`, `4 hours`. */
export function readDuration(text: string): Read<Duration> {
  const plain = stripTrailingPunctuation(text.trim());
  const match = /^(\d{1,6})\s*([a-z ]+)$/i.exec(plain);
  const unit = match ? UNIT_WORDS.find(([pattern]) => pattern.test(match[2]!.trim()))?.[1] : undefined;
  if (!match || !unit) return fail(`\`${plain}\` is not a duration; use 30m, 4h, 2d, 1w or 3bd`);
  const amount = Number(match[1]);
  if (amount < 1) return fail('the duration must be at least 1');
  if (amount * DAYS_PER_UNIT[unit] > MAX_SNOOZE_DAYS) {
    return fail(`snooze for at most ${MAX_SNOOZE_DAYS} days; to pause longer, use /block <reason>`);
  }
  return { ok: true, value: { amount, unit } };
}

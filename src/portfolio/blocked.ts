/**
 * Time an onboarding spent blocked, in business days. The state keeps only the current block;
 * earlier ones are read back from the activity log, where `/block` writes "blocked: <reason>" and
 * `/unblock` writes "unblocked". The log is trimmed to its newest entries, so a block older than
 * the log is not counted: the figure is a lower bound for very long onboardings.
 */
import type { StoredState } from '../onboarding/state.js';
import type { BusinessCalendar } from '../schedule/index.js';

const BLOCKED = /^blocked: /;
const UNBLOCKED = /^unblocked$/;

/** Business days blocked: each block from its start to its end (or `end`, the close or now). */
export function businessDaysBlocked(input: { state: Pick<StoredState, 'log' | 'blocked'>; calendar: BusinessCalendar; end: string }): number {
  const { state, calendar, end } = input;
  const spans: [string, string][] = [];
  let since: string | null = null;
  const chronological = [...state.log].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of chronological) {
    if (BLOCKED.test(entry.text)) since = since ?? entry.at;
    else if (UNBLOCKED.test(entry.text) && since) {
      spans.push([since, entry.at]);
      since = null;
    }
  }
  // The current block is authoritative even when its log entry was trimmed away.
  if (state.blocked) spans.push([since && since < state.blocked.at ? since : state.blocked.at, end]);
  return spans.reduce((n, [from, to]) => n + Math.max(0, calendar.businessDaysBetween(new Date(from), new Date([to, end].sort()[0]!))), 0);
}

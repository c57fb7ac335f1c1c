/**
 * Time an onboarding spent blocked, in business days: the current block, the blocks that ended
 * (kept in the state since `/unblock` records them), and, for states written before that, the
 * blocks read back from the activity log ("blocked: <reason>" ... "unblocked"). A block found in
 * both is counted once.
 */
import type { StoredState } from '../onboarding/state.js';
import type { BusinessCalendar } from '../schedule/index.js';

const BLOCKED = /^blocked: /;
const UNBLOCKED = /^unblocked$/;

/** Business days blocked: each block from its start to its end (or `end`, the close or now). */
export function businessDaysBlocked(input: { state: Pick<StoredState, 'log' | 'blocked' | 'blockedSpans'>; calendar: BusinessCalendar; end: string }): number {
  const { state, calendar, end } = input;
  const kept = state.blockedSpans ?? [];
  const spans: [string, string][] = kept.map((s) => [s.from, s.to]);
  let since: string | null = null;
  const chronological = [...state.log].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of chronological) {
    if (BLOCKED.test(entry.text)) since = since ?? entry.at;
    else if (UNBLOCKED.test(entry.text) && since) {
      const start = since;
      if (!kept.some((s) => s.from === start)) spans.push([start, entry.at]);
      since = null;
    }
  }
  // The current block is authoritative even when its log entry was trimmed away.
  if (state.blocked) spans.push([since && since < state.blocked.at ? since : state.blocked.at, end]);
  return spans.reduce((n, [from, to]) => n + Math.max(0, calendar.businessDaysBetween(new Date(from), new Date([to, end].sort()[0]!))), 0);
}

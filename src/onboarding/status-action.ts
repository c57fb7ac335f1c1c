/**
 * The status comment's text is decided by the core, like every other write: the plan carries the
 * finished body, and the executor only compares and writes it.
 */

import type { BusinessCalendar } from '../schedule/calendar.js';
import { dueInfo } from './due.js';
import type { Action } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import type { StoredState } from './state.js';
import { renderStatusComment } from './status-comment.js';
import type { StageView } from './view.js';

export function statusAction(args: {
  state: StoredState;
  stages: StageView[];
  snapshot: OnboardingSnapshot;
  calendar: BusinessCalendar;
  now: string;
}): Extract<Action, { kind: 'saveStatus' }> {
  const { state, stages, snapshot, calendar } = args;
  const body = renderStatusComment({ state, stages, ...dueInfo(state, stages, calendar, new Date(args.now)) });
  const existing = snapshot.statusComment ? { id: snapshot.statusComment.id, body: snapshot.statusComment.body } : null;
  const duplicates = snapshot.duplicateStatusIds ?? [];
  return { kind: 'saveStatus', epic: snapshot.epic.number, body, existing, ...(duplicates.length > 0 ? { duplicates } : {}) };
}

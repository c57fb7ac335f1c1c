/**
 * A plan is the list of plain actions the pure core asks for. Only `src/github/` executes plans,
 * so dry runs, logs and tests all read the same data.
 */
import type { StoredState } from './state.js';

/** Hidden key that lets a notice comment be recognised on replay, so it is posted once. */
export type NoticeKey = string;

export type Action =
  | { kind: 'closeIssue'; issue: number; reason: 'completed' | 'not_planned' }
  | { kind: 'reopenIssue'; issue: number }
  | { kind: 'setLabels'; issue: number; add: string[]; remove: string[] }
  | { kind: 'addAssignees'; issue: number; assignees: string[] }
  | { kind: 'removeAssignees'; issue: number; assignees: string[] }
  /** Flip one checkbox in place; the executor re-reads the body right before writing. */
  | { kind: 'setCheckbox'; issue: number; target: { text: string; occurrence?: number } | { issueRef: number }; checked: boolean }
  /** Post a comment unless one carrying `key` already exists on that issue. */
  | { kind: 'comment'; issue: number; body: string; key: NoticeKey | null }
  /** Create or update Embark's status comment on the EPIC. */
  | { kind: 'saveStatus'; epic: number; state: StoredState };

/** What a handler decided: the actions to apply, for logs and tests. */
export interface Plan {
  actions: Action[];
  /** Why nothing or something is done, for debug logs. */
  reason: string;
}

/** Count the writes a plan will make (the cost that matters under GitHub's content limits). */
export function countWrites(actions: Action[]): number {
  return actions.reduce((n, a) => {
    if (a.kind === 'setLabels') return n + (a.add.length > 0 ? 1 : 0) + a.remove.length;
    return n + 1;
  }, 0);
}

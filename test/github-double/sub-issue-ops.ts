/** Sub-issue links with GitHub's rules: one parent per issue, at most 100 sub-issues, 8 levels, same owner. */
import { validationFailed } from './errors.js';
import type { Store } from './store.js';
import type { Actor, IssueRecord } from './types.js';

/** GitHub's limit of sub-issues per parent, closed ones included. */
export const MAX_SUB_ISSUES = 100;

/** GitHub's limit on nesting depth. */
export const MAX_DEPTH = 8;

/** Why `parent` cannot take a new, childless sub-issue from a repository owned by `childOwnerId` (or null). */
export function parentProblem(store: Store, parent: IssueRecord, childOwnerId: number): string | null {
  if (parent.sub_issue_ids.length >= MAX_SUB_ISSUES) return `Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`;
  if (store.repoOf(parent).owner.id !== childOwnerId) return 'Sub issue must belong to the same repository owner as the parent issue';
  if (depthOf(store, parent) + 1 > MAX_DEPTH) return `Sub issues cannot be nested more than ${MAX_DEPTH} levels deep`;
  return null;
}

/** Why linking `child` under `parent` is refused (the text of GitHub-like errors), or null. */
export function linkProblem(store: Store, parent: IssueRecord, child: IssueRecord, replaceParent: boolean): string | null {
  if (parent.id === child.id) return 'An issue cannot be a sub-issue of itself';
  if (child.parent_id !== null && !replaceParent) {
    return child.parent_id === parent.id ? 'Sub issue already exists on this issue' : 'Sub issue may only have one parent';
  }
  for (let up = parent; up.parent_id !== null; up = store.issues.get(up.parent_id)!) {
    if (up.parent_id === child.id) return 'Sub issue cannot be an ancestor of the parent issue';
  }
  const problem = parentProblem(store, parent, store.repoOf(child).owner.id);
  if (problem) return problem;
  if (depthOf(store, parent) + height(store, child) > MAX_DEPTH) return `Sub issues cannot be nested more than ${MAX_DEPTH} levels deep`;
  return null;
}

/** 1 for a top-level issue, 2 for its sub-issue, ... */
function depthOf(store: Store, issue: IssueRecord): number {
  let depth = 1;
  for (let up = issue; up.parent_id !== null; up = store.issues.get(up.parent_id)!) depth += 1;
  return depth;
}

function height(store: Store, issue: IssueRecord): number {
  const heights = issue.sub_issue_ids.map((id) => store.issues.get(id)).map((c) => (c ? height(store, c) : 0));
  return 1 + Math.max(0, ...heights);
}

/** Link `child` under `parent` (throws 422 with GitHub's reason); fires `sub_issues` events on both sides. */
export function addSubIssue(store: Store, parent: IssueRecord, child: IssueRecord, actor: Actor, replaceParent = false): void {
  const problem = linkProblem(store, parent, child, replaceParent);
  if (problem) throw validationFailed({ resource: 'Issue', field: 'sub_issue_id', code: 'custom', message: problem });
  if (child.parent_id !== null) {
    const previous = store.issues.get(child.parent_id);
    if (previous) removeSubIssue(store, previous, child, actor);
  }
  parent.sub_issue_ids.push(child.id);
  child.parent_id = parent.id;
  announce(store, parent, child, actor, 'added');
}

/** Unlink; throws 404 when `child` is not a sub-issue of `parent`. */
export function removeSubIssue(store: Store, parent: IssueRecord, child: IssueRecord, actor: Actor): void {
  if (child.parent_id !== parent.id) {
    throw validationFailed({ resource: 'Issue', field: 'sub_issue_id', code: 'invalid', message: 'Sub issue not found' });
  }
  parent.sub_issue_ids = parent.sub_issue_ids.filter((id) => id !== child.id);
  child.parent_id = null;
  announce(store, parent, child, actor, 'removed');
}

/** Move a sub-issue before or after a sibling (or to the end when neither is given). */
export function reprioritize(parent: IssueRecord, childId: number, place: { afterId?: number; beforeId?: number }): void {
  const ids = parent.sub_issue_ids;
  if (!ids.includes(childId)) throw validationFailed({ resource: 'Issue', field: 'sub_issue_id', code: 'invalid' });
  const anchor = place.afterId ?? place.beforeId;
  if (anchor !== undefined && (!ids.includes(anchor) || anchor === childId)) {
    throw validationFailed({ resource: 'Issue', field: place.afterId !== undefined ? 'after_id' : 'before_id', code: 'invalid' });
  }
  const rest = ids.filter((id) => id !== childId);
  const at = anchor === undefined ? rest.length : rest.indexOf(anchor) + (place.afterId !== undefined ? 1 : 0);
  rest.splice(at, 0, childId);
  parent.sub_issue_ids = rest;
}

function announce(store: Store, parent: IssueRecord, child: IssueRecord, actor: Actor, what: 'added' | 'removed'): void {
  store.emit({ name: 'sub_issues', action: `sub_issue_${what}`, repo: store.repoOf(parent), actor, parent, child });
  store.emit({ name: 'sub_issues', action: `parent_issue_${what}`, repo: store.repoOf(child), actor, parent, child });
}

/** Changes to issues, each announcing itself with the webhooks GitHub would send. */
import { validationFailed } from './errors.js';
import type { Store } from './store.js';
import type { Actor, IssueRecord, IssueStateReason, LabelRecord, RepoRecord } from './types.js';

/** GitHub's limit on issue and comment bodies. */
export const MAX_BODY = 65536;

/** GitHub's limit on assignees per issue. */
export const MAX_ASSIGNEES = 10;

/** Fields of a new issue. */
export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  pullRequest?: boolean;
}

/** Fields a PATCH may change; undefined = unchanged. */
export interface IssuePatch {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueStateReason;
  labels?: string[];
  assignees?: string[];
}

/** 422 when a body is over GitHub's limit. */
export function checkBody(resource: string, body: string | null | undefined): void {
  if (body && body.length > MAX_BODY) {
    throw validationFailed({
      resource,
      field: 'body',
      code: 'custom',
      message: `body is too long (maximum is ${MAX_BODY} characters)`,
    });
  }
}

/**
 * Logins that may be assigned: the owner and collaborators with a role (the app's bot too).
 * Others are dropped silently, as GitHub documents for issue creation.
 */
function assignable(store: Store, repo: RepoRecord, logins: string[]): string[] {
  const valid = logins.filter((login) => store.permission(repo, login) !== 'none' && store.findUser(login));
  return [...new Set(valid.map((login) => store.findUser(login)!.login))].slice(0, MAX_ASSIGNEES);
}

/** Create an issue; fires `issues.opened`, then `labeled` per initial label and `assigned` per assignee, as GitHub does. */
export function createIssue(store: Store, repo: RepoRecord, input: NewIssue, actor: Actor): IssueRecord {
  if (!input.title?.trim()) throw validationFailed({ resource: 'Issue', field: 'title', code: 'missing_field' });
  checkBody('Issue', input.body);
  const id = store.nextId();
  const now = store.clock.iso();
  const issue: IssueRecord = {
    id,
    node_id: store.nodeId('issue', id),
    repo: repo.full_name,
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    state: 'open',
    state_reason: null,
    labels: dedupeLabels((input.labels ?? []).map((name) => store.label(repo, name, true)!)),
    assignees: assignable(store, repo, input.assignees ?? []),
    user: actor.user.login,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closed_by: null,
    via_app: actor.viaApp,
    pull_request: input.pullRequest ?? false,
    locked: false,
    deleted: false,
    moved_to: null,
    parent_id: null,
    sub_issue_ids: [],
  };
  store.issues.set(id, issue);
  store.emit({ name: 'issues', action: 'opened', repo, actor, issue });
  for (const label of issue.labels) store.emit({ name: 'issues', action: 'labeled', repo, actor, issue, label });
  for (const login of issue.assignees) store.emit({ name: 'issues', action: 'assigned', repo, actor, issue, assignee: store.user(login) });
  return issue;
}

function dedupeLabels(labels: LabelRecord[]): LabelRecord[] {
  return labels.filter((label, index) => labels.findIndex((l) => l.id === label.id) === index);
}

/** Apply a PATCH; fires edited / closed / reopened / labeled / unlabeled / assigned / unassigned for what changed. */
export function updateIssue(store: Store, issue: IssueRecord, patch: IssuePatch, actor: Actor): IssueRecord {
  const repo = store.repoOf(issue);
  checkBody('Issue', patch.body);
  if (patch.title !== undefined && !String(patch.title).trim()) {
    throw validationFailed({ resource: 'Issue', field: 'title', code: 'missing_field' });
  }
  const changes: Record<string, { from: unknown }> = {};
  if (patch.title !== undefined && patch.title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = String(patch.title);
  }
  if (patch.body !== undefined && patch.body !== issue.body) {
    changes.body = { from: issue.body ?? '' };
    issue.body = patch.body;
  }
  if (Object.keys(changes).length > 0) {
    touch(store, issue);
    store.emit({ name: 'issues', action: 'edited', repo, actor, issue, changes });
  }
  if (patch.state === 'closed' && issue.state === 'open') {
    closeIssue(store, issue, actor, patch.state_reason ?? 'completed');
  } else if (patch.state === 'open' && issue.state === 'closed') {
    reopenIssue(store, issue, actor);
  } else if (patch.state_reason !== undefined && issue.state === 'closed' && patch.state_reason !== issue.state_reason) {
    issue.state_reason = patch.state_reason;
    touch(store, issue);
  }
  if (patch.labels !== undefined) setLabels(store, issue, patch.labels, actor);
  if (patch.assignees !== undefined) {
    const wanted = assignable(store, repo, patch.assignees);
    removeAssignees(store, issue, issue.assignees.filter((a) => !wanted.includes(a)), actor);
    addAssignees(store, issue, wanted, actor);
  }
  return issue;
}

function touch(store: Store, issue: IssueRecord): void {
  issue.updated_at = store.clock.iso();
}

/** Close with a reason; fires `issues.closed`. No-op when already closed. */
export function closeIssue(store: Store, issue: IssueRecord, actor: Actor, reason: IssueStateReason = 'completed'): void {
  if (issue.state === 'closed') return;
  issue.state = 'closed';
  issue.state_reason = reason ?? 'completed';
  issue.closed_at = store.clock.iso();
  issue.closed_by = actor.user.login;
  touch(store, issue);
  store.emit({ name: 'issues', action: 'closed', repo: store.repoOf(issue), actor, issue });
}

/** Reopen; fires `issues.reopened`. No-op when open. */
export function reopenIssue(store: Store, issue: IssueRecord, actor: Actor): void {
  if (issue.state === 'open') return;
  issue.state = 'open';
  issue.state_reason = 'reopened';
  issue.closed_at = null;
  touch(store, issue);
  store.emit({ name: 'issues', action: 'reopened', repo: store.repoOf(issue), actor, issue });
}

/** Add labels by name (unknown names are created); one `issues.labeled` per label added. */
export function addLabels(store: Store, issue: IssueRecord, names: string[], actor: Actor): void {
  const repo = store.repoOf(issue);
  for (const name of names) {
    const label = store.label(repo, name, true)!;
    if (issue.labels.some((l) => l.id === label.id)) continue;
    issue.labels.push(label);
    touch(store, issue);
    store.emit({ name: 'issues', action: 'labeled', repo, actor, issue, label });
  }
}

/** Remove a label by name; fires `issues.unlabeled`. Returns false when the issue did not have it. */
export function removeLabel(store: Store, issue: IssueRecord, name: string, actor: Actor): boolean {
  const index = issue.labels.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
  if (index < 0) return false;
  const [label] = issue.labels.splice(index, 1);
  touch(store, issue);
  store.emit({ name: 'issues', action: 'unlabeled', repo: store.repoOf(issue), actor, issue, label });
  return true;
}

/** Replace the label set. */
export function setLabels(store: Store, issue: IssueRecord, names: string[], actor: Actor): void {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const label of [...issue.labels]) if (!wanted.has(label.name.toLowerCase())) removeLabel(store, issue, label.name, actor);
  addLabels(store, issue, names, actor);
}

/** Add assignees (unassignable logins are dropped silently); one `issues.assigned` each. */
export function addAssignees(store: Store, issue: IssueRecord, logins: string[], actor: Actor): void {
  const repo = store.repoOf(issue);
  for (const login of assignable(store, repo, logins)) {
    if (issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) continue;
    if (issue.assignees.length >= MAX_ASSIGNEES) break;
    issue.assignees.push(login);
    touch(store, issue);
    store.emit({ name: 'issues', action: 'assigned', repo, actor, issue, assignee: store.user(login) });
  }
}

/** Remove assignees; one `issues.unassigned` each. */
export function removeAssignees(store: Store, issue: IssueRecord, logins: string[], actor: Actor): void {
  const repo = store.repoOf(issue);
  for (const login of logins) {
    const index = issue.assignees.findIndex((a) => a.toLowerCase() === login.toLowerCase());
    if (index < 0) continue;
    const [removed] = issue.assignees.splice(index, 1);
    touch(store, issue);
    store.emit({ name: 'issues', action: 'unassigned', repo, actor, issue, assignee: store.user(removed!) });
  }
}

/** Delete an issue (admins only on GitHub): later reads answer 410; sub-issue links go; fires `issues.deleted`. */
export function deleteIssue(store: Store, issue: IssueRecord, actor: Actor): void {
  unlinkAll(store, issue);
  issue.deleted = true;
  store.emit({ name: 'issues', action: 'deleted', repo: store.repoOf(issue), actor, issue });
}

function unlinkAll(store: Store, issue: IssueRecord): void {
  const parent = issue.parent_id ? store.issues.get(issue.parent_id) : undefined;
  if (parent) parent.sub_issue_ids = parent.sub_issue_ids.filter((id) => id !== issue.id);
  for (const childId of issue.sub_issue_ids) {
    const child = store.issues.get(childId);
    if (child) child.parent_id = null;
  }
  issue.parent_id = null;
  issue.sub_issue_ids = [];
}

/**
 * Move an issue to another repository: it gets a new id and number there, keeps its comments and sub-issue
 * links, and the old number answers 301. Fires `issues.transferred` on the old repository and `issues.opened`
 * on the new one.
 */
export function transferIssue(store: Store, issue: IssueRecord, target: RepoRecord, actor: Actor): IssueRecord {
  const from = store.repoOf(issue);
  const id = store.nextId();
  const moved: IssueRecord = {
    ...issue,
    id,
    node_id: store.nodeId('issue', id),
    repo: target.full_name,
    number: target.nextNumber++,
    labels: issue.labels.map((l) => store.label(target, l.name, true)!),
    sub_issue_ids: [...issue.sub_issue_ids],
    assignees: [...issue.assignees],
    updated_at: store.clock.iso(),
  };
  store.issues.set(id, moved);
  const parent = issue.parent_id ? store.issues.get(issue.parent_id) : undefined;
  if (parent) parent.sub_issue_ids = parent.sub_issue_ids.map((c) => (c === issue.id ? id : c));
  for (const childId of issue.sub_issue_ids) {
    const child = store.issues.get(childId);
    if (child) child.parent_id = id;
  }
  for (const comment of store.issueComments(issue.id)) comment.issue_id = id;
  issue.moved_to = { repo: target.full_name, number: moved.number };
  issue.sub_issue_ids = [];
  issue.parent_id = null;
  store.emit({ name: 'issues', action: 'transferred', repo: from, actor, issue, newIssue: moved });
  store.emit({ name: 'issues', action: 'opened', repo: target, actor, issue: moved });
  return moved;
}

/** Changes to issue comments and their reactions, each announced like GitHub does. */
import { ApiError, validationFailed } from './errors.js';
import { checkBody } from './issue-ops.js';
import type { Store } from './store.js';
import type { Actor, CommentRecord, IssueRecord, ReactionContent, ReactionRecord } from './types.js';

/** Add a comment; fires `issue_comment.created` (also for pull requests, as GitHub does). */
export function createComment(store: Store, issue: IssueRecord, body: string, actor: Actor): CommentRecord {
  if (!body?.trim()) throw validationFailed({ resource: 'IssueComment', field: 'body', code: 'missing_field' });
  checkBody('IssueComment', body);
  if (issue.locked && !actor.viaApp) throw new ApiError(403, 'Unable to create comment because issue is locked.');
  const id = store.nextId();
  const now = store.clock.iso();
  const comment: CommentRecord = {
    id,
    node_id: store.nodeId('comment', id),
    issue_id: issue.id,
    body,
    user: actor.user.login,
    created_at: now,
    updated_at: now,
    via_app: actor.viaApp,
    reactions: [],
  };
  store.comments.set(id, comment);
  issue.updated_at = now;
  store.emit({ name: 'issue_comment', action: 'created', repo: store.repoOf(issue), actor, issue, comment });
  return comment;
}

/** Change a comment's body; fires `issue_comment.edited` with `changes.body.from` when it changed. */
export function editComment(store: Store, comment: CommentRecord, body: string, actor: Actor): CommentRecord {
  if (!body?.trim()) throw validationFailed({ resource: 'IssueComment', field: 'body', code: 'missing_field' });
  checkBody('IssueComment', body);
  if (body === comment.body) return comment;
  const from = comment.body;
  comment.body = body;
  comment.updated_at = store.clock.iso();
  comment.last_editor = actor.user.login;
  const issue = store.issues.get(comment.issue_id)!;
  store.emit({
    name: 'issue_comment',
    action: 'edited',
    repo: store.repoOf(issue),
    actor,
    issue,
    comment,
    changes: { body: { from } },
  });
  return comment;
}

/** Delete a comment; fires `issue_comment.deleted`. */
export function deleteComment(store: Store, comment: CommentRecord, actor: Actor): void {
  store.comments.delete(comment.id);
  const issue = store.issues.get(comment.issue_id)!;
  store.emit({ name: 'issue_comment', action: 'deleted', repo: store.repoOf(issue), actor, issue, comment });
}

/** Add a reaction; the same user and content again returns the existing one (GitHub answers 200 instead of 201). */
export function react(
  store: Store,
  comment: CommentRecord,
  content: ReactionContent,
  actor: Actor,
): { reaction: ReactionRecord; created: boolean } {
  const existing = comment.reactions.find((r) => r.user === actor.user.login && r.content === content);
  if (existing) return { reaction: existing, created: false };
  const id = store.nextId();
  const reaction: ReactionRecord = {
    id,
    node_id: `REA_lADO${Buffer.from(`reaction:${id}`).toString('base64url')}`,
    content,
    user: actor.user.login,
    created_at: store.clock.iso(),
  };
  comment.reactions.push(reaction);
  return { reaction, created: true };
}

/** Domain events -> GitHub webhook payloads (snapshotted when the event happens). */
import type { Serializer } from './serialize.js';
import type { DomainEvent } from './types.js';

/** Node id GitHub gives installations in webhook payloads. */
export const installationNodeId = (id: number): string => `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${id}`;

/** The payload GitHub sends for `event`, with `repository`, `sender` and `installation` like every app delivery. */
export function webhookPayload(s: Serializer, event: DomainEvent): Record<string, unknown> {
  const { repo } = event;
  const specific: Record<string, unknown> = {};
  if (event.name === 'sub_issues') {
    const parent = event.parent!;
    const child = event.child!;
    Object.assign(specific, {
      sub_issue_id: child.id,
      sub_issue: s.issue(child),
      sub_issue_repo: s.repo(s.repoOfIssue(child)),
      parent_issue_id: parent.id,
      parent_issue: s.issue(parent),
      parent_issue_repo: s.repo(s.repoOfIssue(parent)),
    });
  } else {
    if (event.issue) specific.issue = s.issue(event.issue);
    if (event.comment) specific.comment = s.comment(event.comment);
    if (event.label) specific.label = s.label(repo, event.label);
    if (event.assignee) specific.assignee = s.user(event.assignee);
    if (event.changes) specific.changes = event.changes;
    if (event.newIssue) {
      specific.changes = { new_issue: s.issue(event.newIssue), new_repository: s.repo(s.repoOfIssue(event.newIssue)) };
    }
  }
  return {
    action: event.action,
    ...specific,
    repository: s.repo(repo),
    sender: s.user(event.actor.user),
    installation: { id: repo.installationId, node_id: installationNodeId(repo.installationId) },
  };
}

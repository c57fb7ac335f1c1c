/** GraphQL mutations. Each is atomic on its own; aliased mutations in one request are not (like GitHub). */
import { createComment } from '../comment-ops.js';
import { GraphQLDomainError } from '../errors.js';
import { addLabels, closeIssue, createIssue, removeLabel, reopenIssue, updateIssue } from '../issue-ops.js';
import { addSubIssue, parentProblem, removeSubIssue } from '../sub-issue-ops.js';
import type { IssueRecord, IssueStateReason, LabelRecord, RepoRecord, UserRecord } from '../types.js';
import { commentView, type GqlContext, issueView, labelView } from './views.js';

type Input = Record<string, unknown> & { clientMutationId?: string };
type Resolver = (args: { input: Input }, ctx: GqlContext) => Record<string, unknown>;

const unresolved = (id: unknown): GraphQLDomainError =>
  new GraphQLDomainError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);

function issueNode(ctx: GqlContext, id: unknown): IssueRecord {
  const ref = ctx.store.nodes.get(String(id));
  const issue = ref?.kind === 'issue' ? ctx.store.issueById(Number(ref.key)) : undefined;
  if (!issue) throw unresolved(id);
  return issue;
}

function repoNode(ctx: GqlContext, id: unknown): RepoRecord {
  const ref = ctx.store.nodes.get(String(id));
  const repo = ref?.kind === 'repo' ? [...ctx.store.repos.values()].find((r) => r.id === Number(ref.key)) : undefined;
  if (!repo) throw unresolved(id);
  return repo;
}

function userNode(ctx: GqlContext, id: unknown): UserRecord {
  const ref = ctx.store.nodes.get(String(id));
  const user = ref?.kind === 'user' ? ctx.store.findUser(String(ref.key)) : undefined;
  if (!user) throw unresolved(id);
  return user;
}

function labelNode(repo: RepoRecord, id: unknown): LabelRecord {
  const label = [...repo.labels.values()].find((l) => l.node_id === id);
  if (!label) throw unresolved(id);
  return label;
}

const ids = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An issue type of the repository's organisation, by node id. */
function issueTypeOf(ctx: GqlContext, repo: RepoRecord, id: unknown): string {
  const types = ctx.store.issueTypes.get(repo.owner.login.toLowerCase()) ?? [];
  const found = types.find((t) => t.node_id === id);
  if (!found) throw unresolved(id);
  return found.node_id;
}

function subIssueOff(ctx: GqlContext, what: string): void {
  if (!ctx.subIssues) throw new GraphQLDomainError('argumentNotAccepted', `InputObject '${what}' doesn't accept argument 'parentIssueId'`);
}

/** Mutation resolvers for the root value. */
export const mutations: Record<string, Resolver> = {
  createIssue: ({ input }, ctx) => {
    const repo = repoNode(ctx, input.repositoryId);
    const assignees = ids(input.assigneeIds).map((id) => userNode(ctx, id).login);
    const labels = ids(input.labelIds).map((id) => labelNode(repo, id).name);
    let parent: IssueRecord | undefined;
    if (input.parentIssueId != null) {
      subIssueOff(ctx, 'CreateIssueInput');
      parent = issueNode(ctx, input.parentIssueId);
      // Check the link before creating, so a refused link creates nothing: GitHub's createIssue is atomic.
      const problem = parentProblem(ctx.store, parent, repo.owner.id);
      if (problem) throw new GraphQLDomainError('UNPROCESSABLE', problem);
    }
    const issue = createIssue(ctx.store, repo, { title: String(input.title), body: (input.body as string) ?? '', labels, assignees }, ctx.viewer);
    if (parent) addSubIssue(ctx.store, parent, issue, ctx.viewer);
    if (input.issueTypeId != null) issue.issue_type = issueTypeOf(ctx, repo, input.issueTypeId);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue) };
  },

  updateIssue: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.id);
    const repo = ctx.store.repoOf(issue);
    updateIssue(
      ctx.store,
      issue,
      {
        title: input.title as string | undefined,
        body: input.body as string | undefined,
        state: typeof input.state === 'string' ? (input.state.toLowerCase() as 'open' | 'closed') : undefined,
        labels: input.labelIds ? ids(input.labelIds).map((id) => labelNode(repo, id).name) : undefined,
        assignees: input.assigneeIds ? ids(input.assigneeIds).map((id) => userNode(ctx, id).login) : undefined,
      },
      ctx.viewer,
    );
    if (input.issueTypeId != null) issue.issue_type = issueTypeOf(ctx, repo, input.issueTypeId);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue) };
  },

  closeIssue: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.issueId);
    const reason = typeof input.stateReason === 'string' ? (input.stateReason.toLowerCase() as IssueStateReason) : 'completed';
    closeIssue(ctx.store, issue, ctx.viewer, reason);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue) };
  },

  reopenIssue: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.issueId);
    reopenIssue(ctx.store, issue, ctx.viewer);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue) };
  },

  addComment: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.subjectId);
    const comment = createComment(ctx.store, issue, String(input.body), ctx.viewer);
    const edge = { cursor: Buffer.from(`cursor:v2:${comment.id}`).toString('base64'), node: commentView(ctx, comment) };
    return { clientMutationId: input.clientMutationId ?? null, commentEdge: edge, subject: issueView(ctx, issue), timelineEdge: edge };
  },

  addSubIssue: ({ input }, ctx) => {
    const parent = issueNode(ctx, input.issueId);
    const child = input.subIssueId ? issueNode(ctx, input.subIssueId) : issueByUrl(ctx, String(input.subIssueUrl ?? ''));
    addSubIssue(ctx.store, parent, child, ctx.viewer, input.replaceParent === true);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, parent), subIssue: issueView(ctx, child) };
  },

  addBlockedBy: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.issueId);
    const blocking = issueNode(ctx, input.blockingIssueId);
    const list = issue.blocked_by_ids ?? [];
    if (issue.id === blocking.id) throw new GraphQLDomainError('UNPROCESSABLE', 'An issue cannot be blocked by itself');
    if (list.includes(blocking.id)) throw new GraphQLDomainError('UNPROCESSABLE', 'Issue is already blocked by this issue');
    // GitHub allows at most 50 issues in each relationship of one issue.
    if (list.length >= 50) throw new GraphQLDomainError('UNPROCESSABLE', 'Issue cannot be blocked by more than 50 issues');
    issue.blocked_by_ids = [...list, blocking.id];
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue), blockingIssue: issueView(ctx, blocking) };
  },

  removeBlockedBy: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.issueId);
    const blocking = issueNode(ctx, input.blockingIssueId);
    issue.blocked_by_ids = (issue.blocked_by_ids ?? []).filter((id) => id !== blocking.id);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, issue), blockingIssue: issueView(ctx, blocking) };
  },

  removeSubIssue: ({ input }, ctx) => {
    const parent = issueNode(ctx, input.issueId);
    const child = issueNode(ctx, input.subIssueId);
    removeSubIssue(ctx.store, parent, child, ctx.viewer);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ctx, parent), subIssue: issueView(ctx, child) };
  },

  createLabel: ({ input }, ctx) => {
    const repo = repoNode(ctx, input.repositoryId);
    if (ctx.store.label(repo, String(input.name), false)) throw new GraphQLDomainError('UNPROCESSABLE', 'Name has already been taken');
    const label = ctx.store.createLabel(repo, { name: String(input.name), color: String(input.color), description: (input.description as string) ?? null });
    return { clientMutationId: input.clientMutationId ?? null, label: labelView(ctx, repo, label) };
  },

  addLabelsToLabelable: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.labelableId);
    const repo = ctx.store.repoOf(issue);
    addLabels(ctx.store, issue, ids(input.labelIds).map((id) => labelNode(repo, id).name), ctx.viewer);
    return { clientMutationId: input.clientMutationId ?? null, labelable: issueView(ctx, issue) };
  },

  removeLabelsFromLabelable: ({ input }, ctx) => {
    const issue = issueNode(ctx, input.labelableId);
    const repo = ctx.store.repoOf(issue);
    for (const id of ids(input.labelIds)) removeLabel(ctx.store, issue, labelNode(repo, id).name, ctx.viewer);
    return { clientMutationId: input.clientMutationId ?? null, labelable: issueView(ctx, issue) };
  },
};

/** `subIssueUrl` as GitHub takes it: `.../owner/repo/issues/N`. */
function issueByUrl(ctx: GqlContext, url: string): IssueRecord {
  const m = /\/([^/]+)\/([^/]+)\/issues\/(\d+)\/?$/.exec(url);
  if (!m) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to an issue with the URL '${url}'`);
  try {
    return ctx.store.issue(ctx.store.repo(m[1]!, m[2]!), Number(m[3]));
  } catch {
    throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to an issue with the URL '${url}'`);
  }
}


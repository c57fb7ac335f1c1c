/**
 * GraphQL objects over the records: plain objects whose fields are values or functions `(args, ctx)`, which
 * graphql-js's default resolver calls. Functions read the store when resolved, so a query sees current state.
 */

import { GraphQLDomainError } from '../errors.js';
import { blobSha, listFolder } from '../rest/repo-routes.js';
import { searchIssues } from '../rest/search-routes.js';
import type { Serializer } from '../serialize.js';
import type { Store } from '../store.js';
import type { Actor, CommentRecord, IssueRecord, LabelRecord, RepoRecord, UserRecord } from '../types.js';
import { type ConnectionArgs, connection } from './connection.js';

/** What resolvers see. */
export interface GqlContext {
  store: Store;
  serializer: Serializer;
  viewer: Actor;
  subIssues: boolean;
  /** False: a server without issue dependencies (absent: it has them). */
  dependencies?: boolean;
}

type View = Record<string, unknown>;
const upper = (value: string | null): string | null => (value ? value.toUpperCase() : null);

/** A user, or the app's bot: GraphQL names bots by the app slug, without GitHub's REST `[bot]` suffix. */
export function actorView(ctx: GqlContext, user: UserRecord | string): View {
  const u = typeof user === 'string' ? ctx.store.user(user) : user;
  const login = u.type === 'Bot' ? u.login.replace(/\[bot\]$/, '') : u.login;
  return {
    __typename: u.type === 'Bot' ? 'Bot' : u.type === 'Organization' ? 'Organization' : 'User',
    id: u.node_id,
    databaseId: u.id,
    login,
    name: login,
    url: `${ctx.serializer.webUrl}/${u.login}`,
    resourcePath: `/${u.login}`,
    avatarUrl: `${ctx.serializer.webUrl}/avatars/${u.id}`,
  };
}

export function labelView(ctx: GqlContext, repo: RepoRecord, label: LabelRecord): View {
  return {
    __typename: 'Label',
    id: label.node_id,
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: false,
    url: `${ctx.serializer.webUrl}/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
    repository: () => repoView(ctx, repo),
  };
}

export function commentView(ctx: GqlContext, comment: CommentRecord): View {
  const issue = ctx.store.issues.get(comment.issue_id)!;
  return {
    __typename: 'IssueComment',
    id: comment.node_id,
    databaseId: comment.id,
    fullDatabaseId: String(comment.id),
    body: comment.body,
    bodyText: comment.body,
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
    lastEditedAt: comment.updated_at === comment.created_at ? null : comment.updated_at,
    url: `${ctx.serializer.webUrl}/${issue.repo}/issues/${issue.number}#issuecomment-${comment.id}`,
    author: () => actorView(ctx, comment.user),
    editor: () => (comment.last_editor ? actorView(ctx, comment.last_editor) : null),
    viewerDidAuthor: comment.user.toLowerCase() === ctx.viewer.user.login.toLowerCase(),
    viewerCanUpdate: true,
    viewerCanDelete: true,
    isMinimized: false,
    issue: () => issueView(ctx, issue),
  };
}

/** Children of an issue, in priority order. */
function children(ctx: GqlContext, issue: IssueRecord): IssueRecord[] {
  return issue.sub_issue_ids.map((id) => ctx.store.issues.get(id)).filter((c): c is IssueRecord => !!c);
}

export function issueView(ctx: GqlContext, issue: IssueRecord): View {
  const repo = ctx.store.repoOf(issue);
  return {
    __typename: issue.pull_request ? 'PullRequest' : 'Issue',
    id: issue.node_id,
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    bodyText: issue.body ?? '',
    state: upper(issue.state),
    stateReason: upper(issue.state_reason),
    closed: issue.state === 'closed',
    closedAt: issue.closed_at,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    locked: issue.locked,
    url: `${ctx.serializer.webUrl}/${repo.full_name}/issues/${issue.number}`,
    resourcePath: `/${repo.full_name}/issues/${issue.number}`,
    viewerDidAuthor: issue.user.toLowerCase() === ctx.viewer.user.login.toLowerCase(),
    viewerCanUpdate: true,
    viewerCanClose: true,
    viewerCanReopen: true,
    author: () => actorView(ctx, issue.user),
    repository: () => repoView(ctx, repo),
    labels: (args: ConnectionArgs) => connection(issue.labels.map((l) => labelView(ctx, repo, l)), args, 'labels'),
    assignees: (args: ConnectionArgs) => connection(issue.assignees.map((a) => actorView(ctx, a)), args, 'assignees'),
    comments: (args: ConnectionArgs) => connection(ctx.store.issueComments(issue.id).map((c) => commentView(ctx, c)), args, 'comments'),
    subIssues: (args: ConnectionArgs) => connection(children(ctx, issue).map((c) => issueView(ctx, c)), args, 'subIssues'),
    issueType: () => {
      const type = (ctx.store.issueTypes.get(repo.owner.login.toLowerCase()) ?? []).find((t) => t.node_id === issue.issue_type);
      return type ? { id: type.node_id, name: type.name, description: type.description, isEnabled: type.is_enabled } : null;
    },
    blockedBy: (args: ConnectionArgs) => connection(dependencyViews(ctx, issue.blocked_by_ids ?? []), args, 'blockedBy'),
    blocking: (args: ConnectionArgs) =>
      connection(dependencyViews(ctx, [...ctx.store.issues.values()].filter((i) => (i.blocked_by_ids ?? []).includes(issue.id)).map((i) => i.id)), args, 'blocking'),
    subIssuesSummary: () => {
      const s = ctx.store.subIssuesSummary(issue);
      return { total: s.total, completed: s.completed, percentCompleted: s.percent_completed };
    },
    parent: () => {
      const parent = issue.parent_id === null ? undefined : ctx.store.issueById(issue.parent_id);
      return parent ? issueView(ctx, parent) : null;
    },
  };
}

/** `HEAD:path` / `<branch>:path` / `<sha>:path` -> Blob, Tree, or null (GitHub answers null for unknown objects). */
function gitObject(repo: RepoRecord, expression: string): View | null {
  const at = expression.indexOf(':');
  const ref = at < 0 ? expression : expression.slice(0, at);
  const path = at < 0 ? null : expression.slice(at + 1).replace(/^\/+|\/+$/g, '');
  if (![repo.default_branch, `refs/heads/${repo.default_branch}`, 'HEAD', repo.head_sha].includes(ref)) return null;
  if (path === null) return { __typename: 'Commit', oid: repo.head_sha, abbreviatedOid: repo.head_sha.slice(0, 7) };
  return pathObject(repo, path);
}

function pathObject(repo: RepoRecord, path: string): View | null {
  const text = repo.files.get(path);
  if (text !== undefined) {
    const oid = blobSha(text);
    return { __typename: 'Blob', oid, abbreviatedOid: oid.slice(0, 7), text, byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false };
  }
  const entries = listFolder(repo, path);
  if (path !== '' && entries.length === 0) return null;
  const oid = blobSha(`tree:${path}`);
  return {
    __typename: 'Tree',
    oid,
    abbreviatedOid: oid.slice(0, 7),
    entries: entries.map((e) => ({
      name: e.path.split('/').pop(),
      path: e.path,
      type: e.type === 'file' ? 'blob' : 'tree',
      mode: e.type === 'file' ? 33188 : 16384,
      oid: e.text === null ? blobSha(`tree:${e.path}`) : blobSha(e.text),
      size: e.text === null ? 0 : Buffer.byteLength(e.text),
      extension: e.type === 'file' && e.path.includes('.') ? `.${e.path.split('.').pop()}` : null,
      isGenerated: false,
      object: () => pathObject(repo, e.path),
    })),
  };
}

interface IssuesArgs extends ConnectionArgs {
  states?: string[] | null;
  labels?: string[] | null;
  filterBy?: { states?: string[]; labels?: string[]; assignee?: string; createdBy?: string; since?: string } | null;
  orderBy?: { field: string; direction: string } | null;
}

function repoIssues(ctx: GqlContext, repo: RepoRecord, args: IssuesArgs): View {
  const states = (args.states ?? args.filterBy?.states ?? []).map((s) => s.toLowerCase());
  const labels = (args.labels ?? args.filterBy?.labels ?? []).map((l) => l.toLowerCase());
  const f = args.filterBy ?? {};
  const field = args.orderBy?.field === 'UPDATED_AT' ? 'updated_at' : 'created_at';
  const issues = ctx.store
    .repoIssues(repo)
    .filter((i) => !i.pull_request)
    .filter((i) => states.length === 0 || states.includes(i.state))
    .filter((i) => labels.length === 0 || i.labels.some((l) => labels.includes(l.name.toLowerCase())))
    .filter((i) => !f.assignee || i.assignees.some((a) => a.toLowerCase() === f.assignee!.toLowerCase()))
    .filter((i) => !f.createdBy || i.user.toLowerCase() === f.createdBy.toLowerCase())
    .filter((i) => !f.since || i.updated_at >= f.since)
    .sort((a, b) => (a[field] === b[field] ? a.number - b.number : a[field] < b[field] ? -1 : 1));
  if (args.orderBy?.direction === 'DESC') issues.reverse();
  return connection(issues.map((i) => issueView(ctx, i)), args, 'issues');
}

export function repoView(ctx: GqlContext, repo: RepoRecord): View {
  return {
    __typename: 'Repository',
    id: repo.node_id,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.full_name,
    isPrivate: repo.private,
    url: `${ctx.serializer.webUrl}/${repo.full_name}`,
    owner: () => actorView(ctx, repo.owner),
    defaultBranchRef: () => ({
      __typename: 'Ref',
      id: `REF_${repo.node_id}`,
      name: repo.default_branch,
      prefix: 'refs/heads/',
      target: { __typename: 'Commit', oid: repo.head_sha, abbreviatedOid: repo.head_sha.slice(0, 7) },
    }),
    object: (args: { expression?: string }) => (args.expression ? gitObject(repo, args.expression) : null),
    issue: (args: { number: number }) => {
      const issue = ctx.store.repoIssues(repo).find((i) => i.number === args.number && !i.pull_request);
      if (!issue) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to an Issue with the number of ${args.number}.`);
      return issueView(ctx, issue);
    },
    issues: (args: IssuesArgs) => repoIssues(ctx, repo, args),
    label: (args: { name: string }) => {
      const label = ctx.store.label(repo, args.name, false);
      return label ? labelView(ctx, repo, label) : null;
    },
    labels: (args: ConnectionArgs & { query?: string | null }) => {
      const q = args.query?.toLowerCase();
      const labels = [...repo.labels.values()].filter((l) => !q || l.name.toLowerCase().includes(q));
      return connection(labels.map((l) => labelView(ctx, repo, l)), args, 'labels');
    },
  };
}

/** `search(query, type: ISSUE)`: same query language and order as REST search. */
export function searchView(ctx: GqlContext, args: ConnectionArgs & { query: string; type: string }): View {
  if (args.type !== 'ISSUE') {
    return { ...connection([], args, 'search'), issueCount: 0, repositoryCount: 0, userCount: 0, discussionCount: 0, wikiCount: 0, codeCount: 0 };
  }
  const hits = searchIssues(ctx.store, args.query);
  return { ...connection(hits.map((i) => issueView(ctx, i)), args, 'search'), issueCount: hits.length, repositoryCount: 0, userCount: 0, discussionCount: 0, wikiCount: 0, codeCount: 0 };
}

/** `node(id)` for issues, comments, repositories, users and labels; null when unknown (as GitHub, plus an error). */
export function nodeView(ctx: GqlContext, id: string): View | null {
  const ref = ctx.store.nodes.get(id);
  if (!ref) return null;
  if (ref.kind === 'issue') {
    const issue = ctx.store.issueById(Number(ref.key));
    return issue ? issueView(ctx, issue) : null;
  }
  if (ref.kind === 'comment') {
    const comment = ctx.store.comments.get(Number(ref.key));
    return comment ? commentView(ctx, comment) : null;
  }
  if (ref.kind === 'repo') {
    const repo = [...ctx.store.repos.values()].find((r) => r.id === Number(ref.key));
    return repo ? repoView(ctx, repo) : null;
  }
  if (ref.kind === 'user') {
    const user = ctx.store.findUser(String(ref.key));
    return user ? actorView(ctx, user) : null;
  }
  for (const repo of ctx.store.repos.values()) {
    const label = [...repo.labels.values()].find((l) => l.id === Number(ref.key));
    if (label) return labelView(ctx, repo, label);
  }
  return null;
}

/** Issues by database id, as views (deleted ones left out). */
function dependencyViews(ctx: GqlContext, ids: number[]): View[] {
  return ids.map((id) => ctx.store.issueById(id)).filter((i): i is IssueRecord => i !== undefined && !i.deleted).map((i) => issueView(ctx, i));
}

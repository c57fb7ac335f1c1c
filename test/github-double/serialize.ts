/** GitHub's REST JSON shapes built from records, with URLs pointing at the double. */
import type { Store } from './store.js';
import type { CommentRecord, IssueRecord, LabelRecord, ReactionRecord, RepoRecord, UserRecord } from './types.js';
import { installationNodeId } from './webhook-payloads.js';

/** The GitHub App the double plays. */
export interface AppInfo {
  id: number;
  slug: string;
  node_id: string;
  name: string;
  created_at: string;
}

type Json = Record<string, unknown>;

/** The account that owns the app: not one of the double's users, so it never shows up in `store.users`. */
const APP_OWNER: UserRecord = { login: 'embark-developers', id: 9_000_001, node_id: 'O_kgDOappowner', type: 'Organization' };

/** Builds REST/webhook JSON. `apiUrl` is `http://host/api/v3`, `webUrl` the double's root (for html_url). */
export class Serializer {
  constructor(
    private readonly store: Store,
    readonly apiUrl: string,
    readonly webUrl: string,
    readonly app: AppInfo,
  ) {}

  user(user: UserRecord | string): Json {
    const u = typeof user === 'string' ? this.store.user(user) : user;
    const url = `${this.apiUrl}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: u.node_id,
      avatar_url: `${this.webUrl}/avatars/${u.id}`,
      gravatar_id: '',
      url,
      html_url: `${this.webUrl}/${u.login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** The repository an issue lives in now. */
  repoOfIssue(issue: IssueRecord): RepoRecord {
    return this.store.repoByFullName(issue.repo);
  }

  appJson(): Json {
    return {
      id: this.app.id,
      slug: this.app.slug,
      node_id: this.app.node_id,
      client_id: `Iv1.${this.app.slug}`,
      owner: this.user(APP_OWNER),
      name: this.app.name,
      description: 'GitHub double stand-in for the app',
      external_url: `${this.webUrl}/apps/${this.app.slug}`,
      html_url: `${this.webUrl}/apps/${this.app.slug}`,
      created_at: this.app.created_at,
      updated_at: this.app.created_at,
      permissions: { issues: 'write', contents: 'read', metadata: 'read', pull_requests: 'read' },
      events: ['issues', 'issue_comment', 'sub_issues'],
      installations_count: this.store.installations.size,
    };
  }

  installation(owner: UserRecord, id: number): Json {
    return {
      id,
      node_id: installationNodeId(id),
      account: this.user(owner),
      repository_selection: 'all',
      access_tokens_url: `${this.apiUrl}/app/installations/${id}/access_tokens`,
      repositories_url: `${this.apiUrl}/installation/repositories`,
      html_url: `${this.webUrl}/settings/installations/${id}`,
      app_id: this.app.id,
      app_slug: this.app.slug,
      target_id: owner.id,
      target_type: owner.type === 'Organization' ? 'Organization' : 'User',
      permissions: { issues: 'write', contents: 'read', metadata: 'read' },
      events: ['issues', 'issue_comment', 'sub_issues'],
      created_at: this.app.created_at,
      updated_at: this.app.created_at,
      single_file_name: null,
      suspended_at: null,
      suspended_by: null,
    };
  }

  repo(repo: RepoRecord): Json {
    const url = `${this.apiUrl}/repos/${repo.full_name}`;
    return {
      id: repo.id,
      node_id: repo.node_id,
      name: repo.name,
      full_name: repo.full_name,
      owner: this.user(repo.owner),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      html_url: `${this.webUrl}/${repo.full_name}`,
      description: null,
      fork: false,
      url,
      issues_url: `${url}/issues{/number}`,
      labels_url: `${url}/labels{/name}`,
      contents_url: `${url}/contents/{+path}`,
      default_branch: repo.default_branch,
      has_issues: true,
      archived: false,
      disabled: false,
      created_at: repo.created_at,
      updated_at: repo.created_at,
      pushed_at: repo.created_at,
      open_issues_count: this.store.repoIssues(repo).filter((i) => i.state === 'open').length,
    };
  }

  label(repo: RepoRecord, label: LabelRecord): Json {
    return {
      id: label.id,
      node_id: label.node_id,
      url: `${this.apiUrl}/repos/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      default: false,
      description: label.description,
    };
  }

  /** How GitHub relates the author to the repository. */
  private association(repo: RepoRecord, login: string): string {
    if (login.toLowerCase() === repo.owner.login.toLowerCase()) return 'OWNER';
    if (repo.collaborators.has(login.toLowerCase())) return 'COLLABORATOR';
    return 'NONE';
  }

  issue(issue: IssueRecord): Json {
    const repo = this.store.repoByFullName(issue.repo);
    const url = `${this.apiUrl}/repos/${repo.full_name}/issues/${issue.number}`;
    const assignees = issue.assignees.map((login) => this.user(login));
    return {
      id: issue.id,
      node_id: issue.node_id,
      url,
      repository_url: `${this.apiUrl}/repos/${repo.full_name}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      timeline_url: `${url}/timeline`,
      html_url: `${this.webUrl}/${repo.full_name}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.state_reason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.user),
      labels: issue.labels.map((label) => this.label(repo, label)),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      locked: issue.locked,
      active_lock_reason: null,
      comments: this.store.issueComments(issue.id).length,
      closed_at: issue.closed_at,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_by: issue.closed_by ? this.user(issue.closed_by) : null,
      author_association: this.association(repo, issue.user),
      performed_via_github_app: issue.via_app ? this.appJson() : null,
      sub_issues_summary: this.store.subIssuesSummary(issue),
      reactions: this.reactionSummary(`${url}/reactions`, []),
      ...(issue.pull_request
        ? { pull_request: { url: `${this.apiUrl}/repos/${repo.full_name}/pulls/${issue.number}`, html_url: `${this.webUrl}/${repo.full_name}/pull/${issue.number}`, diff_url: null, patch_url: null, merged_at: null } }
        : {}),
    };
  }

  comment(comment: CommentRecord): Json {
    const issue = this.store.issues.get(comment.issue_id)!;
    const repo = this.store.repoByFullName(issue.repo);
    const url = `${this.apiUrl}/repos/${repo.full_name}/issues/comments/${comment.id}`;
    return {
      id: comment.id,
      node_id: comment.node_id,
      url,
      html_url: `${this.webUrl}/${repo.full_name}/issues/${issue.number}#issuecomment-${comment.id}`,
      issue_url: `${this.apiUrl}/repos/${repo.full_name}/issues/${issue.number}`,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      author_association: this.association(repo, comment.user),
      performed_via_github_app: comment.via_app ? this.appJson() : null,
      reactions: this.reactionSummary(`${url}/reactions`, comment.reactions),
    };
  }

  reaction(reaction: ReactionRecord): Json {
    return { id: reaction.id, node_id: reaction.node_id, user: this.user(reaction.user), content: reaction.content, created_at: reaction.created_at };
  }

  private reactionSummary(url: string, reactions: ReactionRecord[]): Json {
    const count = (content: string) => reactions.filter((r) => r.content === content).length;
    return {
      url,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      hooray: count('hooray'),
      confused: count('confused'),
      heart: count('heart'),
      rocket: count('rocket'),
      eyes: count('eyes'),
    };
  }
}

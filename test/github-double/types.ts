/** State records and public types of the GitHub double. Records are plain data; REST/GraphQL shapes are built from them. */

/** Fine-grained repository roles, as GitHub names them in `role_name`. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** A GitHub account: a person, the app's bot, or an organization owning repositories. */
export interface UserRecord {
  login: string;
  id: number;
  node_id: string;
  type: 'User' | 'Bot' | 'Organization';
}

/** A repository label. */
export interface LabelRecord {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
}

/** A repository with its files (one branch: the default one), collaborators and labels. */
export interface RepoRecord {
  id: number;
  node_id: string;
  owner: UserRecord;
  name: string;
  full_name: string;
  private: boolean;
  default_branch: string;
  /** Fake commit sha of the default branch; changes whenever a file changes. */
  head_sha: string;
  files: Map<string, string>;
  collaborators: Map<string, Permission>;
  /** Keyed by lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, LabelRecord>;
  /** Issues and pull requests share this counter. */
  nextNumber: number;
  installationId: number;
  created_at: string;
}

export type IssueStateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;

/** An issue (or a pull request, when `pull_request` is true: only as far as issue routes see it). */
export interface IssueRecord {
  id: number;
  node_id: string;
  /** `owner/name` of the repository it lives in now. */
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: IssueStateReason;
  labels: LabelRecord[];
  /** Logins. */
  assignees: string[];
  /** Login of the author. */
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** Created by the app (REST/GraphQL with the app's token): `performed_via_github_app` is set. */
  via_app: boolean;
  pull_request: boolean;
  locked: boolean;
  /** Deleted issues answer 410. */
  deleted: boolean;
  /** Set on the old record after a transfer: the old number answers 301 to the new place. */
  moved_to: { repo: string; number: number } | null;
  /** Database id of the parent issue. */
  parent_id: number | null;
  /** Node id of the issue's organisation issue type, or absent. */
  issue_type?: string;
  /** Database ids of the issues this one is blocked by (issue dependencies); absent: none. */
  blocked_by_ids?: number[];
  /** Database ids of sub-issues, in priority order. */
  sub_issue_ids: number[];
}

/** Reaction contents GitHub accepts. */
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface ReactionRecord {
  id: number;
  node_id: string;
  content: ReactionContent;
  user: string;
  created_at: string;
}

/** An issue comment. */
export interface CommentRecord {
  id: number;
  node_id: string;
  /** Database id of the issue it belongs to. */
  issue_id: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  via_app: boolean;
  reactions: ReactionRecord[];
  /** Login of whoever last edited the body (GraphQL `editor`), null while never edited. */
  last_editor?: string | null;
}

/** Who does a change: a person, or the app (then `user` is the bot and `viaApp` is true). */
export interface Actor {
  user: UserRecord;
  viaApp: boolean;
}

/** A change that GitHub would announce with a webhook. Records are snapshotted when the event is emitted. */
export interface DomainEvent {
  name: 'issues' | 'issue_comment' | 'sub_issues';
  action: string;
  repo: RepoRecord;
  actor: Actor;
  issue?: IssueRecord;
  comment?: CommentRecord;
  label?: LabelRecord;
  assignee?: UserRecord;
  changes?: Record<string, unknown>;
  /** For `sub_issues` events. */
  parent?: IssueRecord;
  child?: IssueRecord;
  /** For `issues.transferred`: the new issue. */
  newIssue?: IssueRecord;
}

/** An organisation's issue type (`GET /orgs/{org}/issue-types`). */
export interface IssueTypeRecord {
  id: number;
  node_id: string;
  name: string;
  description: string | null;
  is_enabled: boolean;
}

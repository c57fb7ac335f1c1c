/** The double's in-memory state: records, lookups and id allocation. Changes go through the *-ops modules. */
import { createHash } from 'node:crypto';
import type { Clock } from './clock.js';
import { ApiError, gone, notFound } from './errors.js';
import { ProjectBoard } from './project-ops.js';
import type { CommentRecord, DomainEvent, IssueRecord, IssueTypeRecord, LabelRecord, Permission, RepoRecord, UserRecord } from './types.js';

/** What a node id points at. */
export type NodeRef = { kind: 'issue' | 'comment' | 'user' | 'repo' | 'label'; key: string | number };

/** Options of {@link Store.addRepo}. */
export interface AddRepoInput {
  owner: string;
  name: string;
  /** Login -> role. The owner is admin without being listed. */
  collaborators?: Record<string, Permission>;
  /** Path -> text, on the default branch. */
  files?: Record<string, string>;
  defaultBranch?: string;
  /** Default true: non-collaborators then have permission `none` (public repos give them `read`). */
  private?: boolean;
}

const NODE_PREFIX: Record<NodeRef['kind'], string> = {
  issue: 'I_kwDO',
  comment: 'IC_kwDO',
  user: 'U_kgDO',
  repo: 'R_kgDO',
  label: 'LA_kwDO',
};

/** Label colors GitHub gives labels created implicitly by naming them on an issue. */
export const DEFAULT_LABEL_COLOR = 'ededed';

/** All state of one double. Lookups throw GitHub's errors so route handlers stay short. */
export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly nodes = new Map<string, NodeRef>();
  /** Issue types per organisation login (lower case); an owner without an entry has none (404). */
  readonly issueTypes = new Map<string, IssueTypeRecord[]>();
  /** Owner login (lower-cased) -> installation id: one installation per account, covering all its repos. */
  readonly installations = new Map<string, number>();
  /** GitHub Projects (v2) of every account, and the app's access to them. */
  readonly projects = new ProjectBoard();
  readonly bot: UserRecord;
  private readonly listeners: Array<(e: DomainEvent) => void> = [];
  private sequence = 1000;

  constructor(
    readonly clock: Clock,
    readonly appSlug: string,
  ) {
    this.bot = this.user(`${appSlug}[bot]`, 'Bot');
  }

  /** A fresh database id (unique across kinds, like GitHub's are in practice). */
  nextId(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** An opaque GraphQL node id for a record, registered for `node(id)` lookups. */
  nodeId(kind: NodeRef['kind'], key: string | number): string {
    const id = NODE_PREFIX[kind] + Buffer.from(`${kind}:${key}`).toString('base64url');
    this.nodes.set(id, { kind, key });
    return id;
  }

  /** The user with that login, created on first mention (people exist once a test names them). */
  user(login: string, type: UserRecord['type'] = 'User'): UserRecord {
    const key = login.toLowerCase();
    const found = this.users.get(key);
    if (found) return found;
    const id = this.nextId();
    const created: UserRecord = { login, id, node_id: this.nodeId('user', key), type };
    this.users.set(key, created);
    return created;
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  /** Subscribe to domain events (the webhook sender does). */
  onEvent(listener: (e: DomainEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(event: DomainEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  addRepo(input: AddRepoInput): RepoRecord {
    const fullName = `${input.owner}/${input.name}`;
    if (this.repos.has(fullName.toLowerCase())) throw new Error(`GitHub double: repository ${fullName} already exists`);
    const owner = this.findUser(input.owner) ?? this.user(input.owner, 'Organization');
    const ownerKey = owner.login.toLowerCase();
    if (!this.installations.has(ownerKey)) this.installations.set(ownerKey, 100 + this.installations.size + 1);
    const id = this.nextId();
    const repo: RepoRecord = {
      id,
      node_id: this.nodeId('repo', id),
      owner,
      name: input.name,
      full_name: fullName,
      private: input.private ?? true,
      default_branch: input.defaultBranch ?? 'main',
      head_sha: '',
      files: new Map(Object.entries(input.files ?? {})),
      collaborators: new Map(),
      labels: new Map(),
      nextNumber: 1,
      installationId: this.installations.get(ownerKey)!,
      created_at: this.clock.iso(),
    };
    for (const [login, role] of Object.entries(input.collaborators ?? {})) {
      repo.collaborators.set(this.user(login).login.toLowerCase(), role);
    }
    this.repos.set(fullName.toLowerCase(), repo);
    this.rehash(repo);
    return repo;
  }

  /** Write (or with `null` delete) a file on the default branch; HEAD moves. */
  setFile(repo: RepoRecord, path: string, content: string | null): void {
    if (content === null) repo.files.delete(path);
    else repo.files.set(path, content);
    this.rehash(repo);
  }

  private rehash(repo: RepoRecord): void {
    const hash = createHash('sha1').update(repo.full_name);
    for (const [path, text] of [...repo.files].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${path}\0${text}\0`);
    repo.head_sha = hash.digest('hex');
  }

  /** The repository or 404. */
  repo(owner: string, name: string): RepoRecord {
    const repo = this.repos.get(`${owner}/${name}`.toLowerCase());
    if (!repo) throw notFound();
    return repo;
  }

  /** The repository by `owner/name`; throws a plain Error for test-helper misuse. */
  repoByFullName(fullName: string): RepoRecord {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`GitHub double: no repository ${fullName}; add it with double.addRepo({ owner, name })`);
    return repo;
  }

  /** The role a login has on a repository: owner = admin, the app = write, listed collaborators, else none/read. */
  permission(repo: RepoRecord, login: string): Permission {
    const key = login.toLowerCase();
    if (key === repo.owner.login.toLowerCase()) return 'admin';
    if (key === this.bot.login.toLowerCase()) return 'write';
    return repo.collaborators.get(key) ?? (repo.private ? 'none' : 'read');
  }

  /** An issue by number: 404 if none, 410 if deleted, 301 (with Location) if transferred. */
  issue(repo: RepoRecord, number: number): IssueRecord {
    const found = [...this.issues.values()].find((i) => i.repo === repo.full_name && i.number === number);
    if (!found) throw notFound();
    if (found.deleted) throw gone();
    if (found.moved_to) {
      const target = this.repoByFullName(found.moved_to.repo);
      const moved = this.issue(target, found.moved_to.number);
      throw new ApiError(301, 'Moved Permanently', undefined, { location: `/repos/${target.full_name}/issues/${moved.number}` });
    }
    return found;
  }

  /** A live issue by database id, or undefined. */
  issueById(id: number): IssueRecord | undefined {
    const found = this.issues.get(id);
    return found && !found.deleted && !found.moved_to ? found : undefined;
  }

  /** Live issues of a repository, oldest first. */
  repoIssues(repo: RepoRecord): IssueRecord[] {
    return [...this.issues.values()].filter((i) => i.repo === repo.full_name && !i.deleted && !i.moved_to);
  }

  /** Comments of an issue, oldest first. */
  issueComments(issueId: number): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.issue_id === issueId);
  }

  /** A comment of the repository or 404. */
  comment(repo: RepoRecord, id: number): CommentRecord {
    const found = this.comments.get(id);
    const issue = found ? this.issues.get(found.issue_id) : undefined;
    if (!found || !issue || issue.repo !== repo.full_name) throw notFound();
    return found;
  }

  /** The repository's label by name (case-insensitive); with `create`, made like GitHub does for unknown names. */
  label(repo: RepoRecord, name: string, create: boolean): LabelRecord | undefined {
    const found = repo.labels.get(name.toLowerCase());
    if (found || !create) return found;
    return this.createLabel(repo, { name, color: DEFAULT_LABEL_COLOR, description: null });
  }

  createLabel(repo: RepoRecord, input: { name: string; color: string; description: string | null }): LabelRecord {
    const id = this.nextId();
    const label: LabelRecord = { id, node_id: this.nodeId('label', id), ...input, color: input.color.replace(/^#/, '') };
    repo.labels.set(input.name.toLowerCase(), label);
    return label;
  }

  /** The repository a record lives in. */
  repoOf(issue: IssueRecord): RepoRecord {
    return this.repoByFullName(issue.repo);
  }

  /** `sub_issues_summary` as GitHub computes it: closed sub-issues count as completed. */
  subIssuesSummary(issue: IssueRecord): { total: number; completed: number; percent_completed: number } {
    const children = issue.sub_issue_ids.map((id) => this.issues.get(id)).filter((c): c is IssueRecord => !!c);
    const completed = children.filter((c) => c.state === 'closed').length;
    const total = children.length;
    return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
  }
}

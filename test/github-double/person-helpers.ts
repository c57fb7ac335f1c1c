/**
 * What a test does "as a person" on GitHub: each helper changes state and fires the webhooks GitHub would,
 * with that person as sender. Helpers return live records (read them, do not change them).
 */
import { createComment, deleteComment, editComment } from './comment-ops.js';
import {
  addAssignees,
  addLabels,
  closeIssue,
  createIssue,
  deleteIssue,
  removeLabel,
  reopenIssue,
  transferIssue,
  updateIssue,
} from './issue-ops.js';
import type { ProjectAccess, ProjectFieldInput, ProjectRecord } from './project-ops.js';
import type { Serializer } from './serialize.js';
import type { AddRepoInput, Store } from './store.js';
import { addSubIssue, removeSubIssue } from './sub-issue-ops.js';
import type { Actor, CommentRecord, IssueRecord, IssueStateReason, RepoRecord } from './types.js';

/** Fields of `openIssue`. */
export interface OpenIssueInput {
  title: string;
  body?: string;
  /** Login of the author. */
  user: string;
  labels?: string[];
  assignees?: string[];
  /** Make it a pull request (issue routes and `issue_comment` see `pull_request`). */
  pullRequest?: boolean;
}

/** Person helpers; `GitHubDouble` extends this. `repo` arguments are `owner/name`. */
export class PersonHelpers {
  constructor(
    /** All state, for inspection. */
    readonly store: Store,
    protected readonly serializer: Serializer,
  ) {}

  private person(login: string): Actor {
    return { user: this.store.user(login), viaApp: false };
  }

  private find(repo: string, number: number): IssueRecord {
    const record = [...this.store.issues.values()].find((i) => i.repo.toLowerCase() === repo.toLowerCase() && i.number === number && !i.moved_to);
    if (!record) throw new Error(`GitHub double: no issue ${repo}#${number}`);
    return record;
  }

  /** Create a repository (no webhook: the app is installed on the whole account). */
  addRepo(input: AddRepoInput): RepoRecord {
    return this.store.addRepo(input);
  }

  /** Write a file on the default branch (`null` deletes it); the HEAD sha changes. */
  setFile(repo: string, path: string, content: string | null): void {
    this.store.setFile(this.store.repoByFullName(repo), path, content);
  }

  /** Set a collaborator's role (`none` removes them). */
  setPermission(repo: string, login: string, role: import('./types.js').Permission): void {
    const record = this.store.repoByFullName(repo);
    const key = this.store.user(login).login.toLowerCase();
    if (role === 'none') record.collaborators.delete(key);
    else record.collaborators.set(key, role);
  }

  /** Open an issue as `input.user`: `issues.opened`. */
  openIssue(repo: string, input: OpenIssueInput): IssueRecord {
    return createIssue(this.store, this.store.repoByFullName(repo), input, this.person(input.user));
  }

  /** Edit title and/or body: `issues.edited` with `changes.{title,body}.from` for what changed. */
  editIssue(repo: string, number: number, patch: { body?: string; title?: string }, user: string): IssueRecord {
    return updateIssue(this.store, this.find(repo, number), patch, this.person(user));
  }

  /** Tick or untick the `index`-th (0-based) task-list box in the body, as a person clicking it would. */
  toggleCheckbox(repo: string, number: number, index: number, user: string): IssueRecord {
    const issue = this.find(repo, number);
    let seen = -1;
    const body = (issue.body ?? '').replace(/^(\s*(?:[-*+]|\d+[.)])\s+\[)([ xX])(\])/gm, (all, head: string, mark: string, tail: string) => {
      seen += 1;
      return seen === index ? `${head}${mark === ' ' ? 'x' : ' '}${tail}` : all;
    });
    if (seen < index) throw new Error(`GitHub double: ${repo}#${number} has no checkbox ${index}`);
    return updateIssue(this.store, issue, { body }, this.person(user));
  }

  closeIssue(repo: string, number: number, user: string, reason: IssueStateReason = 'completed'): IssueRecord {
    const issue = this.find(repo, number);
    closeIssue(this.store, issue, this.person(user), reason);
    return issue;
  }

  reopenIssue(repo: string, number: number, user: string): IssueRecord {
    const issue = this.find(repo, number);
    reopenIssue(this.store, issue, this.person(user));
    return issue;
  }

  /** Delete as `user` (default: the repository owner, since only admins can): later reads answer 410. */
  deleteIssue(repo: string, number: number, user?: string): void {
    const record = this.store.repoByFullName(repo);
    deleteIssue(this.store, this.find(repo, number), this.person(user ?? record.owner.login));
  }

  /** Move to another repository: `issues.transferred` on the old one, `issues.opened` on the new. Returns the new issue. */
  transferIssue(repo: string, number: number, toRepo: string, user?: string): IssueRecord {
    const record = this.store.repoByFullName(repo);
    return transferIssue(this.store, this.find(repo, number), this.store.repoByFullName(toRepo), this.person(user ?? record.owner.login));
  }

  addLabels(repo: string, number: number, labels: string[], user: string): IssueRecord {
    const issue = this.find(repo, number);
    addLabels(this.store, issue, labels, this.person(user));
    return issue;
  }

  removeLabel(repo: string, number: number, label: string, user: string): IssueRecord {
    const issue = this.find(repo, number);
    removeLabel(this.store, issue, label, this.person(user));
    return issue;
  }

  assign(repo: string, number: number, logins: string[], user: string): IssueRecord {
    const issue = this.find(repo, number);
    addAssignees(this.store, issue, logins, this.person(user));
    return issue;
  }

  /** Link `child` under `parent` (both numbers in `repo`) as a person: `sub_issues` events. */
  linkSubIssue(repo: string, parent: number, child: number, user: string): void {
    addSubIssue(this.store, this.find(repo, parent), this.find(repo, child), this.person(user));
  }

  unlinkSubIssue(repo: string, parent: number, child: number, user: string): void {
    removeSubIssue(this.store, this.find(repo, parent), this.find(repo, child), this.person(user));
  }

  /** Comment as `user`: `issue_comment.created`. */
  comment(repo: string, number: number, body: string, user: string): CommentRecord {
    return createComment(this.store, this.find(repo, number), body, this.person(user));
  }

  /** `issue_comment.edited` with `changes.body.from`. */
  editComment(repo: string, commentId: number, body: string, user: string): CommentRecord {
    return editComment(this.store, this.store.comment(this.store.repoByFullName(repo), commentId), body, this.person(user));
  }

  deleteComment(repo: string, commentId: number, user: string): void {
    deleteComment(this.store, this.store.comment(this.store.repoByFullName(repo), commentId), this.person(user));
  }

  /** The issue record (throws when missing; deleted ones are returned with `deleted: true`). */
  issue(repo: string, number: number): IssueRecord {
    return this.find(repo, number);
  }

  /** The issue as GitHub's REST API would return it. */
  issueJson(repo: string, number: number): Record<string, unknown> {
    return this.serializer.issue(this.find(repo, number));
  }

  /** Live issues of a repository, oldest first. */
  issues(repo: string): IssueRecord[] {
    return this.store.repoIssues(this.store.repoByFullName(repo));
  }

  comments(repo: string, number: number): CommentRecord[] {
    return this.store.issueComments(this.find(repo, number).id);
  }

  /** Sub-issues in priority order. */
  subIssues(repo: string, number: number): IssueRecord[] {
    return this.find(repo, number)
      .sub_issue_ids.map((id) => this.store.issues.get(id))
      .filter((i): i is IssueRecord => !!i);
  }

  /** Give an organisation issue types (`GET /orgs/{org}/issue-types` then lists them). */
  setIssueTypes(org: string, names: string[]): void {
    this.store.issueTypes.set(
      org.toLowerCase(),
      names.map((name, i) => ({ id: 900 + i, node_id: `IT_${org}_${name.replace(/\W/g, '')}`, name, description: null, is_enabled: true })),
    );
  }

  /** The name of an issue's issue type, or null. */
  issueTypeOf(repo: string, number: number): string | null {
    const issue = this.find(repo, number);
    const types = this.store.issueTypes.get(issue.repo.split('/')[0]!.toLowerCase()) ?? [];
    return types.find((t) => t.node_id === issue.issue_type)?.name ?? null;
  }

  /** Numbers of the issues this issue is blocked by (issue dependencies), in the order added. */
  blockedBy(repo: string, number: number): number[] {
    return (this.find(repo, number).blocked_by_ids ?? []).map((id) => this.store.issues.get(id)?.number ?? -1);
  }

  /** The parent issue, or null. */
  parentOf(repo: string, number: number): IssueRecord | null {
    const issue = this.find(repo, number);
    return issue.parent_id === null ? null : (this.store.issues.get(issue.parent_id) ?? null);
  }

  /** Create a GitHub Project (v2) under an account, with GitHub's built-in Title and Status fields plus `fields`. */
  addProject(owner: string, input: { title?: string; number?: number; fields?: ProjectFieldInput[] } = {}): ProjectRecord {
    this.store.user(owner, 'Organization');
    return this.store.projects.add(owner, input, this.store.clock.iso());
  }

  /** What the app's installation may do with projects (its "Organization projects" permission). */
  setProjectAccess(access: ProjectAccess): void {
    this.store.projects.appAccess = access;
  }

  private project(owner: string, number: number): ProjectRecord {
    const project = this.store.projects.find(owner, number);
    if (!project) throw new Error(`GitHub double: no project ${owner}/${number}; add it with double.addProject(owner)`);
    return project;
  }

  /** The project's issue items as `owner/name#N` with their values by field name (options by name), in item order. */
  projectItems(owner: string, number: number): { issue: string; values: Record<string, string | number> }[] {
    const project = this.project(owner, number);
    return project.items.map((item) => {
      const issue = this.store.issues.get(item.issueId)!;
      const values: Record<string, string | number> = {};
      for (const f of project.fields) {
        const v = item.values.get(f.id);
        if (v !== undefined) values[f.name] = f.dataType === 'SINGLE_SELECT' ? (f.options.find((o) => o.id === v)?.name ?? String(v)) : v;
      }
      return { issue: `${issue.repo}#${issue.number}`, values };
    });
  }

  /** Set (or with `null` clear) an item's field as a person would in the project's table; options by name. */
  setProjectValue(owner: string, number: number, issue: { repo: string; number: number }, field: string, value: string | null): void {
    const project = this.project(owner, number);
    const f = project.fields.find((x) => x.name.toLowerCase() === field.toLowerCase());
    const item = project.items.find((i) => i.issueId === this.find(issue.repo, issue.number).id);
    if (!f || !item) throw new Error(`GitHub double: project ${owner}/${number} has no field ${field} or no item for ${issue.repo}#${issue.number}`);
    const now = this.store.clock.iso();
    if (value === null) {
      this.store.projects.clearValue(item, f, now);
      return;
    }
    const optionId = f.options.find((o) => o.name === value)?.id;
    const input = f.dataType === 'SINGLE_SELECT' ? { singleSelectOptionId: optionId } : f.dataType === 'DATE' ? { date: value } : f.dataType === 'NUMBER' ? { number: Number(value) } : { text: value };
    this.store.projects.setValue(item, f, input, now);
  }
}

/**
 * The one writer: every GitHub write the app makes is an action of a plan, executed here, with as
 * few requests as possible.
 * - State and label changes of every issue in the plan go out in ONE GraphQL request (aliased
 *   `closeIssue` / `reopenIssue` / `addLabelsToLabelable` / `removeLabelsFromLabelable`). Label
 *   changes are relative, so a label someone added after our read survives (a REST PATCH with
 *   `labels` would replace the whole set from a stale snapshot). All of these are idempotent, so
 *   plugin-retry may re-send them.
 * - Assignees use the relative REST endpoints for the same reason.
 * - Body edits of one issue (checkbox flips, the owners line) re-read the body right before writing
 *   and go out as one write, so text people typed meanwhile survives; with the node id known it
 *   joins the same GraphQL document (`updateIssue`).
 * - Creations (issues, comments) are sent once: `create.ts`.
 * - The status comment is written only when its text changed.
 */
import { readTasks, setCheckbox } from '../checklist/index.js';
import type { Action, LabelSpec } from '../onboarding/plan.js';
import { replaceOwnersLine } from '../render/stage-issue.js';
import { applyDashboard } from './apply-dashboard.js';
import { applyProjectSync, type SyncProjectItem } from './apply-project.js';
import { ONCE, openIssue, postComment } from './create.js';
import { type CreatedIssue, createStageIssues } from './create-stage-issues.js';
import { ensureLabels } from './ensure-labels.js';
import type { Octokit, RepoRef } from './octokit.js';

/** Node ids the executor needs for GraphQL writes, known from the snapshot read. */
export interface KnownIds {
  repository: string | null;
  /** Issue node ids by number. */
  issues: Record<number, string>;
  /** Label node ids by name. */
  labels: Record<string, string>;
  /** User node ids by login (assignees of created stage issues). */
  users: Record<string, string>;
}

export interface ApplyContext extends RepoRef {
  octokit: Octokit;
  ids?: Partial<KnownIds>;
}

export interface ApplyReport {
  /** Write requests sent. */
  writes: number;
  /** Read requests the executor made itself (re-reads before body edits). */
  reads: number;
  skipped: string[];
  /** Stage issues created by `createStageIssues`, and the creations that failed. */
  created: CreatedIssue[];
  createFailures: string[];
  /** Number of the issue opened by `openIssue`. */
  opened: number | null;
  /** Label ids after `ensureLabels` (for the next plan of the same handler). */
  labelIds: Record<string, string>;
}

/** Everything one plan changes on one issue's state, labels and assignees. */
export interface IssueChange {
  state?: 'open' | 'closed';
  reason?: 'completed' | 'not_planned';
  addLabels: string[];
  removeLabels: string[];
  addAssignees: string[];
  removeAssignees: string[];
}

/** Merge per-issue state/label/assignee actions into one change per issue, keeping first-seen order. */
export function foldIssueChanges(actions: Action[]): Map<number, IssueChange> {
  const changes = new Map<number, IssueChange>();
  const changeOf = (n: number) => {
    let c = changes.get(n);
    if (!c) {
      c = { addLabels: [], removeLabels: [], addAssignees: [], removeAssignees: [] };
      changes.set(n, c);
    }
    return c;
  };
  const toggle = (into: string[], out: string[], names: string[]) => {
    for (const n of names) {
      const i = out.indexOf(n);
      if (i >= 0) out.splice(i, 1);
      if (!into.includes(n)) into.push(n);
    }
  };
  for (const a of actions) {
    if (a.kind === 'closeIssue') Object.assign(changeOf(a.issue), { state: 'closed', reason: a.reason });
    else if (a.kind === 'reopenIssue') Object.assign(changeOf(a.issue), { state: 'open', reason: undefined });
    else if (a.kind === 'setLabels') {
      const c = changeOf(a.issue);
      toggle(c.addLabels, c.removeLabels, a.add);
      toggle(c.removeLabels, c.addLabels, a.remove);
    } else if (a.kind === 'addAssignees') toggle(changeOf(a.issue).addAssignees, changeOf(a.issue).removeAssignees, a.assignees);
    else if (a.kind === 'removeAssignees') toggle(changeOf(a.issue).removeAssignees, changeOf(a.issue).addAssignees, a.assignees);
  }
  return changes;
}

/** A body (and title) to write. */
export interface NewBody {
  body: string;
  title?: string;
}

/** What the GraphQL document did for one issue; the rest goes over REST. */
interface Handled {
  state: boolean;
  add: string[];
  remove: string[];
  body: boolean;
}

/**
 * The one GraphQL document for the state and label changes of the issues whose node ids are known;
 * the rest (unknown issue or label ids) is left for REST. Inputs go in variables.
 */
export function buildIssueMutation(
  changes: Map<number, IssueChange>,
  ids: Pick<KnownIds, 'issues' | 'labels'>,
  bodies: Map<number, NewBody> = new Map(),
): { query: string; variables: Record<string, unknown>; handled: Map<number, Handled> } | null {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const handled = new Map<number, Handled>();
  let n = 0;
  const push = (mutation: string, type: string, input: Record<string, unknown>) => {
    const name = `m${n++}`;
    declarations.push(`$${name}: ${type}!`);
    fields.push(`${name}: ${mutation}(input: $${name}) { clientMutationId }`);
    variables[name] = input;
  };
  for (const [issue, b] of bodies) {
    const id = ids.issues[issue];
    if (!id) continue;
    push('updateIssue', 'UpdateIssueInput', { id, body: b.body, ...(b.title ? { title: b.title } : {}) });
    handled.set(issue, { state: false, add: [], remove: [], body: true });
  }
  for (const [issue, c] of changes) {
    const id = ids.issues[issue];
    if (!id) continue;
    const add = c.addLabels.filter((l) => ids.labels[l]);
    const remove = c.removeLabels.filter((l) => ids.labels[l]);
    if (remove.length > 0) push('removeLabelsFromLabelable', 'RemoveLabelsFromLabelableInput', { labelableId: id, labelIds: remove.map((l) => ids.labels[l]) });
    if (add.length > 0) push('addLabelsToLabelable', 'AddLabelsToLabelableInput', { labelableId: id, labelIds: add.map((l) => ids.labels[l]) });
    if (c.state === 'closed') push('closeIssue', 'CloseIssueInput', { issueId: id, stateReason: c.reason === 'not_planned' ? 'NOT_PLANNED' : 'COMPLETED' });
    if (c.state === 'open') push('reopenIssue', 'ReopenIssueInput', { issueId: id });
    handled.set(issue, { state: c.state !== undefined, add, remove, body: handled.has(issue) });
  }
  if (fields.length === 0) return null;
  return { query: `mutation EmbarkIssueChanges(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables, handled };
}

/** Apply a plan; returns how many requests it took and what it created. */
export async function applyPlan(ctx: ApplyContext, actions: Action[]): Promise<ApplyReport> {
  const ids: KnownIds = { repository: null, issues: {}, labels: {}, users: {}, ...ctx.ids };
  const report: ApplyReport = { writes: 0, reads: 0, skipped: [], created: [], createFailures: [], opened: null, labelIds: ids.labels };
  await applyCreations(ctx, ids, actions, report);
  report.labelIds = ids.labels;
  const bodies = await newBodies(ctx, actions, report);
  await applyIssueChanges(ctx, ids, actions, bodies, report);
  for (const a of actions) {
    if (a.kind === 'comment') {
      await postComment(ctx.octokit, { owner: ctx.owner, repo: ctx.repo, issue: a.issue }, a.body);
      report.writes++;
    } else if (a.kind === 'react') {
      await ctx.octokit.rest.reactions.createForIssueComment({ owner: ctx.owner, repo: ctx.repo, comment_id: a.commentId, content: a.content, ...ONCE });
      report.writes++;
    }
  }
  const save = actions.find((a): a is Extract<Action, { kind: 'saveStatus' }> => a.kind === 'saveStatus');
  if (save && (await saveStatus(ctx, save))) report.writes++;
  for (const a of actions) {
    if (a.kind !== 'saveDashboard') continue;
    const done = await applyDashboard(ctx.octokit, { owner: ctx.owner, repo: ctx.repo }, a);
    report.reads += done.reads;
    if (done.wrote) report.writes++;
  }
  const sync = actions.filter((a): a is SyncProjectItem => a.kind === 'syncProjectItem');
  if (sync.length > 0) report.writes += (await applyProjectSync(ctx.octokit, sync)).writes;
  return report;
}

/** Labels, stage issues and new issues first: later actions refer to what they create. */
async function applyCreations(ctx: ApplyContext, ids: KnownIds, actions: Action[], report: ApplyReport): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const labels = actions.flatMap((a) => (a.kind === 'ensureLabels' ? a.labels : []));
  const missing = dedupe(labels).filter((l) => !ids.labels[l.name]);
  if (missing.length > 0 && ids.repository) {
    ids.labels = await ensureLabels(octokit, { repositoryId: ids.repository, existing: ids.labels, wanted: missing });
    report.writes++;
  }
  for (const a of actions) {
    if (a.kind === 'createStageIssues' && a.specs.length > 0) {
      if (!ids.repository) throw new Error('createStageIssues needs the repository id');
      const result = await createStageIssues(octokit, { owner, repo, repositoryId: ids.repository, parent: a.parent, specs: a.specs, labelIds: ids.labels, userIds: ids.users });
      report.writes++;
      report.created.push(...result.created);
      report.createFailures.push(...result.failures);
      for (const c of result.created) ids.issues[c.number] = c.nodeId;
    } else if (a.kind === 'openIssue') {
      report.opened = await openIssue(octokit, { owner, repo }, { title: a.title, body: a.body, labels: a.labels });
      report.writes++;
    }
  }
}

function dedupe(labels: LabelSpec[]): LabelSpec[] {
  return labels.filter((l, i) => labels.findIndex((x) => x.name === l.name) === i);
}

async function applyIssueChanges(ctx: ApplyContext, ids: KnownIds, actions: Action[], bodies: Map<number, NewBody>, report: ApplyReport): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const changes = foldIssueChanges(actions);
  const mutation = buildIssueMutation(changes, ids, bodies);
  if (mutation) {
    await octokit.graphql(mutation.query, mutation.variables);
    report.writes++;
  }
  for (const [issue, b] of bodies) {
    if (mutation?.handled.get(issue)?.body) continue;
    await octokit.rest.issues.update({ owner, repo, issue_number: issue, body: b.body, ...(b.title ? { title: b.title } : {}) });
    report.writes++;
  }
  for (const [issue, c] of changes) {
    const done = mutation?.handled.get(issue);
    const base = { owner, repo, issue_number: issue };
    if (c.state && !done?.state) {
      await octokit.rest.issues.update({ ...base, state: c.state, ...(c.state === 'closed' ? { state_reason: c.reason ?? 'completed' } : { state_reason: 'reopened' as const }) });
      report.writes++;
    }
    const add = c.addLabels.filter((l) => !done?.add.includes(l));
    if (add.length > 0) {
      await octokit.rest.issues.addLabels({ ...base, labels: add });
      report.writes++;
    }
    // Without ids (no snapshot read) labels go one by one; a 404 means the issue did not carry it.
    for (const name of c.removeLabels.filter((l) => !done?.remove.includes(l))) {
      await octokit.rest.issues.removeLabel({ ...base, name }).catch(ignoreNotFound);
      report.writes++;
    }
    if (c.addAssignees.length > 0) {
      await octokit.rest.issues.addAssignees({ ...base, assignees: c.addAssignees.slice(0, 10) });
      report.writes++;
    }
    if (c.removeAssignees.length > 0) {
      await octokit.rest.issues.removeAssignees({ ...base, assignees: c.removeAssignees });
      report.writes++;
    }
  }
}

function ignoreNotFound(error: unknown): void {
  if ((error as { status?: number }).status !== 404) throw error;
}

type BodyEdit = Extract<Action, { kind: 'setCheckbox' | 'setOwnersLine' | 'setBody' }>;

/**
 * The new body of every issue the plan edits, however many edits it has: a body given by the plan
 * is the base (no read); otherwise the body is re-read right before writing. Unchanged bodies are
 * left out.
 */
async function newBodies(ctx: ApplyContext, actions: Action[], report: ApplyReport): Promise<Map<number, NewBody>> {
  const { octokit, owner, repo } = ctx;
  const byIssue = new Map<number, BodyEdit[]>();
  for (const a of actions) {
    if (a.kind !== 'setCheckbox' && a.kind !== 'setOwnersLine' && a.kind !== 'setBody') continue;
    byIssue.set(a.issue, [...(byIssue.get(a.issue) ?? []), a]);
  }
  const out = new Map<number, NewBody>();
  for (const [issue, edits] of byIssue) {
    const set = edits.find((e): e is Extract<BodyEdit, { kind: 'setBody' }> => e.kind === 'setBody');
    let before: string;
    if (set) before = set.body;
    else {
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: issue });
      report.reads++;
      before = data.body ?? '';
    }
    let body = before;
    for (const e of edits) {
      if (e.kind === 'setCheckbox') {
        const next = flip(body, e);
        if (next === null) report.skipped.push(`checkbox on #${issue} already ${e.checked ? 'ticked' : 'clear'} or not found`);
        else body = next;
      } else if (e.kind === 'setOwnersLine') {
        body = replaceOwnersLine(body, e.line);
      }
    }
    if (set || body !== before) out.set(issue, { body, ...(set?.title ? { title: set.title } : {}) });
  }
  return out;
}

/** The body with one checkbox flipped, or null when it is already so or cannot be found. */
function flip(body: string, a: Extract<Action, { kind: 'setCheckbox' }>): string | null {
  let target: { text: string; occurrence?: number } | { index: number };
  if ('issueRef' in a.target) {
    const ref = `#${a.target.issueRef}`;
    const task = readTasks(body).find((t) => t.text.trim() === ref);
    if (!task) return null;
    target = { index: task.index };
  } else {
    target = a.target;
  }
  const result = setCheckbox(body, target, a.checked);
  return result?.changed ? result.body : null;
}

async function saveStatus(ctx: ApplyContext, a: Extract<Action, { kind: 'saveStatus' }>): Promise<boolean> {
  const { octokit, owner, repo } = ctx;
  if (a.existing && a.existing.body === a.body) return false;
  if (a.existing) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: a.existing.id, body: a.body });
  } else {
    await postComment(octokit, { owner, repo, issue: a.epic }, a.body);
  }
  return true;
}

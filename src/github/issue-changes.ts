/**
 * State, label and assignee changes of a plan: folded per issue, then sent as ONE GraphQL document
 * of relative, idempotent mutations (with the plan's body writes), REST for what has no node id.
 * Relative on purpose: a label or assignee someone added after Embark's read stays.
 */
import type { Action } from '../onboarding/plan.js';
import type { NewBody } from './body-edits.js';
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
    push('updateIssue', 'UpdateIssueInput', { id, body: b.body, ...(b.title ? { title: b.title } : {}), ...(b.issueTypeId ? { issueTypeId: b.issueTypeId } : {}) });
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

/** Send the plan's issue changes and new bodies; returns how many write requests it took. */
export async function applyIssueChanges(ctx: RepoRef & { octokit: Octokit }, ids: Pick<KnownIds, 'issues' | 'labels'>, actions: Action[], bodies: Map<number, NewBody>): Promise<number> {
  const { octokit, owner, repo } = ctx;
  let writes = 0;
  const changes = foldIssueChanges(actions);
  const mutation = buildIssueMutation(changes, ids, bodies);
  if (mutation) {
    await octokit.graphql(mutation.query, mutation.variables);
    writes++;
  }
  for (const [issue, b] of bodies) {
    if (mutation?.handled.get(issue)?.body) continue;
    await octokit.rest.issues.update({ owner, repo, issue_number: issue, body: b.body, ...(b.title ? { title: b.title } : {}) });
    writes++;
  }
  for (const [issue, c] of changes) {
    const done = mutation?.handled.get(issue);
    const base = { owner, repo, issue_number: issue };
    if (c.state && !done?.state) {
      await octokit.rest.issues.update({ ...base, state: c.state, ...(c.state === 'closed' ? { state_reason: c.reason ?? 'completed' } : { state_reason: 'reopened' as const }) });
      writes++;
    }
    const add = c.addLabels.filter((l) => !done?.add.includes(l));
    if (add.length > 0) {
      await octokit.rest.issues.addLabels({ ...base, labels: add });
      writes++;
    }
    // Without ids (no snapshot read) labels go one by one; a 404 means the issue did not carry it.
    for (const name of c.removeLabels.filter((l) => !done?.remove.includes(l))) {
      await octokit.rest.issues.removeLabel({ ...base, name }).catch(ignoreNotFound);
      writes++;
    }
    if (c.addAssignees.length > 0) {
      await octokit.rest.issues.addAssignees({ ...base, assignees: c.addAssignees.slice(0, 10) });
      writes++;
    }
    if (c.removeAssignees.length > 0) {
      await octokit.rest.issues.removeAssignees({ ...base, assignees: c.removeAssignees });
      writes++;
    }
  }
  return writes;
}

function ignoreNotFound(error: unknown): void {
  if ((error as { status?: number }).status !== 404) throw error;
}


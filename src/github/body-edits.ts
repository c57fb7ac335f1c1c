/**
 * Body edits of a plan (checkbox flips, the Owners line, intake field values, an upgrade's
 * checklist edits, a whole new body), grouped per issue:
 * whatever the number of edits, one re-read right before writing (none when the plan gives the
 * body) and one new body, so text people typed meanwhile survives.
 */
import { editChecklist } from '../checklist/edit-checklist.js';
import { readTasks, setCheckbox } from '../checklist/index.js';
import type { Action } from '../onboarding/plan.js';
import { replaceOwnersLine } from '../render/stage-issue.js';
import { writeFieldValue } from '../template/field-spans.js';
import type { Octokit, RepoRef } from './octokit.js';

/** A body (and title) to write. */
export interface NewBody {
  body: string;
  title?: string;
  /** An issue type to set with the body (node id). */
  issueTypeId?: string;
}

type BodyEdit = Extract<Action, { kind: 'setCheckbox' | 'setOwnersLine' | 'setField' | 'setBody' | 'editChecklist' }>;

/**
 * A `setField` that no longer fits the body just read: the field is gone, or someone changed its
 * value since the plan read it. Thrown before the plan's first issue write, so nothing of that
 * plan (the value, its log line) is written; the caller tells the person to reload.
 */
export class FieldChangedError extends Error {
  constructor(
    readonly issue: number,
    readonly field: string,
    readonly reason: 'gone' | 'changed',
  ) {
    super(`field "${field}" on #${issue} is ${reason === 'gone' ? 'gone' : 'changed'} since it was read`);
    this.name = 'FieldChangedError';
  }
}

/**
 * The new body of every issue the plan edits, however many edits it has: a body given by the plan
 * is the base (no read); the others are re-read together, in one request, right before writing.
 * Unchanged bodies are left out.
 */
export async function newBodies(ctx: RepoRef & { octokit: Octokit }, actions: Action[], report: { reads: number; skipped: string[] }): Promise<Map<number, NewBody>> {
  const { octokit, owner, repo } = ctx;
  const byIssue = new Map<number, BodyEdit[]>();
  for (const a of actions) {
    if (a.kind !== 'setCheckbox' && a.kind !== 'setOwnersLine' && a.kind !== 'setField' && a.kind !== 'setBody' && a.kind !== 'editChecklist') continue;
    byIssue.set(a.issue, [...(byIssue.get(a.issue) ?? []), a]);
  }
  const toRead = [...byIssue].filter(([, edits]) => !edits.some((e) => e.kind === 'setBody')).map(([issue]) => issue);
  const current = toRead.length > 0 ? await readBodies(octokit, { owner, repo }, toRead) : new Map<number, string>();
  if (toRead.length > 0) report.reads++;
  const out = new Map<number, NewBody>();
  for (const [issue, edits] of byIssue) {
    const set = edits.find((e): e is Extract<BodyEdit, { kind: 'setBody' }> => e.kind === 'setBody');
    const before = set ? set.body : (current.get(issue) ?? '');
    let body = before;
    for (const e of edits) {
      if (e.kind === 'setCheckbox') {
        const next = flip(body, e);
        if (next === null) report.skipped.push(`checkbox on #${issue} already ${e.checked ? 'ticked' : 'clear'} or not found`);
        else body = next;
      } else if (e.kind === 'setOwnersLine') {
        body = replaceOwnersLine(body, e.line);
      } else if (e.kind === 'setField') {
        const written = writeFieldValue(body, { ...e.field, from: e.from }, e.value);
        if (!written.ok) throw new FieldChangedError(issue, e.field.name, written.reason);
        body = written.body;
      } else if (e.kind === 'editChecklist') {
        const edited = editChecklist(body, e.edits);
        body = edited.body;
        for (const m of edited.missed) report.skipped.push(`checklist edit on #${issue}: “${m.kind === 'insert' ? '' : m.target.text}” is no longer there`);
      }
    }
    const title = set?.title ?? edits.find((e): e is Extract<BodyEdit, { kind: 'editChecklist' }> => e.kind === 'editChecklist' && e.title !== undefined)?.title;
    if (set || body !== before || title) out.set(issue, { body, ...(title ? { title } : {}), ...(set?.issueTypeId ? { issueTypeId: set.issueTypeId } : {}) });
  }
  return out;
}

/**
 * The bodies of `issues` as GitHub holds them now, in one request: a REST read for one issue, one
 * aliased GraphQL query for several (an `/assign` touching every open stage of a role).
 */
async function readBodies(octokit: Octokit, ref: RepoRef, issues: number[]): Promise<Map<number, string>> {
  if (issues.length === 1) {
    const { data } = await octokit.rest.issues.get({ owner: ref.owner, repo: ref.repo, issue_number: issues[0]! });
    return new Map([[issues[0]!, data.body ?? '']]);
  }
  const fields = issues.map((n, i) => `i${i}: issue(number: ${n}) { body }`).join('\n    ');
  const data = await octokit.graphql<{ repository: Record<string, { body: string } | null> }>(
    `query EmbarkBodies($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`,
    { owner: ref.owner, name: ref.repo },
  );
  return new Map(issues.map((n, i) => [n, data.repository[`i${i}`]?.body ?? '']));
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


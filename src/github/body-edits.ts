/**
 * Body edits of a plan (checkbox flips, the Owners line, a whole new body), grouped per issue:
 * whatever the number of edits, one re-read right before writing (none when the plan gives the
 * body) and one new body, so text people typed meanwhile survives.
 */
import { readTasks, setCheckbox } from '../checklist/index.js';
import type { Action } from '../onboarding/plan.js';
import { replaceOwnersLine } from '../render/stage-issue.js';
import type { Octokit, RepoRef } from './octokit.js';

/** A body (and title) to write. */
export interface NewBody {
  body: string;
  title?: string;
}

type BodyEdit = Extract<Action, { kind: 'setCheckbox' | 'setOwnersLine' | 'setBody' }>;

/**
 * The new body of every issue the plan edits, however many edits it has: a body given by the plan
 * is the base (no read); otherwise the body is re-read right before writing. Unchanged bodies are
 * left out.
 */
export async function newBodies(ctx: RepoRef & { octokit: Octokit }, actions: Action[], report: { reads: number; skipped: string[] }): Promise<Map<number, NewBody>> {
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


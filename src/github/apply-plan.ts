/**
 * Execute a plan against GitHub with as few writes as possible: every change to one issue
 * (state, labels, assignees) becomes a single PATCH; checkbox flips re-read the body right before
 * writing and change one character; the status comment is written only when its text changed.
 */
import { readTasks, setCheckbox } from '../checklist/index.js';
import type { Action } from '../onboarding/plan.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import { postComment } from './create.js';
import type { Octokit, RepoRef } from './octokit.js';

interface IssuePatch {
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened';
  addLabels: string[];
  removeLabels: string[];
  addAssignees: string[];
  removeAssignees: string[];
}

export interface ApplyContext extends RepoRef {
  octokit: Octokit;
  snapshot: OnboardingSnapshot;
  renderStatus: (state: StoredState) => string;
}

export interface ApplyReport {
  writes: number;
  skipped: string[];
}

function currentOf(snapshot: OnboardingSnapshot, issue: number): { labels: string[]; assignees: string[] } {
  const found = issue === snapshot.epic.number ? snapshot.epic : snapshot.stageIssues.find((s) => s.number === issue);
  return { labels: found?.labels ?? [], assignees: found?.assignees ?? [] };
}

/** Merge per-issue state/label/assignee actions into one patch per issue, keeping first-seen order. */
export function foldIssuePatches(actions: Action[]): Map<number, IssuePatch> {
  const patches = new Map<number, IssuePatch>();
  const patchFor = (n: number) => {
    let p = patches.get(n);
    if (!p) {
      p = { addLabels: [], removeLabels: [], addAssignees: [], removeAssignees: [] };
      patches.set(n, p);
    }
    return p;
  };
  for (const a of actions) {
    if (a.kind === 'closeIssue') Object.assign(patchFor(a.issue), { state: 'closed', state_reason: a.reason });
    else if (a.kind === 'reopenIssue') Object.assign(patchFor(a.issue), { state: 'open', state_reason: 'reopened' });
    else if (a.kind === 'setLabels') {
      const p = patchFor(a.issue);
      p.addLabels.push(...a.add);
      p.removeLabels.push(...a.remove);
    } else if (a.kind === 'addAssignees') patchFor(a.issue).addAssignees.push(...a.assignees);
    else if (a.kind === 'removeAssignees') patchFor(a.issue).removeAssignees.push(...a.assignees);
  }
  return patches;
}

/** Apply a plan; returns how many writes it took. */
export async function applyPlan(ctx: ApplyContext, actions: Action[]): Promise<ApplyReport> {
  const { octokit, owner, repo, snapshot } = ctx;
  const report: ApplyReport = { writes: 0, skipped: [] };
  for (const [issue, p] of foldIssuePatches(actions)) {
    const now = currentOf(snapshot, issue);
    const body: Record<string, unknown> = {};
    if (p.state) {
      body.state = p.state;
      body.state_reason = p.state_reason;
    }
    if (p.addLabels.length > 0 || p.removeLabels.length > 0) {
      body.labels = [...new Set([...now.labels.filter((l) => !p.removeLabels.includes(l)), ...p.addLabels])];
    }
    if (p.addAssignees.length > 0 || p.removeAssignees.length > 0) {
      body.assignees = [...new Set([...now.assignees.filter((a) => !p.removeAssignees.includes(a)), ...p.addAssignees])].slice(0, 10);
    }
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: issue, ...body });
    report.writes++;
  }
  for (const a of actions) {
    if (a.kind === 'setCheckbox') {
      if (await flipCheckbox(ctx, a)) report.writes++;
      else report.skipped.push(`checkbox on #${a.issue} already ${a.checked ? 'ticked' : 'clear'} or not found`);
    } else if (a.kind === 'comment') {
      await postComment(octokit, { owner, repo, issue: a.issue }, a.body);
      report.writes++;
    }
  }
  const save = actions.find((a): a is Extract<Action, { kind: 'saveStatus' }> => a.kind === 'saveStatus');
  if (save && (await saveStatus(ctx, save.epic, save.state))) report.writes++;
  return report;
}

/** Re-read the body just before writing and flip one character, so text people typed survives. */
async function flipCheckbox(ctx: ApplyContext, a: Extract<Action, { kind: 'setCheckbox' }>): Promise<boolean> {
  const { octokit, owner, repo } = ctx;
  const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: a.issue });
  const body = data.body ?? '';
  let target: { text: string; occurrence?: number } | { index: number };
  if ('issueRef' in a.target) {
    const ref = `#${a.target.issueRef}`;
    const task = readTasks(body).find((t) => t.text.trim() === ref);
    if (!task) return false;
    target = { index: task.index };
  } else {
    target = a.target;
  }
  const result = setCheckbox(body, target, a.checked);
  if (!result?.changed) return false;
  await octokit.rest.issues.update({ owner, repo, issue_number: a.issue, body: result.body });
  return true;
}

async function saveStatus(ctx: ApplyContext, epic: number, state: StoredState): Promise<boolean> {
  const { octokit, owner, repo, snapshot } = ctx;
  const body = ctx.renderStatus(state);
  const existing = snapshot.statusComment;
  if (existing && existing.body === body) return false;
  if (existing) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  } else {
    await postComment(octokit, { owner, repo, issue: epic }, body);
  }
  return true;
}

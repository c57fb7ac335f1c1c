/**
 * The stage rules, in one place: completing and reopening a stage, reopening and closing the EPIC,
 * recording a tick. Checkbox edits (through `reconcile`) and slash commands (through
 * `applyCommand`) both state what happened and call these, so a stage closed by `/advance` and one
 * closed by its last tick end in the same state with the same actions.
 *
 * Every function edits a working copy: the snapshot as the plan will leave GitHub, Embark's state,
 * the plan so far and the log entries to add.
 */
import type { Action } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import type { LogEntry, StageState, StoredState } from './state.js';

export interface Work {
  snapshot: OnboardingSnapshot;
  state: StoredState;
  actions: Action[];
  log: LogEntry[];
}

function stageState(work: Work, key: string): StageState {
  const found = work.state.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage "${key}" in this onboarding`);
  return found;
}

function stageIssue(work: Work, key: string) {
  return work.snapshot.stageIssues.find((i) => i.stageKey === key) ?? null;
}

/**
 * A stage is done: its issue closes (unless already closed, e.g. by a person), its completion is
 * recorded once, and the items left open are kept for the summary.
 */
export function completeStage(work: Work, key: string, args: { at: string; leftOpen: string[]; reason?: 'completed' | 'not_planned' }): void {
  const stored = stageState(work, key);
  const issue = stageIssue(work, key);
  if (issue && issue.state === 'open') {
    work.actions.push({ kind: 'closeIssue', issue: issue.number, reason: args.reason ?? 'completed' });
    issue.state = 'closed';
    issue.closedAt = args.at;
  }
  stored.completedAt = stored.completedAt ?? args.at;
  stored.startedAt = stored.startedAt ?? args.at;
  stored.leftOpen = args.leftOpen;
  stored.reopened = false;
}

/**
 * A stage is open again: its issue reopens (unless a person already did), its completion is
 * forgotten, and the EPIC reopens with it. `byPerson` marks a stage a person chose to reopen: it
 * then stays open until someone ticks or closes it, even when every item is ticked.
 */
export function reopenStage(work: Work, key: string, args: { at: string; actor: string; byPerson: boolean }): void {
  const stored = stageState(work, key);
  const issue = stageIssue(work, key);
  if (issue && issue.state === 'closed') {
    work.actions.push({ kind: 'reopenIssue', issue: issue.number });
    issue.state = 'open';
    issue.closedAt = null;
  }
  stored.completedAt = null;
  stored.leftOpen = [];
  stored.startedAt = stored.startedAt ?? args.at;
  if (args.byPerson) stored.reopened = true;
  reopenEpic(work, args.at);
}

/** The EPIC of a finished onboarding reopens when one of its stages does (not a cancelled one). */
export function reopenEpic(work: Work, at: string): void {
  const { snapshot, state } = work;
  if (snapshot.epic.state !== 'closed' || state.cancelled) return;
  work.actions.push({ kind: 'reopenIssue', issue: snapshot.epic.number });
  snapshot.epic.state = 'open';
  state.completedAt = null;
  // The summary is posted again when it completes again.
  state.sent = state.sent.filter((k) => k !== 'summary');
  work.log.push({ at, actor: 'embark', text: 'onboarding reopened', key: `epic-reopen:${at}` });
}

/** Someone ticked (or unticked) an item of a stage: ticks make them a contributor and let it close. */
export function recordTick(work: Work, key: string, args: { actor: string; checked: boolean }): void {
  if (!args.checked) return;
  const stored = stageState(work, key);
  if (!stored.contributors.includes(args.actor)) stored.contributors.push(args.actor);
  stored.reopened = false;
}

/** Close the EPIC and its open stages as not planned. */
export function cancelOnboarding(work: Work, args: { at: string; actor: string; reason: string }): void {
  const { snapshot, state } = work;
  state.cancelled = { reason: args.reason, by: args.actor, at: args.at };
  for (const issue of snapshot.stageIssues.filter((i) => i.state === 'open')) {
    work.actions.push({ kind: 'closeIssue', issue: issue.number, reason: 'not_planned' });
    issue.state = 'closed';
    issue.closedAt = args.at;
  }
  if (snapshot.epic.state === 'open') {
    work.actions.push({ kind: 'closeIssue', issue: snapshot.epic.number, reason: 'not_planned' });
    snapshot.epic.state = 'closed';
  }
}

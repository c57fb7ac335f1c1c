/**
 * The onboarding state machine: (GitHub state now, stored state, event, now) -> new state + plan.
 *
 * It recomputes from what GitHub holds, so applying it twice, late, or out of order converges:
 * 1. fold the event into stored state (log, contributors, hand closes/reopens);
 * 2. walk the stage graph: start every stage whose prerequisites are done (in a linear template, the
 *    frontier stage), close a started stage when its required items are done (work ahead counts:
 *    a pending stage that is already complete closes as soon as it is reached);
 * 3. close the EPIC with a summary once every required stage is done, reopen it when a stage reopens;
 * 4. make labels match each stage's status, and save the status comment.
 */
import type { EmbarkConfig } from '../config.js';
import { readNoticeKey } from '../render/notice-marker.js';
import type { BusinessCalendar } from '../schedule/calendar.js';
import { readyStages } from '../template/stage-graph.js';
import type { ProgressEvent } from './events.js';
import { finishedKeys, onboardingComplete, storedGraph, storedPrerequisites } from './graph.js';
import { renderActivationNotice, renderSummary } from './notices.js';
import type { Action } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import { appendLog, type StoredState } from './state.js';
import { statusAction } from './status-action.js';
import { completeStage, recordTick, reopenStage, type Work } from './transitions.js';
import { deriveStages, type ItemReader, type StageView } from './view.js';

export interface ReconcileInput {
  snapshot: OnboardingSnapshot;
  stored: StoredState;
  event: ProgressEvent;
  now: string;
  labels: EmbarkConfig['labels'];
  readItems: ItemReader;
  /** The repository's business calendar (due dates in the status comment). */
  calendar: BusinessCalendar;
}

export interface ReconcileResult {
  state: StoredState;
  actions: Action[];
  stages: StageView[];
}

/** Work on copies: the snapshot's issue states are updated as the plan closes and reopens issues. */
function cloneInput(input: ReconcileInput): { snapshot: OnboardingSnapshot; state: StoredState } {
  return { snapshot: structuredClone(input.snapshot), state: structuredClone(input.stored) };
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { snapshot, state } = cloneInput(input);
  const { now, labels, readItems } = input;
  const work: Work = { snapshot, state, actions: [], log: [] };
  const { actions, log } = work;
  const issueOf = (n: number) => snapshot.stageIssues.find((s) => s.number === n);
  const stageOfIssue = (n: number) => state.stages.find((s) => s.issue === n);

  // 1. Fold the event in.
  const ev = input.event;
  if (ev.type !== 'recompute') {
    const stage = stageOfIssue(ev.issue);
    const issue = issueOf(ev.issue);
    if (stage && ev.type === 'edited') {
      const current = issue ? readItems(issue.body) : [];
      for (const c of ev.changes) {
        if (c.from === null || c.to === null) continue;
        const verb = c.to ? 'ticked' : 'unticked';
        const text = current.find((i) => sameItem(c.text, i.text))?.text ?? c.text;
        log.push({ at: ev.at, actor: ev.actor, text: `${verb} “${text}” in ${stage.title}`, key: `${ev.issue}:${c.text}:${c.to}:${ev.at}` });
      }
      recordTick(work, stage.key, { actor: ev.actor, checked: ev.changes.some((c) => c.to === true) });
      // An untick in a closed stage reopens it, but only if the box is still unticked now
      // (a late replay of an old untick must not reopen a stage completed since).
      const unticked = ev.changes.filter((c) => c.from === true && c.to === false).map((c) => c.text);
      if (issue && issue.state === 'closed' && unticked.length > 0) {
        const still = readItems(issue.body).some((i) => !i.checked && !i.optional && unticked.some((u) => sameItem(u, i.text)));
        if (still) {
          log.push({ at: ev.at, actor: ev.actor, text: `${stage.title} reopened (an item was unticked)`, key: `reopen:${ev.issue}:${ev.at}` });
          reopenStage(work, stage.key, { at: now, actor: ev.actor, byPerson: false });
        }
      }
    } else if (stage && issue && ev.type === 'closed' && issue.state === 'closed') {
      const open = readItems(issue.body).filter((i) => !i.checked && !i.optional).map((i) => i.text);
      completeStage(work, stage.key, { at: ev.at, leftOpen: open });
      const left = open.length > 0 ? ` with ${open.length} item${open.length === 1 ? '' : 's'} left open` : '';
      log.push({ at: ev.at, actor: ev.actor, text: `closed ${stage.title}${left}`, key: `close:${ev.issue}:${ev.at}` });
    } else if (stage && issue && ev.type === 'reopened' && issue.state === 'open') {
      log.push({ at: ev.at, actor: ev.actor, text: `reopened ${stage.title}`, key: `reopened:${ev.issue}:${ev.at}` });
      reopenStage(work, stage.key, { at: ev.at, actor: ev.actor, byPerson: true });
    } else if (stage && ev.type === 'removed') {
      stage.missing = ev.how;
      log.push({ at: ev.at, actor: ev.actor, text: `${stage.title}: its issue #${ev.issue} was ${ev.how}`, key: `removed:${ev.issue}` });
    }
  }

  const finished = state.cancelled !== null;
  // 2. Walk the stages. Each pass either starts the frontier, closes one stage, or stops.
  let stages = deriveStages(snapshot, state, readItems);
  if (!finished) {
    for (let guard = 0; guard < stages.length * 2 + 2; guard++) {
      const changed = startReady(stages, work, now) || closeCompleted(stages, work, now);
      stages = deriveStages(snapshot, state, readItems);
      if (!changed) break;
    }
  }

  // 3. The EPIC closes with a summary once every required stage is done (it reopened with its
  // stage above); an optional stage still open stays open.
  const allDone = onboardingComplete(stages);
  if (!finished && allDone && snapshot.epic.state === 'open') {
    state.completedAt = state.completedAt ?? now;
    pushNotice(actions, state, snapshot.epic.number, 'summary', renderSummary(state, stages, state.completedAt), snapshot.epicNotices);
    actions.push({ kind: 'closeIssue', issue: snapshot.epic.number, reason: 'completed' });
    log.push({ at: now, actor: 'embark', text: 'onboarding complete', key: `complete:${state.completedAt}` });
  }

  // 4. Labels follow status; only differences are written.
  for (const s of stages) {
    // A stage left out by `/replan` keeps its closed issue as it was.
    if (!s.issue || s.status === 'not-applicable') continue;
    const want = s.status === 'done' ? labels.done : s.status === 'pending' ? labels.pending : labels.active;
    const stale = [labels.done, labels.pending, labels.active].filter((l) => l !== want && s.issue!.labels.includes(l));
    const add = s.issue.labels.includes(want) ? [] : [want];
    if (add.length > 0 || stale.length > 0) actions.push({ kind: 'setLabels', issue: s.issue.number, add, remove: stale });
  }

  // The EPIC's task list of stage links is ticked exactly for the stages that are done.
  const links = readItems(snapshot.epic.body);
  for (const s of stages) {
    if (!s.issue || s.status === 'not-applicable') continue;
    const link = links.find((l) => l.text.trim() === `#${s.issue!.number}`);
    const done = s.status === 'done';
    if (link && link.checked !== done) {
      actions.push({ kind: 'setCheckbox', issue: snapshot.epic.number, target: { issueRef: s.issue.number }, checked: done });
    }
  }

  state.log = appendLog(state.log, log);
  actions.push(statusAction({ state, stages, snapshot, calendar: input.calendar, now }));
  return { state, actions, stages };
}

/**
 * Does a raw task text from a body diff (role marker included: `CSM >> Do x`) name this item
 * (role marker stripped: `Do x`)?
 */
function sameItem(raw: string, itemText: string): boolean {
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();
  const r = norm(raw);
  const i = norm(itemText);
  return r === i || (i.length > 0 && r.endsWith(` ${i}`));
}

/**
 * Start every stage whose prerequisites are finished and that has not started yet: assign its
 * owners and tell them. A stage starts when its last prerequisite finished (the onboarding's
 * start time for the first stages). In a linear template that is the frontier stage alone.
 */
function startReady(stages: StageView[], work: Work, now: string): boolean {
  const { state, actions } = work;
  const pre = storedPrerequisites(state.stages);
  const finished = finishedKeys(stages);
  const ready = new Set(readyStages(storedGraph(state.stages), finished, pre));
  let started = false;
  for (const view of stages) {
    if (!ready.has(view.key) || !view.issue) continue;
    const stored = state.stages.find((s) => s.key === view.key)!;
    if (stored.startedAt) continue;
    const closes = (pre.get(view.key) ?? []).map((k) => state.stages.find((s) => s.key === k)?.completedAt ?? null);
    // ISO instants sort as text: the last prerequisite to finish is the last one sorted.
    stored.startedAt = closes.length > 0 && closes.every((c) => c !== null) ? [...(closes as string[])].sort().at(-1)! : now;
    const owners = [...new Set(Object.values(view.owners).flat())].filter((o) => !view.issue!.assignees.includes(o));
    if (owners.length > 0) actions.push({ kind: 'addAssignees', issue: view.issue.number, assignees: owners.slice(0, 10) });
    const key = `activate:${view.key}`;
    pushNotice(actions, state, view.issue.number, key, renderActivationNotice({ ...view, startedAt: stored.startedAt }, key), view.issue.comments);
    started = true;
  }
  return started;
}

/** Close the first started stage whose required items are all done (unless a person reopened it). */
function closeCompleted(stages: StageView[], work: Work, now: string): boolean {
  const target = stages.find(
    (s) => s.issue && s.issue.state === 'open' && s.startedAt && s.status !== 'reopened' && s.status !== 'not-applicable' && s.requiredOpen.length === 0,
  );
  if (!target?.issue) return false;
  completeStage(work, target.key, { at: now, leftOpen: [] });
  work.log.push({ at: now, actor: 'embark', text: `${target.title} complete`, key: `done:${target.key}:${now}` });
  return true;
}

/** Queue a notice unless it was already sent (state) or is already on the issue (marker). */
function pushNotice(
  actions: Action[],
  state: StoredState,
  issue: number,
  key: string,
  body: string,
  existing: { body: string; byApp: boolean }[],
): void {
  const already = state.sent.includes(key) || existing.some((c) => c.byApp && readNoticeKey(c.body) === key);
  if (!state.sent.includes(key)) state.sent.push(key);
  if (already) return;
  actions.push({ kind: 'comment', issue, body, key });
}


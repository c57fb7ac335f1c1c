/**
 * The onboarding state machine: (GitHub state now, stored state, event, now) -> new state + plan.
 *
 * It recomputes from what GitHub holds, so applying it twice, late, or out of order converges:
 * 1. fold the event into stored state (log, contributors, hand closes/reopens);
 * 2. walk the stages in order: start the frontier stage, close it when its required items are done
 *    (work ahead counts: a pending stage that is already complete closes as soon as it is reached);
 * 3. close the EPIC with a summary after the last stage, reopen it when a stage reopens;
 * 4. make labels match each stage's status, and save the status comment.
 */
import type { EmbarkConfig } from '../config.js';
import { readNoticeKey } from '../render/notice-marker.js';
import { renderActivationNotice, renderSummary } from '../render/notices.js';
import type { ProgressEvent } from './events.js';
import type { Action } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import { appendLog, type LogEntry, type StoredState } from './state.js';
import { deriveStages, frontierIndex, type ItemReader, type StageView } from './view.js';

export interface ReconcileInput {
  snapshot: OnboardingSnapshot;
  stored: StoredState;
  event: ProgressEvent;
  now: string;
  labels: EmbarkConfig['labels'];
  readItems: ItemReader;
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
  const actions: Action[] = [];
  const log: LogEntry[] = [];
  const issueOf = (n: number) => snapshot.stageIssues.find((s) => s.number === n);
  const stageOfIssue = (n: number) => state.stages.find((s) => s.issue === n);
  let reopenedByEvent = false;

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
      if (ev.changes.some((c) => c.to === true) && !stage.contributors.includes(ev.actor)) stage.contributors.push(ev.actor);
      if (ev.changes.some((c) => c.to === true)) stage.reopened = false;
      // An untick in a closed stage reopens it, but only if the box is still unticked now
      // (a late replay of an old untick must not reopen a stage completed since).
      const unticked = ev.changes.filter((c) => c.from === true && c.to === false).map((c) => c.text);
      if (issue && issue.state === 'closed' && unticked.length > 0) {
        const still = readItems(issue.body).some((i) => !i.checked && !i.optional && unticked.some((u) => sameItem(u, i.text)));
        if (still) {
          actions.push({ kind: 'reopenIssue', issue: issue.number });
          issue.state = 'open';
          issue.closedAt = null;
          stage.completedAt = null;
          stage.startedAt = stage.startedAt ?? now;
          reopenedByEvent = true;
          log.push({ at: ev.at, actor: ev.actor, text: `${stage.title} reopened (an item was unticked)`, key: `reopen:${ev.issue}:${ev.at}` });
        }
      }
    } else if (stage && issue && ev.type === 'closed' && issue.state === 'closed') {
      const open = readItems(issue.body).filter((i) => !i.checked && !i.optional).map((i) => i.text);
      stage.completedAt = stage.completedAt ?? ev.at;
      stage.startedAt = stage.startedAt ?? ev.at;
      stage.leftOpen = open;
      stage.reopened = false;
      const left = open.length > 0 ? ` with ${open.length} item${open.length === 1 ? '' : 's'} left open` : '';
      log.push({ at: ev.at, actor: ev.actor, text: `closed ${stage.title}${left}`, key: `close:${ev.issue}:${ev.at}` });
    } else if (stage && issue && ev.type === 'reopened' && issue.state === 'open') {
      stage.reopened = true;
      stage.completedAt = null;
      stage.leftOpen = [];
      stage.startedAt = stage.startedAt ?? ev.at;
      reopenedByEvent = true;
      log.push({ at: ev.at, actor: ev.actor, text: `reopened ${stage.title}`, key: `reopened:${ev.issue}:${ev.at}` });
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
      const changed = startFrontier(stages, state, now, actions) || closeCompleted(stages, state, snapshot, now, actions, log);
      stages = deriveStages(snapshot, state, readItems);
      if (!changed) break;
    }
  }

  // 3. The EPIC follows its stages.
  const allDone = stages.length > 0 && frontierIndex(stages) === -1;
  if (!finished && allDone && snapshot.epic.state === 'open') {
    state.completedAt = state.completedAt ?? now;
    pushNotice(actions, state, snapshot.epic.number, 'summary', renderSummary(state, stages, state.completedAt), snapshot.epicNotices);
    actions.push({ kind: 'closeIssue', issue: snapshot.epic.number, reason: 'completed' });
    log.push({ at: now, actor: 'embark', text: 'onboarding complete', key: `complete:${state.completedAt}` });
  } else if (!finished && !allDone && reopenedByEvent && snapshot.epic.state === 'closed') {
    actions.push({ kind: 'reopenIssue', issue: snapshot.epic.number });
    state.completedAt = null;
    state.sent = state.sent.filter((k) => k !== 'summary');
    log.push({ at: now, actor: 'embark', text: 'onboarding reopened', key: `epic-reopen:${now}` });
  }

  // 4. Labels follow status; only differences are written.
  for (const s of stages) {
    if (!s.issue) continue;
    const want = s.status === 'done' ? labels.done : s.status === 'pending' ? labels.pending : labels.active;
    const stale = [labels.done, labels.pending, labels.active].filter((l) => l !== want && s.issue!.labels.includes(l));
    const add = s.issue.labels.includes(want) ? [] : [want];
    if (add.length > 0 || stale.length > 0) actions.push({ kind: 'setLabels', issue: s.issue.number, add, remove: stale });
  }

  // The EPIC's task list of stage links is ticked exactly for the stages that are done.
  const links = readItems(snapshot.epic.body);
  for (const s of stages) {
    if (!s.issue) continue;
    const link = links.find((l) => l.text.trim() === `#${s.issue!.number}`);
    const done = s.status === 'done';
    if (link && link.checked !== done) {
      actions.push({ kind: 'setCheckbox', issue: snapshot.epic.number, target: { issueRef: s.issue.number }, checked: done });
    }
  }

  state.log = appendLog(state.log, log);
  actions.push({ kind: 'saveStatus', epic: snapshot.epic.number, state });
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

/** Start the first open stage if it has not started yet: assign its owners and tell them. */
function startFrontier(stages: StageView[], state: StoredState, now: string, actions: Action[]): boolean {
  const f = frontierIndex(stages);
  if (f < 0) return false;
  const view = stages[f]!;
  const stored = state.stages.find((s) => s.key === view.key)!;
  if (stored.startedAt || !view.issue) return false;
  const previous = state.stages[f - 1];
  stored.startedAt = previous?.completedAt ?? now;
  const owners = [...new Set(Object.values(view.owners).flat())].filter((o) => !view.issue!.assignees.includes(o));
  if (owners.length > 0) actions.push({ kind: 'addAssignees', issue: view.issue.number, assignees: owners.slice(0, 10) });
  const key = `activate:${view.key}`;
  pushNotice(actions, state, view.issue.number, key, renderActivationNotice({ ...view, startedAt: stored.startedAt }, key), view.issue.comments);
  return true;
}

/** Close the first started stage whose required items are all done (unless a person reopened it). */
function closeCompleted(
  stages: StageView[],
  state: StoredState,
  snapshot: OnboardingSnapshot,
  now: string,
  actions: Action[],
  log: LogEntry[],
): boolean {
  const target = stages.find(
    (s) => s.issue && s.issue.state === 'open' && s.startedAt && s.status !== 'reopened' && s.requiredOpen.length === 0,
  );
  if (!target?.issue) return false;
  const stored = state.stages.find((s) => s.key === target.key)!;
  actions.push({ kind: 'closeIssue', issue: target.issue.number, reason: 'completed' });
  const issue = snapshot.stageIssues.find((i) => i.number === target.issue!.number)!;
  issue.state = 'closed';
  issue.closedAt = now;
  stored.completedAt = now;
  stored.leftOpen = [];
  log.push({ at: now, actor: 'embark', text: `${target.title} complete`, key: `done:${target.key}:${now}` });
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


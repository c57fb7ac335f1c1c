/**
 * reconcile(), row by row: a world set up by hand, one event, the plan as data and the facts that
 * matter. Rows with `next` apply a second event to the world the first left (convergence).
 */
import { describe, expect, it } from '@jest/globals';
import type { ProgressEvent } from '../../src/onboarding/events.js';
import {
  at,
  closeByHand,
  describeActions,
  EPIC,
  edit,
  epicLinksTicked,
  ISSUE,
  newLogTexts,
  reopenByHand,
  settle,
  stageFacts,
  startedWorld,
  step,
  tickAllBut,
  type World,
} from './fixture.js';

type Key = keyof typeof ISSUE;
type Facts = ReturnType<typeof stageFacts>;

interface Row {
  name: string;
  /** Bring the world to the row's start; return the event to reconcile. */
  given: (w: World) => ProgressEvent;
  now: string;
  actions: string[];
  stages?: Partial<Record<Key, Partial<Facts>>>;
  epic?: { state?: 'open' | 'closed'; linksTicked?: number[]; completedAt?: string | null };
  sent?: { has?: string[]; lacks?: string[] };
  log?: string[];
  /** A second event on the world the first left, and its plan. */
  next?: { event: (w: World) => ProgressEvent; now: string; actions: string[]; stages?: Partial<Record<Key, Partial<Facts>>> };
}

/** Finish a stage the ordinary way: tick every item, reconcile. */
function finish(w: World, key: Key, when: string): void {
  step(w, tickAllBut(w, ISSUE[key], [], when), when);
}

const rows: Row[] = [
  {
    name: 'tick a non-final item: a contributor and a log line, nothing else moves',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      return edit(w, 3, ['Admin access granted'], true, { actor: 'bob', at: at(2) });
    },
    now: at(2),
    actions: ['saveStatus #1'],
    stages: { 'stage-1': { status: 'active', issueState: 'open', contributors: ['bob'], completedAt: null } },
    log: ['ticked “Admin access granted” in Stage 1: Access'],
  },
  {
    name: 'tick the last required item: the stage closes, the next starts and is told once, labels and EPIC link follow',
    given: (w) => edit(w, 2, ['Signed agreement received'], true, { actor: 'alice', at: at(1) }),
    now: at(1),
    actions: [
      'closeIssue #2',
      'comment #3 activate:stage-1',
      'setLabels #2 +stage: done -stage: active',
      'setLabels #3 +stage: active -stage: pending',
      'setCheckbox #1 #2 ticked',
      'saveStatus #1',
    ],
    stages: {
      'stage-0': { status: 'done', issueState: 'closed', labels: ['stage: done'], completedAt: at(1), leftOpen: [], contributors: ['alice'] },
      'stage-1': { status: 'active', labels: ['stage: active'], startedAt: at(1) },
      'stage-2': { status: 'pending', startedAt: null },
    },
    epic: { state: 'open', linksTicked: [2] },
    sent: { has: ['activate:stage-1'], lacks: ['activate:stage-2'] },
    log: ['ticked “Signed agreement received” in Stage 0: Agreement', 'Stage 0: Agreement complete'],
  },
  {
    name: 'the same event applied twice: the second time nothing but an unchanged status',
    given: (w) => edit(w, 2, ['Signed agreement received'], true, { actor: 'alice', at: at(1) }),
    now: at(1),
    actions: ['closeIssue #2', 'comment #3 activate:stage-1', 'setLabels #2 +stage: done -stage: active', 'setLabels #3 +stage: active -stage: pending', 'setCheckbox #1 #2 ticked', 'saveStatus #1'],
    next: {
      event: () => ({ type: 'edited', issue: 2, actor: 'alice', at: at(1), changes: [{ text: 'CSM >> Signed agreement received', from: false, to: true }] }),
      now: at(1),
      actions: ['saveStatus #1 unchanged'],
      stages: { 'stage-0': { completedAt: at(1), contributors: ['alice'] }, 'stage-1': { startedAt: at(1) } },
    },
  },
  {
    name: 'an untick in a closed stage that is still unticked: the stage and the finished EPIC reopen',
    given: (w) => {
      for (const [k, h] of [['stage-0', 1], ['stage-1', 2], ['stage-2', 3]] as const) finish(w, k, at(h));
      return edit(w, 3, ['Portal access enabled'], false, { actor: 'carol', at: at(5) });
    },
    now: at(5),
    actions: ['reopenIssue #3', 'reopenIssue #1', 'setLabels #3 +stage: active -stage: done', 'setCheckbox #1 #3 cleared', 'saveStatus #1'],
    stages: {
      'stage-1': { status: 'active', issueState: 'open', completedAt: null, reopened: false, leftOpen: [] },
      'stage-2': { status: 'done', issueState: 'closed' },
    },
    epic: { state: 'open', linksTicked: [2, 4], completedAt: null },
    sent: { lacks: ['summary'] },
    log: ['unticked “Portal access enabled” in Stage 1: Access', 'Stage 1: Access reopened (an item was unticked)', 'onboarding reopened'],
  },
  {
    name: 'a late replay of an old untick whose box is ticked again now: no reopen',
    given: (w) => {
      for (const [k, h] of [['stage-0', 1], ['stage-1', 2], ['stage-2', 3]] as const) finish(w, k, at(h));
      const old = edit(w, 3, ['Portal access enabled'], false, { actor: 'carol', at: at(5) });
      edit(w, 3, ['Portal access enabled'], true, { actor: 'carol', at: at(6) });
      return old;
    },
    now: at(7),
    actions: ['saveStatus #1'],
    stages: { 'stage-1': { status: 'done', issueState: 'closed', completedAt: at(2) } },
    epic: { state: 'closed', linksTicked: [2, 3, 4], completedAt: at(3) },
    sent: { has: ['summary'] },
    log: ['unticked “Portal access enabled” in Stage 1: Access'],
  },
  {
    name: 'a stage closed by hand with items open: left open is recorded and the next stage starts',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      step(w, edit(w, 3, ['Admin access granted'], true, { at: at(2) }), at(2));
      return closeByHand(w, 3, { actor: 'alice', at: at(3) });
    },
    now: at(3),
    actions: ['comment #4 activate:stage-2', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: active -stage: pending', 'setCheckbox #1 #3 ticked', 'saveStatus #1'],
    stages: {
      'stage-1': { status: 'done', completedAt: at(3), leftOpen: ['Portal access enabled'], contributors: ['bob'] },
      'stage-2': { status: 'active', startedAt: at(3) },
    },
    epic: { state: 'open', linksTicked: [2, 3] },
    log: ['closed Stage 1: Access with 1 item left open'],
  },
  {
    name: 'a stage reopened by hand stays open even though every item is ticked',
    given: (w) => {
      for (const [k, h] of [['stage-0', 1], ['stage-1', 2], ['stage-2', 3]] as const) finish(w, k, at(h));
      return reopenByHand(w, 3, { actor: 'alice', at: at(4) });
    },
    now: at(4),
    actions: ['reopenIssue #1', 'setLabels #3 +stage: active -stage: done', 'setCheckbox #1 #3 cleared', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'reopened', issueState: 'open', reopened: true, completedAt: null } },
    epic: { state: 'open', linksTicked: [2, 4], completedAt: null },
    sent: { lacks: ['summary'] },
    log: ['reopened Stage 1: Access', 'onboarding reopened'],
    next: {
      event: () => ({ type: 'recompute' }),
      now: at(5),
      actions: ['saveStatus #1 unchanged'],
      stages: { 'stage-1': { status: 'reopened', issueState: 'open' } },
    },
  },
  {
    name: 'the last stage done: the summary once, the EPIC closes',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      finish(w, 'stage-1', at(2));
      return tickAllBut(w, 4, [], at(3));
    },
    now: at(3),
    actions: ['closeIssue #4', 'comment #1 summary', 'closeIssue #1', 'setLabels #4 +stage: done -stage: active', 'setCheckbox #1 #4 ticked', 'saveStatus #1'],
    stages: { 'stage-2': { status: 'done', completedAt: at(3) } },
    epic: { state: 'closed', linksTicked: [2, 3, 4], completedAt: at(3) },
    sent: { has: ['summary'] },
    log: ['ticked “Monitoring enabled” in Stage 2: Setup', 'ticked “Backups configured” in Stage 2: Setup', 'Stage 2: Setup complete', 'onboarding complete'],
    next: { event: () => ({ type: 'recompute' }), now: at(4), actions: ['saveStatus #1 unchanged'] },
  },
  {
    name: 'a cancelled onboarding: no stage walk, even with every item of the active stage ticked',
    given: (w) => {
      w.state.cancelled = { reason: 'customer left', by: 'alice', at: at(1) };
      return edit(w, 2, ['Signed agreement received'], true, { actor: 'alice', at: at(2) });
    },
    now: at(2),
    actions: ['saveStatus #1'],
    stages: { 'stage-0': { status: 'active', issueState: 'open', completedAt: null, contributors: ['alice'] }, 'stage-1': { status: 'pending', startedAt: null } },
    epic: { state: 'open', linksTicked: [] },
    sent: { lacks: ['activate:stage-1'] },
  },
  {
    name: 'a stage issue deleted: the stage is missing, reported, and the walk goes past it',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      w.snapshot.stageIssues = w.snapshot.stageIssues.filter((i) => i.number !== 3);
      return { type: 'removed', issue: 3, actor: 'alice', at: at(2), how: 'deleted' };
    },
    now: at(2),
    actions: ['comment #4 activate:stage-2', 'setLabels #4 +stage: active -stage: pending', 'saveStatus #1'],
    stages: { 'stage-2': { status: 'active', startedAt: at(2) } },
    epic: { state: 'open', linksTicked: [2] },
    log: ['Stage 1: Access: its issue #3 was deleted'],
  },
  {
    name: 'optional items do not block: the required two ticked close the stage',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      return edit(w, 3, ['Admin access granted', 'Portal access enabled'], true, { actor: 'carol', at: at(2) });
    },
    now: at(2),
    actions: ['closeIssue #3', 'comment #4 activate:stage-2', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: active -stage: pending', 'setCheckbox #1 #3 ticked', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'done', leftOpen: [], contributors: ['carol'] }, 'stage-2': { status: 'active', startedAt: at(2) } },
  },
];

describe('reconcile, row by row', () => {
  it.each(rows)('$name', (row) => {
    const w = startedWorld();
    const event = row.given(w);
    const before = structuredClone(w.state);
    const result = step(w, event, row.now);

    expect(describeActions(result.actions)).toEqual(row.actions);
    for (const [key, facts] of Object.entries(row.stages ?? {})) expect({ key, ...stageFacts(w, key as Key) }).toMatchObject({ key, ...facts });
    if (row.epic?.state) expect(w.snapshot.epic.state).toBe(row.epic.state);
    if (row.epic?.linksTicked) expect(epicLinksTicked(w)).toEqual(row.epic.linksTicked);
    if (row.epic && 'completedAt' in row.epic) expect(w.state.completedAt).toBe(row.epic.completedAt);
    for (const k of row.sent?.has ?? []) expect(w.state.sent).toContain(k);
    for (const k of row.sent?.lacks ?? []) expect(w.state.sent).not.toContain(k);
    if (row.log) expect(newLogTexts(before, w.state)).toEqual(row.log);

    if (row.next) {
      const second = step(w, row.next.event(w), row.next.now);
      expect(describeActions(second.actions)).toEqual(row.next.actions);
      for (const [key, facts] of Object.entries(row.next.stages ?? {})) expect({ key, ...stageFacts(w, key as Key) }).toMatchObject({ key, ...facts });
    }
    // Whatever the row did, one more recompute changes nothing on GitHub (status text aside).
    const plans = settle(w, row.next?.now ?? row.now);
    expect(plans.flat().filter((a) => !a.startsWith(`saveStatus #${EPIC}`))).toEqual([]);
  });
});

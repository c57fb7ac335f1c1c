/**
 * applyCommand(), row by row: a world set up by hand, one comment of commands as a person would
 * post it, then the recompute the handler runs. Expected: the reply, what the command asked for,
 * what the recompute asked for, and the facts that matter.
 */
import { describe, expect, it } from '@jest/globals';
import type { RepositoryPermission } from '../../src/commands/index.js';
import type { StoredState } from '../../src/onboarding/state.js';
import {
  at,
  closeByHand,
  comment,
  edit,
  epicLinksTicked,
  ISSUE,
  stageFacts,
  stageIssue,
  startedWorld,
  step,
  tickAllBut,
  type World,
} from './fixture.js';

type Key = keyof typeof ISSUE;
type Facts = ReturnType<typeof stageFacts>;

interface Row {
  name: string;
  given?: (w: World) => void;
  /** The comment, its author (default alice), the issue it is on (default the EPIC). */
  says: string;
  actor?: string;
  onIssue?: number;
  permission?: RepositoryPermission;
  /** Each command's reply: `ok` and the text (a string is matched whole, an array by parts). */
  replies: { ok: boolean; text: string | string[] }[];
  commandActions: string[];
  reconcileActions?: string[];
  stages?: Partial<Record<Key, Partial<Facts>>>;
  state?: (s: StoredState) => unknown;
  expected?: unknown;
  epic?: { state?: 'open' | 'closed'; labels?: string[]; linksTicked?: number[] };
  issue?: { number: number; assignees?: string[]; ownersLine?: string };
  log?: string[];
}

const NOW = at(10);

function finish(w: World, key: Key, when: string): void {
  step(w, tickAllBut(w, ISSUE[key], [], when), when);
}
function allDone(w: World): void {
  finish(w, 'stage-0', at(1));
  finish(w, 'stage-1', at(2));
  finish(w, 'stage-2', at(3));
}
function stage0Done(w: World): void {
  finish(w, 'stage-0', at(1));
}
const unchanged = ['saveStatus #1 unchanged'];

const rows: Row[] = [
  {
    name: '/check the last item of the active stage: the box flips, the stage closes through reconcile',
    says: '/check 1',
    replies: [{ ok: true, text: 'Ticked “Signed agreement received” in Stage 0: Agreement.' }],
    commandActions: ['setCheckbox #2 "CSM >> Signed agreement received" ticked'],
    reconcileActions: ['closeIssue #2', 'comment #3 activate:stage-1', 'setLabels #2 +stage: done -stage: active', 'setLabels #3 +stage: active -stage: pending', 'setCheckbox #1 #2 ticked', 'saveStatus #1'],
    stages: { 'stage-0': { status: 'done', completedAt: NOW, contributors: ['alice'] }, 'stage-1': { status: 'active', startedAt: NOW } },
    log: ['ticked “Signed agreement received” in Stage 0: Agreement (command)', 'Stage 0: Agreement complete'],
  },
  {
    name: '/check an item already ticked: nothing to do',
    given: (w) => {
      stage0Done(w);
      step(w, edit(w, 3, ['Admin access granted'], true, { at: at(2) }), at(2));
    },
    says: '/check admin access',
    replies: [{ ok: true, text: '“Admin access granted” was already ticked.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/uncheck in a closed stage reopens the stage and the finished EPIC (the untick rules)',
    given: allDone,
    says: '/uncheck portal access',
    replies: [{ ok: true, text: 'Unticked “Portal access enabled” in Stage 1: Access.' }],
    commandActions: ['setCheckbox #3 "CSM >> Portal access enabled" cleared', 'reopenIssue #3', 'reopenIssue #1'],
    reconcileActions: ['setLabels #3 +stage: active -stage: done', 'setCheckbox #1 #3 cleared', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'active', issueState: 'open', completedAt: null, reopened: false } },
    state: (s) => ({ completedAt: s.completedAt, summarySent: s.sent.includes('summary') }),
    expected: { completedAt: null, summarySent: false },
    epic: { state: 'open', linksTicked: [2, 4] },
  },
  {
    name: '/uncheck an optional item of a closed stage: it stays closed',
    given: (w) => {
      stage0Done(w);
      finish(w, 'stage-1', at(2));
    },
    says: '/uncheck dark mode',
    replies: [{ ok: true, text: 'Unticked “Nice to have: dark mode” in Stage 1: Access.' }],
    commandActions: ['setCheckbox #3 "Engineer >> Nice to have: dark mode" cleared'],
    reconcileActions: ['saveStatus #1'],
    stages: { 'stage-1': { status: 'done', issueState: 'closed' } },
  },
  {
    name: '/skip the last open item: it stops blocking and the stage closes',
    given: (w) => {
      stage0Done(w);
      step(w, edit(w, 3, ['Admin access granted'], true, { at: at(2) }), at(2));
    },
    says: '/skip "portal access" not needed here',
    replies: [{ ok: true, text: 'Skipped “Portal access enabled” in Stage 1: Access.' }],
    commandActions: [],
    reconcileActions: ['closeIssue #3', 'comment #4 activate:stage-2', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: active -stage: pending', 'setCheckbox #1 #3 ticked', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'done', leftOpen: [] } },
    state: (s) => Object.values(s.skipped).map((v) => [v.reason, v.by]),
    expected: [['not needed here', 'alice']],
  },
  {
    name: '/advance closes the active stage with its open items left open; the next starts',
    given: stage0Done,
    says: '/advance customer is in a hurry',
    replies: [{ ok: true, text: 'Completed Stage 1: Access with 2 items left open.' }],
    commandActions: ['closeIssue #3'],
    reconcileActions: ['comment #4 activate:stage-2', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: active -stage: pending', 'setCheckbox #1 #3 ticked', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'done', completedAt: NOW, leftOpen: ['Admin access granted', 'Portal access enabled'] }, 'stage-2': { status: 'active', startedAt: NOW } },
    log: ['advanced past Stage 1: Access: customer is in a hurry (2 left open)'],
  },
  {
    name: '/advance when every stage is done is refused',
    given: allDone,
    says: '/advance',
    replies: [{ ok: false, text: '`/advance`: this onboarding is already closed.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/reopen a done stage: it and the EPIC reopen, and it stays open although complete',
    given: allDone,
    says: '/reopen 1',
    replies: [{ ok: true, text: 'Reopened Stage 1: Access.' }],
    commandActions: ['reopenIssue #3', 'reopenIssue #1'],
    reconcileActions: ['setLabels #3 +stage: active -stage: done', 'setCheckbox #1 #3 cleared', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'reopened', issueState: 'open', reopened: true, completedAt: null } },
    epic: { state: 'open' },
  },
  {
    name: '/reopen a stage that is open: nothing to do',
    says: '/reopen stage 0',
    replies: [{ ok: true, text: 'Stage 0: Agreement is already open.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/finish with stages open is refused without --force',
    given: stage0Done,
    says: '/finish',
    replies: [{ ok: false, text: '`/finish`: 2 stages are still open (Stage 1: Access, Stage 2: Setup); finish them or use `/finish --force`.' }],
    commandActions: [],
    reconcileActions: unchanged,
    stages: { 'stage-1': { status: 'active' } },
  },
  {
    name: '/finish --force closes every open stage with its open items, then the EPIC with its summary',
    given: stage0Done,
    says: '/finish --force',
    replies: [{ ok: true, text: 'Finished, closing 2 open stages with their open items recorded.' }],
    commandActions: ['closeIssue #3', 'closeIssue #4'],
    reconcileActions: ['comment #1 summary', 'closeIssue #1', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: done -stage: pending', 'setCheckbox #1 #3 ticked', 'setCheckbox #1 #4 ticked', 'saveStatus #1'],
    stages: {
      'stage-1': { status: 'done', leftOpen: ['Admin access granted', 'Portal access enabled'] },
      'stage-2': { status: 'done', leftOpen: ['Monitoring enabled', 'Backups configured'] },
    },
    state: (s) => s.completedAt,
    expected: NOW,
    epic: { state: 'closed' },
  },
  {
    name: '/cancel closes the EPIC and its open stages as not planned; nothing more is walked',
    given: stage0Done,
    says: '/cancel customer signed elsewhere',
    replies: [{ ok: true, text: 'Cancelled: the EPIC and its open stages are closed as not planned.' }],
    commandActions: ['closeIssue #3 not_planned', 'closeIssue #4 not_planned', 'closeIssue #1 not_planned'],
    reconcileActions: ['setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: done -stage: pending', 'setCheckbox #1 #3 ticked', 'setCheckbox #1 #4 ticked', 'saveStatus #1'],
    state: (s) => ({ cancelled: s.cancelled, completedAt: s.completedAt, summary: s.sent.includes('summary') }),
    expected: { cancelled: { reason: 'customer signed elsewhere', by: 'alice', at: NOW }, completedAt: null, summary: false },
    epic: { state: 'closed' },
  },
  {
    name: '/block labels the EPIC and records who and why',
    says: '/block waiting for the customer VPN',
    replies: [{ ok: true, text: 'Blocked: reminders are paused and the block is escalated until `/unblock`.' }],
    commandActions: ['setLabels #1 +blocked'],
    reconcileActions: ['saveStatus #1'],
    state: (s) => s.blocked,
    expected: { reason: 'waiting for the customer VPN', by: 'alice', at: NOW },
    epic: { labels: ['EPIC', 'blocked'] },
  },
  {
    name: '/unblock removes the label and keeps the ended block for the time-blocked figure',
    given: (w) => comment(w, '/block vpn', { now: at(1) }),
    says: '/unblock',
    replies: [{ ok: true, text: 'Unblocked: reminders resume.' }],
    commandActions: ['setLabels #1 -blocked'],
    reconcileActions: ['saveStatus #1'],
    state: (s) => ({ blocked: s.blocked, spans: s.blockedSpans }),
    expected: { blocked: null, spans: [{ from: at(1), to: NOW }] },
    epic: { labels: ['EPIC'] },
  },
  {
    name: '/unblock when not blocked: nothing to do',
    says: '/unblock',
    replies: [{ ok: true, text: 'This onboarding was not blocked.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/assign a role by an alias: open stages with that role get the person and a true Owners line',
    says: '/assign customer success @dave',
    replies: [{ ok: true, text: 'CSM is now: `alice`, `dave`.' }],
    commandActions: ['addAssignees #2 dave', 'setOwnersLine #2 **Owners:** CSM: @alice, @dave', 'addAssignees #3 dave', 'setOwnersLine #3 **Owners:** Engineer: @bob, @carol · CSM: @alice, @dave'],
    reconcileActions: ['saveStatus #1'],
    state: (s) => s.roles,
    expected: { CSM: ['alice', 'dave'], Engineer: ['bob', 'carol'] },
    issue: { number: 3, assignees: ['bob', 'carol', 'alice', 'dave'], ownersLine: '**Owners:** Engineer: @bob, @carol · CSM: @alice, @dave' },
  },
  {
    name: '/unassign takes the person off stages where no other role of theirs remains',
    says: '/unassign engineer @carol',
    replies: [{ ok: true, text: 'Engineer is now: `bob`.' }],
    commandActions: ['removeAssignees #3 carol', 'setOwnersLine #3 **Owners:** Engineer: @bob · CSM: @alice', 'removeAssignees #4 carol', 'setOwnersLine #4 **Owners:** Engineer: @bob'],
    reconcileActions: ['saveStatus #1'],
    issue: { number: 4, assignees: ['bob'], ownersLine: '**Owners:** Engineer: @bob' },
  },
  {
    name: '/assign someone who is not a collaborator is refused',
    says: '/assign csm @mallory',
    replies: [{ ok: false, text: '`/assign csm @mallory`: `mallory` is not a collaborator on this repository; invite them first.' }],
    commandActions: [],
    reconcileActions: unchanged,
    state: (s) => s.roles.CSM,
    expected: ['alice'],
  },
  {
    name: '/assign an unknown role is refused with the roles there are',
    says: '/assign sales @dave',
    replies: [{ ok: false, text: '`/assign sales @dave`: unknown role “sales”; roles here: CSM, Engineer.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/due sets a stage due date that the status shows',
    says: '/due 2 2026-12-04',
    replies: [{ ok: true, text: ['Stage 2: Setup is now due 2026-12-04'] }],
    commandActions: [],
    reconcileActions: ['saveStatus #1'],
    state: (s) => s.stages.map((st) => st.dueAt?.slice(0, 10) ?? null),
    expected: [null, null, '2026-12-04'],
  },
  {
    name: '/snooze on a stage issue snoozes that stage',
    says: '/snooze 2d',
    onIssue: 2,
    replies: [{ ok: true, text: 'Reminders for Stage 0: Agreement snoozed until 2026-11-25 19:00 UTC.' }],
    commandActions: [],
    state: (s) => [s.snoozedUntil, s.stages[0]!.snoozedUntil],
    expected: [null, '2026-11-25T19:00:00.000Z'],
  },
  {
    name: '/snooze on the EPIC snoozes the whole onboarding',
    says: '/snooze 1w',
    replies: [{ ok: true, text: 'Reminders for this onboarding snoozed until 2026-11-30 19:00 UTC.' }],
    commandActions: [],
    state: (s) => [s.snoozedUntil, s.stages[0]!.snoozedUntil],
    expected: ['2026-11-30T19:00:00.000Z', null],
  },
  {
    name: 'a read-only user is refused /check and changes nothing',
    says: '/check 1',
    actor: 'dave',
    replies: [{ ok: false, text: ['`/check 1`: /check needs write access to this repository, or you must own the role of that item'] }],
    commandActions: [],
    reconcileActions: unchanged,
    stages: { 'stage-0': { status: 'active', contributors: [] } },
  },
  {
    name: 'a read-only user is refused /advance',
    says: '/advance',
    actor: 'dave',
    replies: [{ ok: false, text: '`/advance`: /advance needs write access to this repository; ask a maintainer to run it or to give you write access' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: 'a role owner without write access may tick their own item',
    says: '/check 1',
    permission: 'read',
    replies: [{ ok: true, text: 'Ticked “Signed agreement received” in Stage 0: Agreement.' }],
    commandActions: ['setCheckbox #2 "CSM >> Signed agreement received" ticked'],
    stages: { 'stage-0': { status: 'done', contributors: ['alice'] } },
  },
  {
    name: "a role owner without write access may not tick another role's item",
    given: stage0Done,
    says: '/check admin access',
    permission: 'read',
    replies: [{ ok: false, text: ['`/check admin access`: /check needs write access'] }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: '/onboard on an onboarding is refused',
    says: '/onboard msp Fabrikam',
    replies: [{ ok: false, text: '`/onboard msp Fabrikam`: this issue is already an onboarding; use `/onboard` on another issue to start a new one.' }],
    commandActions: [],
    reconcileActions: unchanged,
  },
  {
    name: 'several commands in one comment run in order on one working copy',
    given: stage0Done,
    says: '/check admin access\n/check portal access',
    replies: [
      { ok: true, text: 'Ticked “Admin access granted” in Stage 1: Access.' },
      { ok: true, text: 'Ticked “Portal access enabled” in Stage 1: Access.' },
    ],
    commandActions: ['setCheckbox #3 "Engineer >> Admin access granted" ticked', 'setCheckbox #3 "CSM >> Portal access enabled" ticked'],
    reconcileActions: ['closeIssue #3', 'comment #4 activate:stage-2', 'setLabels #3 +stage: done -stage: active', 'setLabels #4 +stage: active -stage: pending', 'setCheckbox #1 #3 ticked', 'saveStatus #1'],
    stages: { 'stage-1': { status: 'done', leftOpen: [] } },
  },
];

describe('applyCommand, row by row', () => {
  it.each(rows)('$name', (row) => {
    const w = startedWorld();
    row.given?.(w);
    const out = comment(w, row.says, { actor: row.actor, onIssue: row.onIssue, permission: row.permission, now: NOW });

    expect(out.replies.map((r) => r.ok)).toEqual(row.replies.map((r) => r.ok));
    row.replies.forEach((want, i) => {
      if (typeof want.text === 'string') expect(out.replies[i]!.text).toBe(want.text);
      else for (const part of want.text) expect(out.replies[i]!.text).toContain(part);
    });
    expect(out.commandActions).toEqual(row.commandActions);
    if (row.reconcileActions) expect(out.reconcileActions).toEqual(row.reconcileActions);
    for (const [key, facts] of Object.entries(row.stages ?? {})) expect({ key, ...stageFacts(w, key as Key) }).toMatchObject({ key, ...facts });
    if (row.state) expect(row.state(w.state)).toEqual(row.expected);
    if (row.epic?.state) expect(w.snapshot.epic.state).toBe(row.epic.state);
    if (row.epic?.labels) expect(w.snapshot.epic.labels).toEqual(row.epic.labels);
    if (row.epic?.linksTicked) expect(epicLinksTicked(w)).toEqual(row.epic.linksTicked);
    if (row.issue) {
      const issue = w.snapshot.stageIssues.find((i) => i.number === row.issue!.number)!;
      if (row.issue.assignees) expect(issue.assignees).toEqual(row.issue.assignees);
      if (row.issue.ownersLine) expect(issue.body).toContain(`\n${row.issue.ownersLine}\n`);
    }
    // One comment's log lines share an instant: their order among themselves is not the point.
    if (row.log) expect([...out.log].sort()).toEqual([...row.log].sort());
  });
});

describe('commands that read what an earlier command of the same comment changed', () => {
  // Bug: `/assign` pushes addAssignees but leaves the working copy's assignees as read, so a
  // later `/unassign` of the same person in the same comment sees them unassigned and removes
  // nobody: the role is right in state, GitHub keeps the person assigned.
  it('/assign then /unassign of the same person in one comment leaves them unassigned on GitHub', () => {
    const w = startedWorld();
    const out = comment(w, '/assign csm @dave\n/unassign csm @dave', { now: NOW });
    expect(out.replies.map((r) => r.text)).toEqual(['CSM is now: `alice`, `dave`.', 'CSM is now: `alice`.']);
    expect(w.state.roles.CSM).toEqual(['alice']);
    expect({ 2: stageIssue(w, 'stage-0').assignees, 3: stageIssue(w, 'stage-1').assignees }).toEqual({ 2: ['alice'], 3: ['bob', 'carol', 'alice'] });
  });
});

/** What two worlds should agree on after the same stage transition, however it came about. */
function outcome(w: World) {
  return {
    stages: (['stage-0', 'stage-1', 'stage-2'] as const).map((k) => {
      const { contributors: _who, ...facts } = stageFacts(w, k);
      return { k, ...facts, notices: stageIssue(w, k).comments.map((c) => c.body) };
    }),
    epic: { state: w.snapshot.epic.state, body: w.snapshot.epic.body, labels: w.snapshot.epic.labels },
    sent: w.state.sent,
  };
}

describe('one set of stage rules', () => {
  it('/advance after the last box was ticked (its event not yet handled) ends where the tick event does', () => {
    const byTick = startedWorld();
    const byAdvance = startedWorld();
    for (const w of [byTick, byAdvance]) stage0Done(w);
    const event = tickAllBut(byTick, 3, [], at(5));
    step(byTick, event, at(5));
    tickAllBut(byAdvance, 3, [], at(5));
    const advanced = comment(byAdvance, '/advance', { now: at(5) });
    expect(advanced.replies[0]).toEqual({ ok: true, text: 'Completed Stage 1: Access with 0 items left open.' });
    expect(outcome(byAdvance)).toEqual(outcome(byTick));
    expect(stageFacts(byTick, 'stage-1')).toMatchObject({ status: 'done', leftOpen: [], completedAt: at(5) });
  });

  it('/advance with items open ends where closing the issue by hand does', () => {
    const byHand = startedWorld();
    const byAdvance = startedWorld();
    for (const w of [byHand, byAdvance]) stage0Done(w);
    step(byHand, closeByHand(byHand, 3, { at: at(5) }), at(5));
    comment(byAdvance, '/advance', { now: at(5) });
    expect(outcome(byAdvance)).toEqual(outcome(byHand));
    expect(stageFacts(byHand, 'stage-1').leftOpen).toEqual(['Admin access granted', 'Portal access enabled']);
  });

  it('/uncheck in a closed stage ends where unticking its box in the body does', () => {
    const byEdit = startedWorld();
    const byCommand = startedWorld();
    for (const w of [byEdit, byCommand]) allDone(w);
    step(byEdit, edit(byEdit, 3, ['Portal access enabled'], false, { actor: 'alice', at: at(5) }), at(5));
    comment(byCommand, '/uncheck portal access', { now: at(5) });
    expect(outcome(byCommand)).toEqual(outcome(byEdit));
    expect(byEdit.snapshot.epic.state).toBe('open');
  });
});

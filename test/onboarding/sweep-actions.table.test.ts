/**
 * What the sweep sends (sweepDue -> sweepActions), escalationTargets and manualReminders, row by
 * row: a world set up by hand, an instant, and the comments and recorded keys expected.
 */
import { describe, expect, it } from '@jest/globals';
import type { RemindTarget } from '../../src/commands/index.js';
import { manualReminders } from '../../src/onboarding/remind.js';
import { escalationTargets, sweepActions, sweepDue } from '../../src/onboarding/sweep.js';
import { noticeMarker } from '../../src/render/notice-marker.js';
import { at, comment, describeActions, ISSUE, stageIssue, startedWorld, step, tickAllBut, views, type World } from './fixture.js';

/** Stage 0 (5 business days from Monday 09:00) is due the next Monday 09:00: 168 hours after T0. */
const STAGE0_DUE = 168;

function finish(w: World, key: keyof typeof ISSUE, when: string): void {
  step(w, tickAllBut(w, ISSUE[key], [], when), when);
}

interface Row {
  name: string;
  config?: Record<string, unknown>;
  given?: (w: World) => void;
  now: string;
  due: string[];
  actions: string[];
  /** Text each comment holds, in order. */
  bodies?: string[][];
  sent: { has?: string[]; lacks?: string[] };
}

const rows: Row[] = [
  {
    name: 'a reminder due: a comment on the stage issue, its key recorded',
    now: at(25),
    due: ['reminder stage-0/r1:24h'],
    actions: ['comment #2 stage-0/r1:24h'],
    bodies: [['**Reminder:** Stage 0: Agreement has open items. It is due', '@alice (CSM):', '- [ ] Signed agreement received']],
    sent: { has: ['stage-0/r1:24h'] },
  },
  {
    name: 'a reminder already on the issue (a crash before the state was saved): no comment, the key recorded',
    given: (w) => {
      stageIssue(w, 'stage-0').comments.push({ id: 9, nodeId: 'C_9', body: `${noticeMarker('stage-0/r1:24h')}\n**Reminder:** …`, author: 'embark[bot]', byApp: true, editor: null, createdAt: at(24) });
    },
    now: at(25),
    due: ['reminder stage-0/r1:24h'],
    actions: [],
    sent: { has: ['stage-0/r1:24h'] },
  },
  {
    name: 'the same text by a person does not count as sent',
    given: (w) => {
      stageIssue(w, 'stage-0').comments.push({ id: 9, nodeId: 'C_9', body: `${noticeMarker('stage-0/r1:24h')}\nfake`, author: 'mallory', byApp: false, editor: null, createdAt: at(24) });
    },
    now: at(25),
    due: ['reminder stage-0/r1:24h'],
    actions: ['comment #2 stage-0/r1:24h'],
    sent: { has: ['stage-0/r1:24h'] },
  },
  {
    name: 'after downtime one reminder, the newest; the older one is recorded as skipped',
    now: at(50),
    due: ['reminder stage-0/r2:48h'],
    actions: ['comment #2 stage-0/r2:48h'],
    sent: { has: ['stage-0/r1:24h', 'stage-0/r2:48h'] },
  },
  {
    name: 'a reminder already sent is not due again',
    given: (w) => {
      w.state.sent.push('stage-0/r1:24h');
    },
    now: at(26),
    due: [],
    actions: [],
    sent: {},
  },
  {
    name: 'overdue: an escalation on the EPIC naming the stage owners, a role and a team',
    config: { escalation: [{ after: 0, notify: ['owners', 'Engineer', '@acme/leads'] }] },
    now: at(STAGE0_DUE + 1),
    due: ['reminder stage-0/r3:7d', 'escalation stage-0/e1:+0bd'],
    actions: ['comment #2 stage-0/r3:7d', 'comment #1 stage-0/e1:+0bd'],
    bodies: [[], ['**Escalation:** Stage 0: Agreement is due now. @alice @bob @carol @acme/leads please help unblock it.', '@alice (CSM):']],
    sent: { has: ['stage-0/r3:7d', 'stage-0/e1:+0bd'] },
  },
  {
    name: 'a blocked onboarding: no reminders, the block escalates on the EPIC to every owner',
    given: (w) => {
      w.state.blocked = { reason: 'waiting for VPN', by: 'alice', at: at(1) };
    },
    now: at(26),
    due: [`block-escalation b1:+0bd@${at(1)}`],
    actions: [`comment #1 b1:+0bd@${at(1)}`],
    bodies: [['**Blocked since 2026-11-23:** waiting for VPN', '@alice @bob @carol please help unblock this onboarding, then comment `/unblock`.']],
    sent: { has: [`b1:+0bd@${at(1)}`], lacks: ['stage-0/r1:24h'] },
  },
  {
    name: 'a completed onboarding: the check-in is due on the EPIC for the CSM, with its list',
    given: (w) => {
      finish(w, 'stage-0', at(1));
      finish(w, 'stage-1', at(2));
      finish(w, 'stage-2', at(3));
    },
    now: at(3 + 30 * 24 + 1),
    due: ['checkin c30'],
    actions: ['comment #1 c30'],
    bodies: [['**30-day check-in** with Contoso is due. @alice', '- [ ] Ask how the first month went']],
    sent: { has: ['c30'] },
  },
  {
    name: 'a snoozed stage is not reminded',
    given: (w) => {
      w.state.stages[0]!.snoozedUntil = at(48);
    },
    now: at(30),
    due: [],
    actions: [],
    sent: { lacks: ['stage-0/r1:24h'] },
  },
  {
    name: 'a cancelled onboarding: nothing is due',
    given: (w) => {
      w.state.cancelled = { reason: 'gone', by: 'alice', at: at(1) };
    },
    now: at(STAGE0_DUE + 1),
    due: [],
    actions: [],
    sent: {},
  },
];

describe('sweep actions, row by row', () => {
  it.each(rows)('$name', (row) => {
    const w = startedWorld(row.config);
    row.given?.(w);
    const now = new Date(row.now);
    const stages = views(w);
    const due = sweepDue({ state: w.state, stages, config: w.config, calendar: w.calendar, now });
    expect(due.map((d) => `${d.kind} ${d.key}`)).toEqual(row.due);
    const actions = sweepActions({ due, state: w.state, stages, snapshot: w.snapshot, calendar: w.calendar, now });
    expect(describeActions(actions)).toEqual(row.actions);
    (row.bodies ?? []).forEach((parts, i) => {
      const a = actions[i]!;
      for (const part of parts) expect(a.kind === 'comment' ? a.body : '').toContain(part);
    });
    for (const k of row.sent.has ?? []) expect(w.state.sent).toContain(k);
    for (const k of row.sent.lacks ?? []) expect(w.state.sent).not.toContain(k);
    // The keys recorded, nothing is due a second time at the same instant.
    expect(sweepDue({ state: w.state, stages: views(w), config: w.config, calendar: w.calendar, now })).toEqual([]);
  });
});

describe('escalationTargets', () => {
  const w = startedWorld();
  const [stage0, stage1] = views(w);
  it.each([
    { name: '`owners` of a stage: the owners of its roles', notify: ['owners'], stage: stage0!, want: ['alice'] },
    { name: '`owners` without a stage: everyone behind any role', notify: ['owners'], stage: null, want: ['alice', 'bob', 'carol'] },
    { name: 'a role by name, any case', notify: ['engineer'], stage: stage0!, want: ['bob', 'carol'] },
    { name: 'a user and a team, without their @', notify: ['@dave', '@acme/leads'], stage: stage1!, want: ['dave', 'acme/leads'] },
    { name: 'an unknown role names nobody; duplicates are named once', notify: ['owners', 'Sales', 'CSM', '@alice'], stage: stage1!, want: ['bob', 'carol', 'alice'] },
  ])('$name', ({ notify, stage, want }) => {
    expect(escalationTargets(notify, stage, w.state)).toEqual(want);
  });

  // With the config spelling `csm`, state.roles once kept a stale `csm` copy beside `CSM`, so after
  // `/unassign csm @alice` a block escalation to `owners` still mentioned alice.
  it('a person unassigned from a role configured in another case is no longer named', () => {
    const u = startedWorld({ roles: { csm: ['alice'], Engineer: ['bob'] } });
    comment(u, '/unassign csm @alice', { now: at(2) });
    expect(escalationTargets(['owners'], null, u.state)).toEqual(['bob']);
  });
});

interface RemindRow {
  name: string;
  given?: (w: World) => void;
  target: RemindTarget;
  actions: string[];
  mentions?: string[];
  silent?: string[];
  reply: string;
}

const KEY = 'manual:4242';
const remindRows: RemindRow[] = [
  {
    name: 'everyone with open work in the active stage',
    target: { kind: 'all' },
    actions: [`comment #2 stage-0/${KEY}`],
    mentions: ['@alice (CSM):', '(asked by `carol`)'],
    reply: 'Sent 1 reminder.',
  },
  {
    name: 'by role: only that role’s owners and items',
    given: (w) => finish(w, 'stage-0', at(1)),
    target: { kind: 'role', role: 'engineer' },
    actions: [`comment #3 stage-${1}/${KEY}`],
    mentions: ['@bob @carol (Engineer):', '- [ ] Admin access granted'],
    silent: ['@alice', 'Portal access enabled', 'dark mode'],
    reply: 'Sent 1 reminder.',
  },
  {
    name: 'by user: only that person',
    given: (w) => finish(w, 'stage-0', at(1)),
    target: { kind: 'user', login: '@alice' },
    actions: [`comment #3 stage-1/${KEY}`],
    mentions: ['@alice (CSM):', '- [ ] Portal access enabled'],
    silent: ['@bob', 'Admin access granted'],
    reply: 'Sent 1 reminder.',
  },
  {
    name: 'a role with nothing open in the active stage: nobody to remind',
    target: { kind: 'role', role: 'Engineer' },
    actions: [],
    reply: 'Nobody to remind: no open items for that role or person in the active stage.',
  },
  {
    name: 'already posted by an earlier try of the same job: counted, not posted again',
    given: (w) => {
      stageIssue(w, 'stage-0').comments.push({ id: 9, nodeId: 'C_9', body: `${noticeMarker(`stage-0/${KEY}`)}\n…`, author: 'embark[bot]', byApp: true, editor: null, createdAt: at(1) });
    },
    target: { kind: 'all' },
    actions: [],
    reply: 'Sent 1 reminder.',
  },
  {
    name: 'a blocked onboarding is refused',
    given: (w) => {
      w.state.blocked = { reason: 'vpn', by: 'alice', at: at(1) };
    },
    target: { kind: 'all' },
    actions: [],
    reply: 'This onboarding is blocked: no reminders until `/unblock`.',
  },
];

describe('manualReminders, row by row', () => {
  it.each(remindRows)('$name', (row) => {
    const w = startedWorld();
    row.given?.(w);
    const out = manualReminders({ state: w.state, stages: views(w), calendar: w.calendar, target: row.target, actor: 'carol', key: KEY });
    expect(describeActions(out.actions)).toEqual(row.actions);
    expect(out.reply).toBe(row.reply);
    const body = out.actions.map((a) => (a.kind === 'comment' ? a.body : '')).join('\n');
    for (const m of row.mentions ?? []) expect(body).toContain(m);
    for (const m of row.silent ?? []) expect(body).not.toContain(m);
  });
});

/**
 * A small onboarding for table-driven unit tests of the pure core: a 3-stage template with roles,
 * started with `planStart`, its stage issues numbered 2, 3 and 4 under EPIC #1, and a tiny pure
 * "GitHub" that applies plans to the snapshot, so a row can run several steps and check that
 * they converge. No HTTP, no clock: every instant is passed in.
 */
import { expect } from '@jest/globals';
import { readTasks, setCheckbox } from '../../src/checklist/index.js';
import { type CommandError, parseCommands, type RepositoryPermission } from '../../src/commands/index.js';
import { configSchema, type EmbarkConfig } from '../../src/config.js';
import type { MailDue } from '../../src/customer/mail-due.js';
import type { CommandContext, CommandReply } from '../../src/onboarding/apply-command.js';
import type { CheckboxChange, ProgressEvent } from '../../src/onboarding/events.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import type { Action } from '../../src/onboarding/plan.js';
import { type ReconcileResult, reconcile } from '../../src/onboarding/reconcile.js';
import { commandLines, runCommands } from '../../src/onboarding/run-commands.js';
import type { IssueSnapshot, OnboardingSnapshot, StageIssueSnapshot } from '../../src/onboarding/snapshot.js';
import { planStart, type StartPlan } from '../../src/onboarding/start.js';
import type { StoredState } from '../../src/onboarding/state.js';
import { deriveStages, type ItemReader, type StageView } from '../../src/onboarding/view.js';
import { linkStagesInEpicBody } from '../../src/render/epic-body.js';
import { type BusinessCalendar, createCalendar } from '../../src/schedule/index.js';
import { parseTemplate, type Template } from '../../src/template/index.js';

/** Monday 23 November 2026, 09:00 UTC: the onboarding starts here. */
export const T0 = '2026-11-23T09:00:00.000Z';

/** `T0` plus some hours, as ISO. */
export function at(hours: number): string {
  return new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
}

export const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
onboarding:
  roles:
    CSM:
      aliases: [Customer Success]
    Engineer: []
  optional: [nice to have]
  checkins: [30]
  checkinItems: [Ask how the first month went]
---
### Description
- Tenant ID: \`xxx\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled
- [ ] Engineer >> Nice to have: dark mode

### Stage 2: Setup
- [ ] Engineer >> Monitoring enabled
- [ ] Engineer >> Backups configured
`;

export const CONFIG_RAW = { roles: { CSM: ['alice'], Engineer: ['bob', 'carol'] } };

/** Repository permissions of the people in these tests (absent: not a collaborator). */
export const PEOPLE: Record<string, RepositoryPermission> = { alice: 'write', bob: 'write', carol: 'write', dave: 'read', erin: 'read' };

export const EPIC = 1;
/** Stage key -> issue number. */
export const ISSUE = { 'stage-0': 2, 'stage-1': 3, 'stage-2': 4 } as const;

export function parsedTemplate(): Template {
  const parsed = parseTemplate(TEMPLATE, { file: '.github/ISSUE_TEMPLATE/msp.md' });
  if (!parsed.ok || !parsed.template) throw new Error(`fixture template: ${JSON.stringify(parsed.errors)}`);
  return parsed.template;
}

export function config(raw: Record<string, unknown> = {}): EmbarkConfig {
  return configSchema.parse({ ...CONFIG_RAW, ...raw });
}

export function epicIssue(body: string): IssueSnapshot {
  return {
    number: EPIC, nodeId: 'I_epic1', databaseId: 1001, title: '[Managed Services Onboarding] Contoso', body,
    state: 'open', stateReason: null, createdAt: T0, closedAt: null, assignees: [], labels: ['EPIC'],
  };
}

/** The stage issue GitHub would hold for one spec of a start plan. */
export function stageIssueFrom(spec: StartPlan['specs'][number], number: number): StageIssueSnapshot {
  return {
    number, nodeId: `I_stage${number}`, databaseId: 1000 + number, title: spec.title, body: spec.body,
    state: 'open', stateReason: null, createdAt: T0, closedAt: null,
    assignees: [...spec.assignees], labels: [...spec.labels], stageKey: spec.stageKey, comments: [],
  };
}

/** One onboarding as GitHub holds it plus Embark's stored state, and what reads it. */
export interface World {
  template: Template;
  config: EmbarkConfig;
  calendar: BusinessCalendar;
  snapshot: OnboardingSnapshot;
  state: StoredState;
  readItems: ItemReader;
  /** Next comment id the pretend GitHub hands out. */
  nextId: number;
}

/**
 * The onboarding right after its start: stage issues #2-#4 created from `planStart`, the EPIC body
 * linked, and the first reconcile applied (stage 0 active). `raw` overrides config keys.
 */
export function startedWorld(raw: Record<string, unknown> = {}): World {
  const template = parsedTemplate();
  const cfg = config(raw);
  const body = template.body!;
  const epic = epicIssue(body);
  const plan = planStart({ template, templateFile: '.github/ISSUE_TEMPLATE/msp.md', stages: template.stages, customer: 'Contoso', epic, existing: [], config: cfg, now: T0 });
  const stageIssues = plan.specs.map((spec) => stageIssueFrom(spec, ISSUE[spec.stageKey as keyof typeof ISSUE]));
  for (const s of plan.state.stages) s.issue = stageIssues.find((i) => i.stageKey === s.key)!.number;
  const links = plan.state.stages.map((s) => ({ stageKey: s.key, issueNumber: s.issue!, done: false }));
  epic.body = linkStagesInEpicBody({ body, stages: template.stages, links });
  const world: World = {
    template,
    config: cfg,
    calendar: createCalendar(cfg.calendar),
    snapshot: { repo: { owner: 'acme', name: 'onboarding', nodeId: 'R_1' }, epic, stageIssues, otherSubIssues: [], statusComment: null, epicNotices: [] },
    state: plan.state,
    readItems: itemReaderFor(plan.state),
    nextId: 500,
  };
  step(world, { type: 'recompute' }, T0);
  return world;
}

export function issueOf(world: World, number: number): IssueSnapshot | StageIssueSnapshot {
  const found = number === world.snapshot.epic.number ? world.snapshot.epic : world.snapshot.stageIssues.find((i) => i.number === number);
  if (!found) throw new Error(`no issue #${number}`);
  return found;
}

export function stageIssue(world: World, key: keyof typeof ISSUE): StageIssueSnapshot {
  return world.snapshot.stageIssues.find((i) => i.stageKey === key)!;
}

/** Apply a plan to the snapshot as GitHub would: the tiny executor these tests trust. */
export function applyActions(world: World, actions: Action[], now: string): void {
  const { snapshot } = world;
  for (const a of actions) {
    switch (a.kind) {
      case 'closeIssue': {
        const issue = issueOf(world, a.issue);
        issue.state = 'closed';
        issue.stateReason = a.reason;
        issue.closedAt = now;
        break;
      }
      case 'reopenIssue': {
        const issue = issueOf(world, a.issue);
        issue.state = 'open';
        issue.stateReason = 'reopened';
        issue.closedAt = null;
        break;
      }
      case 'setLabels': {
        const issue = issueOf(world, a.issue);
        issue.labels = [...issue.labels.filter((l) => !a.remove.includes(l)), ...a.add.filter((l) => !issue.labels.includes(l))];
        break;
      }
      case 'addAssignees': {
        const issue = issueOf(world, a.issue);
        issue.assignees = [...new Set([...issue.assignees, ...a.assignees])];
        break;
      }
      case 'removeAssignees': {
        const issue = issueOf(world, a.issue);
        issue.assignees = issue.assignees.filter((u) => !a.assignees.includes(u));
        break;
      }
      case 'setCheckbox': {
        const issue = issueOf(world, a.issue);
        const target = 'issueRef' in a.target ? { text: `#${a.target.issueRef}` } : a.target;
        const flipped = setCheckbox(issue.body, target, a.checked);
        if (!flipped) throw new Error(`setCheckbox: no task ${JSON.stringify(target)} in #${a.issue}`);
        issue.body = flipped.body;
        break;
      }
      case 'setOwnersLine': {
        const issue = issueOf(world, a.issue);
        issue.body = issue.body.replace(/^\*\*Owners:\*\*.*$/m, a.line);
        break;
      }
      case 'comment': {
        const comment = { id: world.nextId++, nodeId: `C_${world.nextId}`, body: a.body, author: 'embark[bot]', byApp: true, editor: null, createdAt: now };
        if (a.issue === snapshot.epic.number) snapshot.epicNotices.push(comment);
        else (issueOf(world, a.issue) as StageIssueSnapshot).comments.push(comment);
        break;
      }
      case 'saveStatus': {
        const id = snapshot.statusComment?.id ?? world.nextId++;
        snapshot.statusComment = { id, nodeId: `C_${id}`, body: a.body, author: 'embark[bot]', byApp: true, editor: null, createdAt: now };
        break;
      }
      default:
        throw new Error(`the test executor does not apply ${a.kind}`);
    }
  }
}

/**
 * A plan as short lines a table can hold: `closeIssue #2`, `reopenIssue #1`,
 * `setLabels #2 +stage: done -stage: active`, `comment #3 activate:stage-1`,
 * `setCheckbox #1 #2 ticked`, `setCheckbox #3 "Engineer >> Admin access granted" cleared`,
 * `addAssignees #3 bob carol`, `setOwnersLine #3 <line>`, `saveStatus #1` (`unchanged` when the text is the same).
 */
export function describeActions(actions: Action[]): string[] {
  return actions.map((a) => {
    switch (a.kind) {
      case 'closeIssue':
        return `closeIssue #${a.issue}${a.reason === 'completed' ? '' : ` ${a.reason}`}`;
      case 'reopenIssue':
        return `reopenIssue #${a.issue}`;
      case 'setLabels':
        return [`setLabels #${a.issue}`, ...a.add.map((l) => `+${l}`), ...a.remove.map((l) => `-${l}`)].join(' ');
      case 'addAssignees':
      case 'removeAssignees':
        return `${a.kind} #${a.issue} ${a.assignees.join(' ')}`;
      case 'setCheckbox':
        return `setCheckbox #${a.issue} ${'issueRef' in a.target ? `#${a.target.issueRef}` : `"${a.target.text}"`} ${a.checked ? 'ticked' : 'cleared'}`;
      case 'setOwnersLine':
        return `setOwnersLine #${a.issue} ${a.line}`;
      case 'comment':
        return `comment #${a.issue} ${a.key}`;
      case 'saveStatus':
        return `saveStatus #${a.epic}${a.existing?.body === a.body ? ' unchanged' : ''}`;
      default:
        return a.kind;
    }
  });
}

/** Run reconcile on the world and apply its plan; the world then holds the new state. */
export function step(world: World, event: ProgressEvent, now: string): ReconcileResult {
  const result = reconcile({ snapshot: world.snapshot, stored: world.state, event, now, labels: world.config.labels, readItems: world.readItems, calendar: world.calendar });
  applyActions(world, result.actions, now);
  world.state = result.state;
  return result;
}

/** The raw task text (role marker included) of an item, as a body diff reports it. */
function rawTask(body: string, itemText: string): string {
  const task = readTasks(body).find((t) => t.text === itemText || t.text.endsWith(`>> ${itemText}`));
  if (!task) throw new Error(`no task "${itemText}"`);
  return task.text;
}

/**
 * A person edits a stage issue body, ticking (or clearing) the named items: the body changes in
 * the snapshot and the `edited` event a webhook would bring is returned.
 */
export function edit(world: World, issue: number, items: string[], to: boolean, args: { actor?: string; at: string }): Extract<ProgressEvent, { type: 'edited' }> {
  const target = issueOf(world, issue);
  const changes: CheckboxChange[] = [];
  for (const item of items) {
    const text = rawTask(target.body, item);
    const flipped = setCheckbox(target.body, { text }, to);
    if (!flipped) throw new Error(`cannot flip "${item}"`);
    target.body = flipped.body;
    changes.push({ text, from: !to, to });
  }
  return { type: 'edited', issue, actor: args.actor ?? 'bob', at: args.at, changes };
}

/** Tick every item of a stage issue but the ones named (the event is not run). */
export function tickAllBut(world: World, issue: number, keep: string[], at: string): Extract<ProgressEvent, { type: 'edited' }> {
  const items = world.readItems(issueOf(world, issue).body).filter((i) => !i.checked && !keep.includes(i.text)).map((i) => i.text);
  return edit(world, issue, items, true, { at });
}

/** A person closes (or reopens) an issue on GitHub: the snapshot changes and the event is returned. */
export function closeByHand(world: World, issue: number, args: { actor?: string; at: string }): ProgressEvent {
  const target = issueOf(world, issue);
  target.state = 'closed';
  target.stateReason = 'completed';
  target.closedAt = args.at;
  return { type: 'closed', issue, actor: args.actor ?? 'alice', at: args.at };
}

export function reopenByHand(world: World, issue: number, args: { actor?: string; at: string }): ProgressEvent {
  const target = issueOf(world, issue);
  target.state = 'open';
  target.stateReason = 'reopened';
  target.closedAt = null;
  return { type: 'reopened', issue, actor: args.actor ?? 'alice', at: args.at };
}

/** Stage views of the world now. */
export function views(world: World): StageView[] {
  return deriveStages(world.snapshot, world.state, world.readItems);
}

/** The facts of one stage a row may assert on. */
export function stageFacts(world: World, key: keyof typeof ISSUE) {
  const stored = world.state.stages.find((s) => s.key === key)!;
  const view = views(world).find((s) => s.key === key)!;
  const issue = stageIssue(world, key);
  return {
    status: view.status,
    issueState: issue.state,
    labels: issue.labels.filter((l) => l.startsWith('stage:')),
    startedAt: stored.startedAt,
    completedAt: stored.completedAt,
    reopened: stored.reopened,
    leftOpen: stored.leftOpen,
    contributors: stored.contributors,
    missing: stored.missing,
  };
}

/** Log texts in `after` and not in `before`: what a step added, oldest first (as written for one instant). */
export function newLogTexts(before: StoredState, after: StoredState): string[] {
  const id = (e: StoredState['log'][number]) => `${e.key ?? ''}|${e.at}|${e.text}`;
  const seen = new Set(before.log.map(id));
  const fresh = after.log.filter((e) => !seen.has(id(e)));
  return fresh.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => e.text);
}

/** Link numbers whose box is ticked in the EPIC body. */
export function epicLinksTicked(world: World): number[] {
  return world.readItems(world.snapshot.epic.body).filter((i) => i.checked).map((i) => Number(i.text.replace('#', '')));
}

/** The outcome of one comment of commands, then the recompute the handler runs after it. */
export interface CommandOutcome {
  replies: CommandReply[];
  /** What the commands asked for, then what the reconcile after them asked for. */
  commandActions: string[];
  reconcileActions: string[];
  log: string[];
  /** Customer mails the commands asked for (`/remind customer`). */
  mails: MailDue[];
}

/**
 * Post a comment of slash commands on an issue as `actor`: the comment's lines run through
 * `runCommands` (the loop `handlers/commands.ts` calls), then reconcile recomputes, and both
 * plans are applied to the world (as the handler does, minus the HTTP).
 */
export function comment(
  world: World,
  body: string,
  args: { actor?: string; onIssue?: number; now: string; permission?: RepositoryPermission; commentId?: number; customerMail?: CommandContext['customerMail'] },
): CommandOutcome {
  const parsed = parseCommands(body);
  if (parsed.errors.length > 0) throw new Error(`fixture comment did not parse: ${parsed.errors.map((e: CommandError) => e.message).join('; ')}`);
  const actor = args.actor ?? 'alice';
  const ctx: CommandContext = {
    actor,
    onIssue: args.onIssue ?? EPIC,
    permission: args.permission ?? PEOPLE[actor] ?? 'none',
    now: args.now,
    config: world.config,
    readItems: world.readItems,
    collaborators: PEOPLE,
    calendar: world.calendar,
    commentKey: `manual:${args.commentId ?? 900}`,
    share: () => ({ ok: false, state: null, reply: 'no status page in these tests' }),
    customerMail: args.customerMail ?? { on: true, why: null },
  };
  const before = world.state;
  // The handler's own loop: every line on one working copy, then the recompute after it.
  const work = runCommands({ state: world.state, snapshot: world.snapshot }, commandLines(parsed), ctx);
  const replies = work.replies;
  const result = reconcile({ snapshot: work.snapshot, stored: work.state, event: { type: 'recompute' }, now: args.now, labels: world.config.labels, readItems: world.readItems, calendar: world.calendar });
  applyActions(world, work.actions, args.now);
  // The commands' plan, applied to GitHub's copy, must land where their working copy already is
  // (issue states and boxes: what the recompute after them reads).
  const seen = (issue: { number: number; state: string; body: string }) => ({ n: issue.number, state: issue.state, boxes: readTasks(issue.body).map((t) => t.checked) });
  for (const issue of [work.snapshot.epic, ...work.snapshot.stageIssues]) expect(seen(issueOf(world, issue.number))).toEqual(seen(issue));
  applyActions(world, result.actions, args.now);
  world.state = result.state;
  return { replies, commandActions: describeActions(work.actions), reconcileActions: describeActions(result.actions), log: newLogTexts(before, world.state), mails: work.mails };
}

/** Recompute until nothing changes; fails when it does not settle (a plan that never converges). */
export function settle(world: World, now: string, rounds = 4): string[][] {
  const plans: string[][] = [];
  for (let i = 0; i < rounds; i++) {
    const plan = describeActions(step(world, { type: 'recompute' }, now).actions);
    plans.push(plan);
    if (plan.length === 1 && plan[0] === `saveStatus #${EPIC} unchanged`) return plans;
  }
  throw new Error(`did not settle: ${JSON.stringify(plans)}`);
}

/**
 * Template upgrades on the pure test world of `fixture.ts`: run `/upgrade` lines through the
 * command loop with the template's new version, create the stage issues the plan asks for (as the
 * handler does, first), then recompute, all applied to the world.
 */
import { editChecklist } from '../../src/checklist/edit-checklist.js';
import { readTasks } from '../../src/checklist/index.js';
import { parseCommands } from '../../src/commands/index.js';
import type { CommandContext, CommandReply } from '../../src/onboarding/apply-command.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import type { Action } from '../../src/onboarding/plan.js';
import { reconcile } from '../../src/onboarding/reconcile.js';
import { commandLines, runCommands } from '../../src/onboarding/run-commands.js';
import { splitRetired } from '../../src/template/retired.js';
import { parseTemplate, type Template } from '../../src/template/index.js';
import { applyActions, EPIC, PEOPLE, TEMPLATE, type World } from './fixture.js';

/** The fixture template with `edit` applied to its text, parsed (must parse). */
export function templateV2(edit: (text: string) => string): Template {
  const parsed = parseTemplate(edit(TEMPLATE), { file: '.github/ISSUE_TEMPLATE/msp.md' });
  if (!parsed.ok || !parsed.template) throw new Error(`v2 template: ${JSON.stringify(parsed.errors)}`);
  return parsed.template;
}

/** Where the world's next new stage issue is numbered from. */
let nextIssue = 100;

/** Apply a plan to the world, the upgrade's own actions included. */
export function applyUpgradeActions(world: World, actions: Action[], now: string): void {
  const rest: Action[] = [];
  for (const a of actions) {
    if (a.kind === 'editChecklist') {
      const issue = world.snapshot.stageIssues.find((i) => i.number === a.issue)!;
      issue.body = editChecklist(issue.body, a.edits).body;
      if (a.title) issue.title = a.title;
    } else rest.push(a);
  }
  applyActions(world, rest, now);
}

/** Comment `text` (`/upgrade`, `/upgrade confirm`) on the EPIC with `template` as the repository now holds it. */
export function upgrade(world: World, text: string, template: Template | null, args: { now: string; actor?: string }): CommandReply[] {
  const actor = args.actor ?? 'alice';
  const ctx: CommandContext = {
    actor, onIssue: EPIC, permission: PEOPLE[actor] ?? 'none', now: args.now, config: world.config, readItems: world.readItems, collaborators: PEOPLE,
    calendar: world.calendar, commentKey: 'manual:901', share: () => ({ ok: false, state: null, reply: '' }), customerMail: { on: true, why: null },
    upgradeSource: template ? { file: '.github/ISSUE_TEMPLATE/msp.md', result: { ok: true, errors: [], template } } : null,
  };
  const run = runCommands({ state: world.state, snapshot: world.snapshot }, commandLines(parseCommands(text)), ctx);
  // The handler creates new stages first, then records their issues.
  const create = run.actions.find((a): a is Extract<Action, { kind: 'createStageIssues' }> => a.kind === 'createStageIssues');
  for (const spec of create?.specs ?? []) {
    const number = nextIssue++;
    run.snapshot.stageIssues.push({
      number, nodeId: `I_stage${number}`, databaseId: 1000 + number, title: spec.title, body: spec.body, state: 'open', stateReason: null,
      createdAt: args.now, closedAt: null, assignees: [...spec.assignees], labels: [...spec.labels], stageKey: spec.stageKey, comments: [],
    });
    run.state.stages.find((s) => s.key === spec.stageKey)!.issue = number;
  }
  for (const issue of run.snapshot.stageIssues) if (!world.snapshot.stageIssues.some((i) => i.number === issue.number)) world.snapshot.stageIssues.push(structuredClone(issue));
  applyUpgradeActions(world, run.actions.filter((a) => a !== create), args.now);
  world.readItems = itemReaderFor(run.state);
  const result = reconcile({ snapshot: run.snapshot, stored: run.state, event: { type: 'recompute' }, now: args.now, labels: world.config.labels, readItems: world.readItems, calendar: world.calendar });
  applyActions(world, result.actions, args.now);
  world.state = result.state;
  return run.replies;
}

/** Every task of every stage issue: `#3 [x] Engineer >> Admin access granted`. */
export function checklists(world: World): string[] {
  return world.snapshot.stageIssues.flatMap((i) => readTasks(i.body).map((t) => `#${i.number} [${t.checked ? 'x' : ' '}] ${t.text}`));
}

/** The ticked tasks of each issue, marks set aside. */
export function ticked(world: World): Map<number, string[]> {
  return new Map(world.snapshot.stageIssues.map((i) => [i.number, readTasks(i.body).filter((t) => t.checked).map((t) => splitRetired(t.text).text)]));
}

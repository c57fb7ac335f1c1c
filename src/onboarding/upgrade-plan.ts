/**
 * Bringing a running onboarding up to its template's current version (pure): what would change,
 * as notes for people, and the plan that makes it so.
 *
 * Rules, so that an upgrade never loses work:
 * - nothing ticked is unticked or removed; an item the template dropped stays, marked as no
 *   longer in the template (it then never blocks its stage); items people added by hand stay as
 *   they are;
 * - stages that are done are not edited: what the new version adds to them is only listed;
 * - a reworded item is changed in place and keeps its tick; a moved item that is ticked stays
 *   where it was done; an unticked one moves (marked where it was, added where it goes);
 * - new items go unticked into the stages that are not done, after the item that precedes them
 *   in the template; new stages are created (pending) where the template puts them, existing
 *   stages keep their order, issue and key;
 * - `when:` conditions read the EPIC's intake fields as they are now, as a start does: items that
 *   do not apply are not added, a new stage that does not apply is recorded as not applicable
 *   (no issue; `/replan` adds it once a field changes), and stages left out stay untouched; a new
 *   stage takes its `after:`, `deadline:` and `optional:`;
 * - the onboarding then records the new version, fingerprint and item set.
 * Planned from what GitHub holds now, so planning again after the plan was applied (or half
 * applied) finds nothing more to do.
 */
import { type ChecklistEdit, editChecklist, type TaskAnchor } from '../checklist/edit-checklist.js';
import type { EmbarkConfig } from '../config.js';
import { ownersLine, renderStageIssue, stageIssueTitle } from '../render/stage-issue.js';
import { setCheckbox } from '../checklist/index.js';
import { evaluateVariants } from '../template/conditions.js';
import { diffChecklists, type ItemMatch } from '../template/diff.js';
import { templateFingerprint, templateItemHashes } from '../template/fingerprint.js';
import type { Template } from '../template/model.js';
import { parseIssueBody } from '../template/parse.js';
import { RETIRED_NOTE, retiredSuffix } from '../template/retired.js';
import { prerequisites } from '../template/stage-graph.js';
import { graphFields, stageGraphOf } from './graph.js';
import type { Action, StageIssueSpec } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import { ownersByRole, roleAliases } from './start.js';
import { newStageState, type StageState, type StoredState } from './state.js';
import { type OnboardingItem, type OnboardingStage, onboardingSide, type TemplateSideStage, templateSide } from './upgrade-sides.js';
import { deriveStages, type ItemReader } from './view.js';

export interface UpgradeInput {
  state: StoredState;
  snapshot: OnboardingSnapshot;
  readItems: ItemReader;
  /** The template as it is now, and where it came from. */
  template: Template;
  file: string;
  config: EmbarkConfig;
  now: string;
}

/** One change the new version brings, and what the upgrade does with it. */
export interface UpgradeNote {
  kind: 'stage-added' | 'stage-renamed' | 'stage-removed' | 'item-added' | 'item-reworded' | 'item-moved' | 'item-removed' | 'item-restored';
  /** The stage it concerns (its title in the new version when it has one). */
  stage: string;
  /** The item's text (new version), or the stage's title. */
  text: string;
  /** The old text or title, or the stage an item moved from. */
  before?: string;
  /**
   * `apply`: changed in the onboarding; `finished`: its stage is done, so only listed;
   * `ticked`: a moved item already done stays where it was done.
   */
  effect: 'apply' | 'finished' | 'ticked';
}

export interface UpgradePlan {
  /** The template version and fingerprint upgraded to. */
  version: string | null;
  fingerprint: string;
  notes: UpgradeNote[];
  /** Nothing to change in the checklist (the recorded version may still differ). */
  empty: boolean;
  /** Creations first (new stages), then checklist edits, Owners lines and assignees. */
  actions: Action[];
  /** The state once applied: the new version recorded, new stages in place. */
  state: StoredState;
  /** The snapshot as GitHub will hold it once the edits are applied (new stages not yet created). */
  snapshot: OnboardingSnapshot;
}

const anchorOf = (item: OnboardingItem): TaskAnchor => ({ text: item.raw, occurrence: item.occurrence });

/** A stage key not used by the onboarding yet: the template's, else with `-2`, `-3`. */
function freeKey(key: string, used: Set<string>): string {
  let candidate = key;
  for (let n = 2; used.has(candidate); n++) candidate = `${key}-${n}`;
  used.add(candidate);
  return candidate;
}

/** Plan the upgrade; see the module comment for the rules. */
export function planUpgrade(input: UpgradeInput): UpgradePlan {
  const { template, config, now } = input;
  const snapshot = structuredClone(input.snapshot);
  const state = structuredClone(input.state);
  const views = deriveStages(snapshot, state, input.readItems);
  const before = onboardingSide(state, views);
  const fields = parseIssueBody(snapshot.epic.body, template).template?.fields ?? [];
  const applies = evaluateVariants(template.stages, fields).applies;
  const after = templateSide(template, new Set(Object.keys(applies).filter((k) => k.includes('.') && !applies[k])));
  const diff = diffChecklists(before, after);
  const notes: UpgradeNote[] = [];
  const edits = new Map<number, ChecklistEdit[]>();
  const edit = (stage: OnboardingStage, e: ChecklistEdit) => {
    const issue = stage.view.issue!.number;
    edits.set(issue, [...(edits.get(issue) ?? []), e]);
  };
  const oldOfNew = new Map(diff.stages.filter((s) => s.new !== null).map((s) => [s.new!, s.old]));
  const oldItem = (m: ItemMatch) => before[m.old!.stage]!.items[m.old!.item]!;
  const newItem = (m: ItemMatch) => after[m.new!.stage]!.items[m.new!.item]!;
  const titleOf = (n: number) => after[n]!.title;
  // What the recorded version already had in that stage: a change the onboarding was told of
  // when it took that version (listed for a done stage, a ticked item left where it was done).
  const recorded = new Set(state.template.items ?? []);
  const knownHere = (n: number, hash: string) => recorded.has(`${after[n]!.key}.${hash}`);

  // Stages: renamed ones take their new title (unless done); new ones are planned below.
  const titles = new Map<string, { title: string; number: number | null }>();
  for (const s of diff.stages) {
    if (s.old === null) {
      if (applies[after[s.new!]!.key] !== false) notes.push({ kind: 'stage-added', stage: titleOf(s.new!), text: titleOf(s.new!), effect: 'apply' });
    }
    else if (s.new === null) {
      // Worth saying while something of the template's is left in it (marked by this upgrade, or kept in a done stage).
      const old = before[s.old]!;
      if (old.items.some((i) => i.fromTemplate && !i.retired)) notes.push({ kind: 'stage-removed', stage: old.title, text: old.title, effect: old.frozen ? 'finished' : 'apply' });
    } else if (before[s.old]!.title !== titleOf(s.new) && !before[s.old]!.frozen) {
      // A done stage keeps its title (the record of what was done).
      const old = before[s.old]!;
      notes.push({ kind: 'stage-renamed', stage: titleOf(s.new), text: titleOf(s.new), before: old.title, effect: 'apply' });
      titles.set(old.key, { title: titleOf(s.new), number: after[s.new]!.number });
    }
  }

  // Items, stage by stage of the new version: inserts after the item that precedes them there.
  const newStageTicks = new Map<number, string[]>();
  after.forEach((stage, n) => {
    const o = oldOfNew.get(n) ?? null;
    const target = o === null ? null : before[o]!;
    let anchor: TaskAnchor | null = null;
    let pending: string[] = [];
    const flush = () => {
      if (target && pending.length > 0) edit(target, { kind: 'insert', after: anchor, texts: pending });
      pending = [];
    };
    stage.items.forEach((_, i) => {
      const m = diff.items.find((x) => x.new?.stage === n && x.new.item === i)!;
      const item = newItem(m);
      const from = m.old ? oldItem(m) : null;
      const fromStage = m.old ? before[m.old.stage]! : null;
      if (m.kind === 'same' || m.kind === 'reworded') {
        flush();
        anchor = anchorOf(from!);
        const changed = m.kind === 'reworded' || from!.retired;
        if (!changed) return;
        const kind = from!.retired && m.kind === 'same' ? 'item-restored' : 'item-reworded';
        if (target!.frozen && knownHere(n, item.hash)) return;
        notes.push({ kind, stage: stage.title, text: item.text, before: from!.text, effect: target!.frozen ? 'finished' : 'apply' });
        if (!target!.frozen && from!.raw !== item.raw) edit(target!, { kind: 'reword', target: anchorOf(from!), text: item.raw });
        return;
      }
      if (m.kind === 'moved') {
        const effect = from!.checked ? 'ticked' : target?.frozen ? 'finished' : 'apply';
        if (effect !== 'apply' && knownHere(n, item.hash)) return;
        notes.push({ kind: 'item-moved', stage: stage.title, text: item.text, before: fromStage!.title, effect });
        if (effect === 'ticked') {
          // Done already: it stays where it was done, and counts there; a new stage shows it done too.
          if (!target) newStageTicks.set(n, [...(newStageTicks.get(n) ?? []), item.raw]);
          return;
        }
        if (effect === 'finished') return;
        if (!fromStage!.frozen && !from!.retired) edit(fromStage!, { kind: 'retire', target: anchorOf(from!), suffix: retiredSuffix(`moved to ${stage.title} in the template`) });
        pending.push(item.raw);
        return;
      }
      // Added (the items of a new stage come with it: its own note says so).
      if (!target || (target.frozen && knownHere(n, item.hash))) return;
      notes.push({ kind: 'item-added', stage: stage.title, text: item.text, effect: target.frozen ? 'finished' : 'apply' });
      if (!target.frozen) pending.push(item.raw);
    });
    flush();
  });
  for (const m of diff.items) {
    if (m.kind !== 'removed') continue;
    const item = oldItem(m);
    const stage = before[m.old!.stage]!;
    // Items people added by hand, and items marked by an earlier upgrade, are not the template's to drop.
    if (!item.fromTemplate || item.retired) continue;
    notes.push({ kind: 'item-removed', stage: stage.title, text: item.text, effect: stage.frozen ? 'finished' : 'apply' });
    if (!stage.frozen) edit(stage, { kind: 'retire', target: anchorOf(item), suffix: retiredSuffix(RETIRED_NOTE) });
  }

  // The new state: the version, roles and settings of the new template, stages in place.
  const fingerprint = templateFingerprint(template);
  state.template = { name: template.name, version: template.version, file: input.file, fingerprint, items: templateItemHashes(template) };
  for (const [role, aliases] of Object.entries(roleAliases(template))) state.roleAliases[role] = [...new Set([...(state.roleAliases[role] ?? []), ...aliases])];
  const known = new Set(Object.keys(state.roles).map((r) => r.toLowerCase()));
  for (const [role, who] of Object.entries(ownersByRole(template, config))) if (!known.has(role.toLowerCase())) state.roles[role] = who;
  state.optional = [...new Set([...state.optional, ...template.settings.optional])];
  state.customerItems = [...new Set([...(state.customerItems ?? []), ...(template.settings.customerItems ?? [])])];
  for (const s of state.stages) {
    const t = titles.get(s.key);
    if (t) Object.assign(s, t);
  }
  const actions: Action[] = [];
  const specs = placeNewStages({ input, state, snapshot, after, oldOfNew, newStageTicks, applies: (key) => applies[key] !== false });
  const existing = Object.fromEntries(snapshot.stageIssues.map((i) => [i.stageKey, i.nodeId]));
  if (specs.length > 0) actions.push({ kind: 'createStageIssues', parent: { nodeId: snapshot.epic.nodeId, number: snapshot.epic.number }, specs, existing });

  // Checklist edits, then each edited stage's Owners line and assignees for the roles it gains.
  for (const [issueNumber, list] of edits) {
    const issue = snapshot.stageIssues.find((i) => i.number === issueNumber)!;
    const key = issue.stageKey;
    const title = titles.get(key) ? stageIssueTitle(snapshot.epic.title, titles.get(key)!.title) : undefined;
    actions.push({ kind: 'editChecklist', issue: issueNumber, edits: list, ...(title ? { title } : {}) });
    const rolesBefore = rolesOf(input.readItems(issue.body));
    issue.body = editChecklist(issue.body, list).body;
    if (title) issue.title = title;
    actions.push(...ownerActions({ issue, rolesBefore, roles: rolesOf(input.readItems(issue.body)), state }));
  }
  for (const [key, t] of titles) {
    const issue = snapshot.stageIssues.find((i) => i.stageKey === key);
    if (!issue || edits.has(issue.number)) continue;
    const title = stageIssueTitle(snapshot.epic.title, t.title);
    actions.push({ kind: 'editChecklist', issue: issue.number, edits: [], title });
    issue.title = title;
  }
  state.upgradePreview = null;
  const empty = notes.length === 0;
  return { version: template.version, fingerprint, notes, empty, actions, state, snapshot };
}

function rolesOf(items: { role: string | null }[]): string[] {
  return [...new Set(items.map((i) => i.role).filter((r): r is string => r !== null))];
}

/** A stage's Owners line and assignees when its roles changed. */
function ownerActions(args: { issue: OnboardingSnapshot['stageIssues'][number]; rolesBefore: string[]; roles: string[]; state: StoredState }): Action[] {
  const { issue, roles, state } = args;
  const gained = roles.filter((r) => !args.rolesBefore.includes(r));
  if (gained.length === 0) return [];
  const people = [...new Set(gained.flatMap((r) => state.roles[r] ?? []))].filter((p) => !issue.assignees.includes(p));
  const actions: Action[] = [{ kind: 'setOwnersLine', issue: issue.number, line: ownersLine(roles, state.roles) }];
  if (people.length > 0) actions.push({ kind: 'addAssignees', issue: issue.number, assignees: people.slice(0, 10) });
  return actions;
}

/**
 * New stages into the state, where the template puts them among the stages the onboarding keeps
 * (in their order), with a free key each; the specs of those to create (one whose issue an
 * interrupted upgrade already created is adopted, not created twice).
 */
function placeNewStages(args: {
  input: UpgradeInput;
  state: StoredState;
  snapshot: OnboardingSnapshot;
  after: TemplateSideStage[];
  oldOfNew: Map<number, number | null>;
  newStageTicks: Map<number, string[]>;
  applies: (key: string) => boolean;
}): StageIssueSpec[] {
  const { input, state, snapshot, after } = args;
  // Graph templates: a new stage waits for its prerequisites, in its text and as GitHub's "blocked by".
  const usesGraph = input.template.stages.some((s) => s.after != null);
  const pre = prerequisites(stageGraphOf(input.template.stages, args.applies));
  const titleOf = (key: string) => input.template.stages.find((s) => s.key === key)?.title ?? key;
  const used = new Set(state.stages.map((s) => s.key));
  const placed: Array<StageState | null> = after.map((_, n) => {
    const o = args.oldOfNew.get(n);
    return o === null || o === undefined ? null : state.stages[o]!;
  });
  const specs: StageIssueSpec[] = [];
  after.forEach((side, n) => {
    if (placed[n] !== null) return;
    const key = freeKey(side.key, used);
    const adopted = snapshot.stageIssues.find((i) => i.stageKey === key);
    const applicable = args.applies(side.key);
    const dueDays = side.stage.dueDays ?? (side.stage.deadlineDays ? null : input.config.defaultStageDays);
    const stage = newStageState({ key, title: side.title, number: side.number, issue: adopted?.number ?? null, dueDays, addedAt: input.now, ...graphFields(side.stage, applicable) });
    placed[n] = stage;
    // After the stage that precedes it in the template, or first.
    const previous = placed.slice(0, n).reverse().find((s) => s !== null && state.stages.includes(s));
    state.stages.splice(previous ? state.stages.indexOf(previous) + 1 : 0, 0, stage);
    if (adopted || !applicable) return;
    const waitsFor = usesGraph ? (pre.get(side.key) ?? []) : undefined;
    const rendered = renderStageIssue({ template: input.template, stage: { ...side.stage, key }, customer: state.customer, epic: { number: snapshot.epic.number, title: snapshot.epic.title }, owners: state.roles, waitsFor: waitsFor?.map(titleOf) });
    let body = rendered.body;
    for (const raw of args.newStageTicks.get(n) ?? []) body = setCheckbox(body, { text: raw }, true)?.body ?? body;
    specs.push({ stageKey: key, title: rendered.title, body, assignees: rendered.assignees, labels: [input.config.labels.stage, input.config.labels.pending], blockedBy: waitsFor ?? [] });
  });
  return specs;
}

/**
 * `/replan` (pure): what a changed intake field changes in an onboarding whose template has
 * `when:` stages, and, with `/replan confirm`, the change itself. Stages whose condition now holds
 * are added (a new stage issue, or the one they had reopened); stages whose condition no longer
 * holds are marked not applicable and their issue closed as not planned. Nothing is deleted: an
 * issue and its ticked items stay on GitHub as they are.
 */
import { escapeUserText } from '../render/escape.js';
import { renderStageIssue } from '../render/stage-issue.js';
import { evaluateConditions } from '../template/conditions.js';
import type { IntakeField, Template } from '../template/model.js';
import { prerequisites } from '../template/stage-graph.js';
import type { StageIssueSpec } from './plan.js';
import { conditionProblems } from './start-checks.js';
import type { Work } from './transitions.js';

/** What `/replan` needs beyond the working copy. */
export interface ReplanInput {
  template: Template;
  /** The intake fields of the EPIC as it reads now. */
  fields: IntakeField[];
  confirm: boolean;
  now: string;
  actor: string;
  /** Labels a new stage issue gets. */
  labels: { stage: string; pending: string };
}

/** The reply, and the stage issues to create (only when confirmed and a stage without an issue is added). */
export interface ReplanResult {
  ok: boolean;
  text: string;
  create: StageIssueSpec[];
}

/** Work out (and with `confirm`, apply) the stages a changed intake field adds or leaves out. */
export function replan(work: Work, input: ReplanInput): ReplanResult {
  const { state, snapshot } = work;
  const stages = input.template.stages;
  if (!stages.some((s) => s.when)) return { ok: true, text: 'This template has no `when:` stages: there is nothing to replan.', create: [] };
  const conditions = evaluateConditions(stages, input.fields);
  const problems = conditionProblems(conditions);
  if (problems.length > 0) return { ok: false, text: `Nothing changed: ${problems.join(' ')}`, create: [] };
  const known = state.stages.filter((s) => stages.some((t) => t.key === s.key));
  const add = known.filter((s) => s.applicable === false && conditions.applies[s.key]);
  const drop = known.filter((s) => s.applicable !== false && conditions.applies[s.key] === false);
  if (add.length === 0 && drop.length === 0) return { ok: true, text: 'The intake fields give the same stages as now: nothing to change.', create: [] };
  const list = (xs: typeof add) => xs.map((s) => escapeUserText(s.title)).join(', ');
  const summary = [add.length > 0 ? `add ${list(add)}` : '', drop.length > 0 ? `mark ${list(drop)} not applicable` : ''].filter(Boolean).join('; ');
  if (!input.confirm) {
    return { ok: true, text: `With the intake fields as they are now, this would ${summary}. No issue or ticked item is deleted. Comment \`/replan confirm\` to do it.`, create: [] };
  }
  for (const s of drop) {
    s.applicable = false;
    const issue = snapshot.stageIssues.find((i) => i.stageKey === s.key);
    if (issue?.state === 'open') {
      work.actions.push({ kind: 'closeIssue', issue: issue.number, reason: 'not_planned' });
      issue.state = 'closed';
      issue.closedAt = input.now;
    }
  }
  const create: StageIssueSpec[] = [];
  const graph = stages.map((t) => ({ key: t.key, after: t.after ?? null, optional: t.optional === true, applicable: conditions.applies[t.key] !== false }));
  const pre = prerequisites(graph);
  const titleOf = (key: string) => stages.find((t) => t.key === key)?.title ?? key;
  for (const s of add) {
    delete s.applicable;
    const issue = snapshot.stageIssues.find((i) => i.stageKey === s.key);
    if (issue) {
      // Left out earlier and back now: its own issue reopens, ticks and all.
      if (issue.state === 'closed') {
        work.actions.push({ kind: 'reopenIssue', issue: issue.number });
        issue.state = 'open';
        issue.closedAt = null;
      }
      s.completedAt = null;
      continue;
    }
    const stage = stages.find((t) => t.key === s.key)!;
    const rendered = renderStageIssue({
      template: input.template, stage, customer: state.customer, epic: { number: snapshot.epic.number, title: snapshot.epic.title }, owners: state.roles,
      waitsFor: (pre.get(s.key) ?? []).map(titleOf),
    });
    create.push({ stageKey: s.key, title: rendered.title, body: rendered.body, assignees: rendered.assignees, labels: [input.labels.stage, input.labels.pending], blockedBy: pre.get(s.key) ?? [] });
  }
  work.log.push({ at: input.now, actor: input.actor, text: `replanned: ${summary}`, key: `replan:${input.now}` });
  return { ok: true, text: `Replanned: ${summary}.${create.length > 0 ? ` ${create.length} new stage issue${create.length === 1 ? '' : 's'}.` : ''}`, create };
}

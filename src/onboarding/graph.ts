/**
 * The stage graph of one onboarding, read from its stored stages (or a template's stages at
 * start): the bridge between Embark's state and the pure graph rules in `template/stage-graph.ts`.
 */
import type { TemplateStage } from '../template/model.js';
import { type GraphNode, isComplete, prerequisites } from '../template/stage-graph.js';
import { newStageState, type StageState } from './state.js';
import type { StageView } from './view.js';

/** Graph nodes of a template's stages, with which of them apply to this customer. */
export function stageGraphOf(stages: readonly TemplateStage[], applies: (key: string) => boolean = () => true): GraphNode[] {
  return stages.map((s) => ({ key: s.key, after: s.after ?? null, optional: s.optional === true, applicable: applies(s.key) }));
}

/** Graph nodes of an onboarding's stored stages. */
export function storedGraph(stages: readonly StageState[]): GraphNode[] {
  return stages.map((s) => ({ key: s.key, after: s.after ?? null, optional: s.optional === true, applicable: s.applicable !== false }));
}

/** The graph fields of a stage's state, set only where they differ from a linear template's. */
export function graphFields(stage: TemplateStage, applicable: boolean): Partial<StageState> {
  return {
    ...(stage.after != null ? { after: [...stage.after] } : {}),
    ...(stage.deadlineDays ? { deadlineDays: stage.deadlineDays } : {}),
    ...(stage.optional ? { optional: true as const } : {}),
    ...(applicable ? {} : { applicable: false as const }),
  };
}

/**
 * A state rebuilt from GitHub alone (the status comment was lost) knows only the stage issues it
 * found, in sub-issue order: put the template's graph back (what each stage waits for, deadlines,
 * optional stages) and the stages that had no issue because their `when:` did not hold, so the
 * onboarding runs on as it started. A template without graph settings is left as it was.
 */
export function restoreGraph(stages: StageState[], template: { stages: readonly TemplateStage[] }, defaultDays: number): StageState[] {
  const graphed = template.stages.some((s) => s.after != null || s.when || s.deadlineDays || s.optional);
  if (!graphed) return stages;
  const known = new Map(stages.map((s) => [s.key, s]));
  const ordered = template.stages.map((t) => {
    const found = known.get(t.key);
    if (found) return { ...found, ...graphFields(t, true), dueDays: t.dueDays ?? (t.deadlineDays ? null : found.dueDays) };
    return newStageState({ key: t.key, title: t.title, number: t.number, issue: null, dueDays: t.dueDays ?? (t.deadlineDays ? null : defaultDays), ...graphFields(t, false) });
  });
  return [...ordered, ...stages.filter((s) => !template.stages.some((t) => t.key === s.key))];
}

/** Stage views that count as finished for the graph: done, or their issue gone (never waited on). */
export function finishedKeys(stages: readonly StageView[]): Set<string> {
  return new Set(stages.filter((s) => s.status === 'done' || s.status === 'missing' || s.status === 'not-applicable').map((s) => s.key));
}

/** Prerequisites of each applicable stored stage (see `prerequisites`). */
export function storedPrerequisites(stages: readonly StageState[]): Map<string, string[]> {
  return prerequisites(storedGraph(stages));
}

/** Every required stage of the onboarding is finished. */
export function onboardingComplete(stages: readonly StageView[]): boolean {
  return stages.length > 0 && isComplete(storedGraph(stages.map((s) => s.stored)), finishedKeys(stages));
}

/**
 * The stage graph of one onboarding, read from its stored stages (or a template's stages at
 * start): the bridge between Embark's state and the pure graph rules in `template/stage-graph.ts`.
 */
import type { TemplateStage } from '../template/model.js';
import { type GraphNode, isComplete, prerequisites } from '../template/stage-graph.js';
import type { StageState } from './state.js';
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

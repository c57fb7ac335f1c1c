/**
 * The shell around `/replan` (`onboarding/replan.ts`): the template and the EPIC's intake fields
 * it reads, and the stage issues `/replan confirm` adds, created (with their "blocked by" links)
 * before the rest of the plan so the state saved with it names them.
 */
import { applyPlan } from '../github/apply-plan.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import type { CommandContext } from '../onboarding/apply-command.js';
import type { Action } from '../onboarding/plan.js';
import type { CommandRun } from '../onboarding/run-commands.js';
import type { OnboardingSnapshot, StageIssueSnapshot } from '../onboarding/snapshot.js';
import { parseIssueBody } from '../template/index.js';
import { knownIds, type Loaded } from './session.js';

/** The onboarding's template (by file, else name) and the intake fields of its EPIC now; null when the template is gone. */
export function variantsOf(loaded: Loaded): CommandContext['variants'] {
  const marked = loaded.state?.template;
  const source = loaded.setup.templates.find((t) => (marked?.file && t.file === marked.file) || t.result.template?.name === marked?.name);
  const template = source?.result.template;
  if (!template) return null;
  return { template, fields: parseIssueBody(loaded.snapshot.epic.body, template).template?.fields ?? [] };
}

type Create = Extract<Action, { kind: 'createStageIssues' }>;

/**
 * Create the stage issues a `/replan confirm` asked for, record their numbers in the run's state,
 * and hand back the snapshot with them and the rest of the plan.
 */
export async function createReplanned(octokit: Octokit, ref: RepoRef, loaded: Loaded, run: CommandRun, now: string): Promise<{ snapshot: OnboardingSnapshot; actions: Action[] }> {
  const creates = run.actions.filter((a): a is Create => a.kind === 'createStageIssues');
  if (creates.length === 0) return { snapshot: run.snapshot, actions: run.actions };
  const result = await applyPlan({ octokit, ...ref, ids: knownIds(loaded) }, creates);
  const specs = creates.flatMap((c) => c.specs);
  const made: StageIssueSnapshot[] = result.created.map((c) => {
    const spec = specs.find((s) => s.stageKey === c.stageKey)!;
    return {
      number: c.number, nodeId: c.nodeId, databaseId: c.databaseId, title: spec.title, body: spec.body, state: 'open', stateReason: null,
      createdAt: now, closedAt: null, assignees: [], labels: spec.labels, stageKey: c.stageKey, comments: [],
    };
  });
  for (const s of run.state.stages) s.issue = made.find((m) => m.stageKey === s.key)?.number ?? s.issue;
  if (result.createFailures.length > 0) throw new Error(`could not create ${result.createFailures.length} stage issue(s): ${result.createFailures[0]}`);
  return { snapshot: { ...run.snapshot, stageIssues: [...run.snapshot.stageIssues, ...made] }, actions: run.actions.filter((a) => a.kind !== 'createStageIssues') };
}

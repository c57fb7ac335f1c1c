/**
 * Commands that add stages (`/upgrade confirm`, `/replan confirm`) create their issues first (one
 * batched request with their "blocked by" links, as a start does), so the state saved after them
 * names them. When a creation fails nothing else is written and the job fails: its retry plans
 * again from GitHub, adopts the stage issues already created (found by their markers) and creates
 * only the missing ones.
 */
import { applyPlan } from '../github/apply-plan.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import type { Action } from '../onboarding/plan.js';
import type { OnboardingSnapshot, StageIssueSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import { knownIds, type Loaded } from './session.js';

/** A command run's outcome: what the step after it applies. */
export interface PlannedRun {
  state: StoredState;
  snapshot: OnboardingSnapshot;
  actions: Action[];
}

type Create = Extract<Action, { kind: 'createStageIssues' }>;

/** Create the stage issues `run` plans, if any; returns the run with them in its state and snapshot. */
export async function createPlannedStages(octokit: Octokit, ref: RepoRef, loaded: Loaded, run: PlannedRun, now: string): Promise<{ run: PlannedRun; labelIds: Record<string, string> }> {
  const creates = run.actions.filter((a): a is Create => a.kind === 'createStageIssues');
  if (creates.length === 0) return { run, labelIds: loaded.facts.labelIds };
  const { labels } = loaded.config;
  const result = await applyPlan({ octokit, ...ref, ids: knownIds(loaded) }, [
    { kind: 'ensureLabels', labels: [{ name: labels.stage, role: 'stage' }, { name: labels.pending, role: 'pending' }, { name: labels.active, role: 'active' }, { name: labels.done, role: 'done' }] },
    ...creates,
  ]);
  if (result.createFailures.length > 0) throw new Error(`could not create ${result.createFailures.length} new stage issue(s): ${result.createFailures[0]}`);
  const specs = creates.flatMap((c) => c.specs);
  const state = structuredClone(run.state);
  const created: StageIssueSnapshot[] = result.created.map((c) => {
    const spec = specs.find((s) => s.stageKey === c.stageKey)!;
    return {
      number: c.number, nodeId: c.nodeId, databaseId: c.databaseId, title: spec.title, body: spec.body,
      state: 'open', stateReason: null, createdAt: now, closedAt: null, assignees: spec.assignees, labels: spec.labels, stageKey: c.stageKey, comments: [],
    };
  });
  for (const s of state.stages) s.issue = created.find((c) => c.stageKey === s.key)?.number ?? s.issue;
  const snapshot = { ...run.snapshot, stageIssues: [...run.snapshot.stageIssues, ...created] };
  return { run: { state, snapshot, actions: run.actions.filter((a) => a.kind !== 'createStageIssues') }, labelIds: result.labelIds };
}

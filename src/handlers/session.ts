/**
 * Run one step of an onboarding: read GitHub (one GraphQL query), load the stored state (or
 * rebuild it), let the pure core decide, apply the plan. Callers hold the onboarding's lock.
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import { type ApplyReport, applyPlan } from '../github/apply-plan.js';
import type { KnownIds } from '../github/issue-changes.js';
import { loadRepoSetup, type RepoSetup } from '../github/load-repo-setup.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { type RepoFacts, readOnboarding } from '../github/read-onboarding.js';
import { calendarFor } from '../onboarding/due.js';
import type { ProgressEvent } from '../onboarding/events.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { Action } from '../onboarding/plan.js';
import { rebuildState, trustedStateBody } from '../onboarding/rebuild.js';
import { reconcile } from '../onboarding/reconcile.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import { roleAliases } from '../onboarding/start.js';
import { decodeState, type StoredState } from '../onboarding/state.js';
import type { StageView } from '../onboarding/view.js';
import { parseEpicMarker } from '../render/markers.js';
import type { Deps } from './deps.js';

export interface Loaded {
  snapshot: OnboardingSnapshot;
  facts: RepoFacts;
  setup: RepoSetup;
  config: EmbarkConfig;
  /** Null when this issue is not an onboarding EPIC Embark manages. */
  state: StoredState | null;
  /** True when the state came from the status comment rather than a rebuild. */
  trusted: boolean;
}

/** Read an EPIC with its stages, config and state. Null when the issue is gone. */
export async function loadOnboarding(deps: Deps, octokit: Octokit, ref: RepoRef & { epic: number }): Promise<Loaded | null> {
  const read = await readOnboarding(octokit, ref);
  if (!read) return null;
  const { snapshot, facts } = read;
  const setup = await loadRepoSetup(octokit, { ...ref, oid: facts.headOid }, { cache: deps.cache, bundled: deps.bundled });
  const config = setup.config.ok ? setup.config.config : defaultConfig;
  const body = trustedStateBody(snapshot);
  const decoded = body ? decodeState(body) : null;
  if (decoded) return { snapshot, facts, setup, config, state: decoded, trusted: true };
  const marker = parseEpicMarker(snapshot.epic.body);
  if (!marker && snapshot.stageIssues.length === 0) return { snapshot, facts, setup, config, state: null, trusted: false };
  const state = rebuildState({
    snapshot,
    config,
    template: marker ? { name: marker.template, version: null, file: marker.file ?? null } : null,
    customer: marker?.customer ?? snapshot.epic.title,
    now: deps.now().toISOString(),
  });
  const source = setup.templates.find((t) => t.file === marker?.file || t.result.template?.name === marker?.template);
  const template = source?.result.template;
  if (template) {
    state.roleAliases = roleAliases(template);
    state.optional = template.settings.optional;
  }
  return { snapshot, facts, setup, config, state, trusted: false };
}

export interface StepResult {
  actions: Action[];
  report: ApplyReport;
  stages: StageView[];
  state: StoredState;
}

/** Node ids the executor needs for its GraphQL writes, from the snapshot read. */
export function knownIds(loaded: Loaded): KnownIds {
  const { snapshot, facts, setup } = loaded;
  const issues: Record<number, string> = { [snapshot.epic.number]: snapshot.epic.nodeId };
  for (const s of snapshot.stageIssues) if (s.nodeId) issues[s.number] = s.nodeId;
  return { repository: facts.repositoryId, issues, labels: facts.labelIds, users: setup.userIds };
}

/** Reconcile an onboarding with an event (after optional state changes) and apply the plan. */
export async function step(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  loaded: Loaded & { state: StoredState },
  event: ProgressEvent,
  extra: Action[] = [],
): Promise<StepResult> {
  const now = deps.now();
  const readItems = itemReaderFor(loaded.state);
  const calendar = calendarFor(loaded.config.calendar, deps.calendars);
  const result = reconcile({ snapshot: loaded.snapshot, stored: loaded.state, event, now: now.toISOString(), labels: loaded.config.labels, readItems, calendar });
  const actions = [...extra, ...result.actions];
  const report = await applyPlan({ octokit, ...ref, ids: knownIds(loaded) }, actions);
  return { actions, report, stages: result.stages, state: result.state };
}

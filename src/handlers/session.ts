/**
 * Run one step of an onboarding: read GitHub (one GraphQL query), load the stored state (or
 * rebuild it), let the pure core decide, apply the plan. Callers hold the onboarding's lock.
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import type { MailDue } from '../customer/mail-due.js';
import { type ApplyReport, applyPlan } from '../github/apply-plan.js';
import type { KnownIds } from '../github/issue-changes.js';
import { loadRepoSetup, type RepoSetup } from '../github/load-repo-setup.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { type RepoFacts, readOnboarding } from '../github/read-onboarding.js';
import { customerMailDue, customerStagesOf, recordMailRun } from '../onboarding/customer-mail.js';
import { calendarFor } from '../onboarding/due.js';
import type { ProgressEvent } from '../onboarding/events.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { Action } from '../onboarding/plan.js';
import { restoreGraph } from '../onboarding/graph.js';
import { rebuildState, trustedStateBody } from '../onboarding/rebuild.js';
import { reconcile } from '../onboarding/reconcile.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import { roleAliases } from '../onboarding/start.js';
import { decodeState, type StoredState } from '../onboarding/state.js';
import { statusAction } from '../onboarding/status-action.js';
import type { StageView } from '../onboarding/view.js';
import { parseEpicMarker } from '../render/markers.js';
import { type MailRun, sendCustomerMail } from './customer-mail.js';
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
    state.customerItems = template.settings.customerItems ?? [];
    state.stages = restoreGraph(state.stages, template, config.defaultStageDays);
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

/**
 * Reconcile an onboarding with an event (after optional state changes) and apply the plan, with
 * the customer mail that is now due (a welcome, "your part" of a stage that just started) plus
 * `options.mails` (asked for by a command).
 */
export async function step(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  loaded: Loaded & { state: StoredState },
  event: ProgressEvent,
  extra: Action[] = [],
  options: { mails?: readonly MailDue[] } = {},
): Promise<StepResult> {
  const now = deps.now();
  const readItems = itemReaderFor(loaded.state);
  const calendar = calendarFor(loaded.config.calendar, deps.calendars);
  const result = reconcile({ snapshot: loaded.snapshot, stored: loaded.state, event, now: now.toISOString(), labels: loaded.config.labels, readItems, calendar });
  const actions = [...extra, ...result.actions];
  const applied = await applyWithMail(deps, octokit, ref, loaded, { state: result.state, stages: result.stages, actions, mails: options.mails ?? [] });
  return { actions, report: applied.report, stages: result.stages, state: applied.state };
}

/** What `applyWithMail` did. */
export interface MailedApply {
  report: ApplyReport;
  /** The state as saved (with mail recorded). */
  state: StoredState;
  /** The mail run, or null when no mail was due. */
  mail: MailRun | null;
}

/**
 * Apply a plan whose last action is the status comment. When customer mail is due, the plan's
 * GitHub writes go first, then the mail, then the status comment carrying the sent keys: a job
 * that fails before the mail sends it on its retry, and one that fails after it finds the keys.
 * Only a crash between sending and that one status write can send a mail twice (same Message-ID).
 */
export async function applyWithMail(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  loaded: Loaded,
  args: { state: StoredState; stages: StageView[]; actions: Action[]; mails: readonly MailDue[] },
): Promise<MailedApply> {
  const ctx = { octokit, ...ref, ids: knownIds(loaded) };
  const now = deps.now();
  const calendar = calendarFor(loaded.config.calendar, deps.calendars);
  const config = loaded.config;
  const due = deps.mail ? customerMailDue({ state: args.state, stages: args.stages, config: config.customer, calendar, now, extra: args.mails }) : [];
  if (!deps.mail || due.length === 0) return { report: await applyPlan(ctx, args.actions), state: args.state, mail: null };
  const status = args.actions.find((a): a is Extract<Action, { kind: 'saveStatus' }> => a.kind === 'saveStatus');
  const first = await applyPlan(ctx, args.actions.filter((a) => a !== status));
  const run = await sendCustomerMail({ mail: deps.mail, ref, state: args.state, stages: customerStagesOf(args.stages, args.state, calendar), config, mails: due, now });
  const recorded = recordMailRun({
    state: run.state, mails: due, outcome: run.outcome, stages: args.stages, now: now.toISOString(), attentionLabel: config.labels.attention, epic: loaded.snapshot.epic.number,
  });
  const body = statusAction({ state: recorded.state, stages: args.stages, snapshot: loaded.snapshot, calendar, now: now.toISOString() });
  const second = await applyPlan(ctx, [...recorded.actions, status ? { ...status, body: body.body } : body]);
  return { report: mergeReports(first, second), state: recorded.state, mail: run };
}

function mergeReports(a: ApplyReport, b: ApplyReport): ApplyReport {
  return { ...a, writes: a.writes + b.writes, reads: a.reads + b.reads, skipped: [...a.skipped, ...b.skipped] };
}

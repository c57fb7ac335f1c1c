/**
 * Start an onboarding on an issue: the issue becomes the EPIC, one sub-issue per stage is created
 * in a single batched request, the status comment is posted, and the EPIC body's stage checklists
 * are replaced by links (everything else the person wrote stays as it was).
 *
 * Idempotent and resumable: every step first looks at what GitHub already holds, so a repeated
 * delivery, a concurrent one (serialised by the lock) or a crash halfway converges on exactly one
 * stage issue per stage.
 */
import { applyPlan } from '../github/apply-plan.js';
import { type IssueTypeIds, issueTypeId, readIssueTypes } from '../github/issue-types.js';
import { resolveUserIds, type TemplateSource } from '../github/load-repo-setup.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import type { Action, LabelSpec } from '../onboarding/plan.js';
import { problemActions } from '../onboarding/problem.js';
import type { StageIssueSnapshot } from '../onboarding/snapshot.js';
import { planStart } from '../onboarding/start.js';
import { conditionProblems, startProblems } from '../onboarding/start-checks.js';
import type { StoredState } from '../onboarding/state.js';
import { linkStagesInEpicBody } from '../render/epic-body.js';
import { epicMarker, parseEpicMarker, parseStageMarker } from '../render/markers.js';
import { parseOwnersMarker } from '../render/owners-marker.js';
import { evaluateVariants } from '../template/conditions.js';
import { matchTitle, parseIssueBody } from '../template/index.js';
import type { Template } from '../template/model.js';
import { onboardingTemplates } from '../template/select.js';
import { type Deps, onboardingKey } from './deps.js';
import { knownIds, type Loaded, loadOnboarding, step } from './session.js';

export type StartOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'problem'; problems: string[] }
  | { kind: 'started'; stages: number; created: number }
  | { kind: 'resumed' };

interface StartArgs {
  template: Template;
  file: string;
  customer: string;
  stages: Template['stages'];
  /** A new title for the EPIC (an adopted issue whose title held a placeholder), or null. */
  title: string | null;
  /** Which stages apply to this customer (`when:`). */
  applies: Record<string, boolean>;
}

/** Start (or finish starting) the onboarding on issue `epic`. */
export async function startOnboarding(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef & { epic: number },
  /** `force`: start with this template and customer whatever the title says (`/onboard`); `title` renames the EPIC. */
  options: { force?: { template: TemplateSource; customer: string; title?: string } } = {},
): Promise<StartOutcome> {
  return deps.lock.run(onboardingKey(ref.owner, ref.repo, ref.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, ref);
    if (!loaded) return { kind: 'ignored', reason: 'issue not found' };
    const { snapshot, setup, config } = loaded;
    // A stage issue's title starts with its EPIC's, so it matches the template too: never start one.
    if (parseStageMarker(snapshot.epic.body)) return { kind: 'ignored', reason: 'a stage issue' };
    const marked = parseEpicMarker(snapshot.epic.body);
    if (marked && loaded.state) {
      await step(deps, octokit, ref, { ...loaded, state: loaded.state }, { type: 'recompute' });
      return { kind: 'resumed' };
    }
    const candidates = setup.config.ok ? onboardingTemplates(setup.templates, config.templates) : setup.templates;
    const matchable = candidates.map((c) => c.result.template).filter((t): t is Template => t !== null);
    const match = options.force
      ? { template: options.force.template.result.template!, customer: options.force.customer }
      : matchTitle(snapshot.epic.title, matchable);
    if (!match) return { kind: 'ignored', reason: 'title matches no onboarding template' };
    const source = options.force?.template ?? candidates.find((c) => c.result.template === match.template)!;
    const customer = match.customer.trim();
    const parsed = parseIssueBody(snapshot.epic.body, match.template);
    const stages = parsed.template?.stages ?? [];
    // Service-level variants: which stages apply, from the intake fields as the person filled them.
    const conditions = evaluateVariants(stages, parsed.template?.fields ?? []);
    const problems = [
      ...startProblems({
        configErrors: setup.config.ok ? [] : setup.config.errors,
        template: { file: source.file, result: source.result },
        customer,
        body: loaded.state ? null : { ok: parsed.ok, errors: parsed.errors, stages: stages.length },
      }),
      ...(loaded.state ? [] : conditionProblems(conditions)),
    ];
    if (problems.length > 0) {
      const seen = { notices: snapshot.epicNotices, labels: snapshot.epic.labels };
      const actions = problemActions({
        issue: ref.epic, seen, attentionLabel: config.labels.attention, title: 'start this onboarding', problems,
        fix: 'Fix the above and edit the issue (or comment `/onboard <template> <customer>` here) to try again; nothing was created.',
      });
      await applyPlan({ octokit, ...ref, ids: knownIds(loaded) }, actions);
      return { kind: 'problem', problems };
    }
    return createAndLink(deps, octokit, ref, loaded, { template: match.template, file: source.file, customer, stages, title: options.force?.title ?? null, applies: conditions.applies });
  });
}

async function createAndLink(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef & { epic: number },
  loaded: Loaded,
  args: StartArgs,
): Promise<StartOutcome> {
  const { snapshot, config } = loaded;
  const now = deps.now().toISOString();
  // Owners named for this onboarding alone (`embark enroll` writes them into the body).
  const owners = parseOwnersMarker(snapshot.epic.body);
  const plan = planStart({ template: args.template, templateFile: args.file, stages: args.stages, customer: args.customer, epic: snapshot.epic, existing: snapshot.stageIssues, config, now, owners, applies: args.applies });
  const named = Object.values(owners ?? {}).flat().filter((login) => !loaded.setup.userIds[login]);
  // Creating an issue assigns by node id: look up the people only this onboarding names (one read).
  const userIds = named.length > 0 && plan.specs.length > 0 ? { ...loaded.setup.userIds, ...(await resolveUserIds(octokit, named)) } : loaded.setup.userIds;
  const state: StoredState = loaded.state && loaded.trusted ? mergeIssues(loaded.state, plan.state) : plan.state;
  const labels: LabelSpec[] = [
    { name: config.labels.stage, role: 'stage' },
    { name: config.labels.active, role: 'active' },
    { name: config.labels.pending, role: 'pending' },
    // Not needed yet, but created in the same request so completing a stage needs no label write of its own.
    { name: config.labels.done, role: 'done' },
    { name: config.labels.epic, role: 'epic' },
  ];
  const types = plan.specs.length > 0 ? await issueTypesOf(octokit, ref.owner, loaded) : {};
  const stageType = issueTypeId(types, config.issueTypes.stage);
  const result = await applyPlan({ octokit, ...ref, ids: { ...knownIds(loaded), users: userIds } }, [
    { kind: 'ensureLabels', labels: plan.specs.length > 0 ? labels : [] },
    {
      kind: 'createStageIssues',
      parent: { nodeId: snapshot.epic.nodeId, number: snapshot.epic.number },
      specs: plan.specs,
      existing: Object.fromEntries(snapshot.stageIssues.map((i) => [i.stageKey, i.nodeId])),
      ...(stageType ? { issueTypeId: stageType } : {}),
    },
  ]);
  const created: StageIssueSnapshot[] = result.created.map((c) => {
    const spec = plan.specs.find((s) => s.stageKey === c.stageKey)!;
    return {
      number: c.number, nodeId: c.nodeId, databaseId: c.databaseId, title: spec.title, body: spec.body,
      state: 'open', stateReason: null, createdAt: now, closedAt: null,
      assignees: spec.assignees.filter((a) => userIds[a]), labels: spec.labels, stageKey: c.stageKey, comments: [],
    };
  });
  const stageIssues = [...snapshot.stageIssues, ...created];
  for (const s of state.stages) s.issue = stageIssues.find((i) => i.stageKey === s.key)?.number ?? s.issue;
  const next = { ...loaded, facts: { ...loaded.facts, labelIds: result.labelIds }, snapshot: { ...snapshot, stageIssues }, state };
  const complete = state.stages.every((s) => s.issue !== null || s.applicable === false);
  await step(deps, octokit, ref, next, { type: 'recompute' });
  // The marker and label last, once the status comment holds the state: a start cut short before
  // this is finished by the next attempt as a start, not resumed from a half-written EPIC.
  const epicType = issueTypeId(loaded.setup.issueTypes ?? {}, config.issueTypes.epic);
  if (complete) await applyPlan({ octokit, ...ref, ids: knownIds(next) }, linkEpic(next, args, epicType));
  // Some creations failed: what exists is recorded above; fail so the job's retry (or the sweep)
  // re-reads and creates only the missing stages.
  if (result.createFailures.length > 0) throw new Error(`could not create ${result.createFailures.length} stage issue(s): ${result.createFailures[0]}`);
  return { kind: 'started', stages: state.stages.length, created: result.created.length };
}

/**
 * The organisation's issue types, read once per cached repository setup (one request on the first
 * start after a config or template change; none when the config names no type).
 */
async function issueTypesOf(octokit: Octokit, owner: string, loaded: Loaded): Promise<IssueTypeIds> {
  const { epic, stage } = loaded.config.issueTypes;
  if (!epic && !stage) return {};
  loaded.setup.issueTypes ??= await readIssueTypes(octokit, owner);
  return loaded.setup.issueTypes;
}

/** Keep what an earlier (interrupted) start recorded; take issue numbers found now. */
function mergeIssues(previous: StoredState, planned: StoredState): StoredState {
  const merged = structuredClone(previous);
  for (const s of merged.stages) s.issue = s.issue ?? planned.stages.find((p) => p.key === s.key)?.issue ?? null;
  return merged;
}

/**
 * Replace stage checklists in the EPIC body with links and add the marker (one body write), and
 * mark the EPIC as started with its label (the mark the sweep's repair pass looks for, so last).
 */
function linkEpic(loaded: Loaded & { state: StoredState }, args: StartArgs, epicType: string | undefined): Action[] {
  const { snapshot, state, config } = loaded;
  const links = state.stages.map((s) =>
    s.applicable === false
      ? { stageKey: s.key, issueNumber: null, done: false, note: 'Not applicable for this customer.' }
      : { stageKey: s.key, issueNumber: s.issue!, done: s.completedAt !== null },
  );
  const linked = linkStagesInEpicBody({ body: snapshot.epic.body, stages: args.stages, links });
  const marker = epicMarker({ template: args.template.name, file: args.file, customer: args.customer, version: args.template.version });
  const eol = snapshot.epic.body.includes('\r\n') ? '\r\n' : '\n';
  const remove = snapshot.epic.labels.includes(config.labels.attention) ? [config.labels.attention] : [];
  return [
    {
      kind: 'setBody',
      issue: snapshot.epic.number,
      body: `${marker}${eol}${linked}`,
      ...(args.title ? { title: args.title } : {}),
      // The EPIC's issue type goes with this one write, so it costs no request of its own.
      ...(epicType ? { issueTypeId: epicType } : {}),
    },
    { kind: 'setLabels', issue: snapshot.epic.number, add: [config.labels.epic], remove },
  ];
}

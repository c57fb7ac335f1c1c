/**
 * The one writer: every GitHub write the app makes is an action of a plan, executed here, with as
 * few requests as possible.
 * - Creations first (labels, stage issues, a new issue): later actions refer to what they create.
 * - Body edits, grouped per issue (`body-edits.ts`), then every state, label and body change in ONE
 *   GraphQL document of relative, idempotent mutations (`issue-changes.ts`): a label someone added
 *   after our read survives, and plugin-retry may re-send it. Assignees: relative REST endpoints.
 * - Comments and reactions; creations (issues, comments) are sent once (`create.ts`).
 * - The status comment last, only when its text changed; then the dashboard and project items.
 */
import type { Action, LabelSpec, StageIssueSpec, SyncProjectItem } from '../onboarding/plan.js';
import { applyDashboard } from './apply-dashboard.js';
import { applyProjectSync } from './apply-project.js';
import { newBodies } from './body-edits.js';
import { ONCE, openIssue, postComment } from './create.js';
import { type CreatedIssue, createStageIssues } from './create-stage-issues.js';
import { ensureLabels } from './ensure-labels.js';
import { applyIssueChanges, type KnownIds } from './issue-changes.js';
import { type BlockedByEdge, linkBlockedBy } from './link-dependencies.js';
import type { Octokit, RepoRef } from './octokit.js';

export interface ApplyContext extends RepoRef {
  octokit: Octokit;
  ids?: Partial<KnownIds>;
}

export interface ApplyReport {
  /** Write requests sent. */
  writes: number;
  /** Read requests the executor made itself (re-reads before body edits). */
  reads: number;
  skipped: string[];
  /** Stage issues created by `createStageIssues`, and the creations that failed. */
  created: CreatedIssue[];
  createFailures: string[];
  /** Number of the issue opened by `openIssue`. */
  opened: number | null;
  /** Label ids after `ensureLabels` (for the next plan of the same handler). */
  labelIds: Record<string, string>;
}

/** Apply a plan; returns how many requests it took and what it created. */
export async function applyPlan(ctx: ApplyContext, actions: Action[]): Promise<ApplyReport> {
  const ids: KnownIds = { repository: null, issues: {}, labels: {}, users: {}, ...ctx.ids };
  const report: ApplyReport = { writes: 0, reads: 0, skipped: [], created: [], createFailures: [], opened: null, labelIds: ids.labels };
  await applyCreations(ctx, ids, actions, report);
  report.labelIds = ids.labels;
  const bodies = await newBodies(ctx, actions, report);
  report.writes += await applyIssueChanges(ctx, ids, actions, bodies);
  for (const a of actions) {
    if (a.kind === 'comment') {
      await postComment(ctx.octokit, { owner: ctx.owner, repo: ctx.repo, issue: a.issue }, a.body);
      report.writes++;
    } else if (a.kind === 'react') {
      await ctx.octokit.rest.reactions.createForIssueComment({ owner: ctx.owner, repo: ctx.repo, comment_id: a.commentId, content: a.content, ...ONCE });
      report.writes++;
    }
  }
  const save = actions.find((a): a is Extract<Action, { kind: 'saveStatus' }> => a.kind === 'saveStatus');
  if (save) report.writes += await saveStatus(ctx, save);
  for (const a of actions) {
    if (a.kind !== 'saveDashboard') continue;
    const done = await applyDashboard(ctx.octokit, { owner: ctx.owner, repo: ctx.repo }, a);
    report.reads += done.reads;
    if (done.wrote) report.writes++;
  }
  const sync = actions.filter((a): a is SyncProjectItem => a.kind === 'syncProjectItem');
  if (sync.length > 0) report.writes += (await applyProjectSync(ctx.octokit, sync)).writes;
  return report;
}

/** Labels, stage issues and new issues first: later actions refer to what they create. */
async function applyCreations(ctx: ApplyContext, ids: KnownIds, actions: Action[], report: ApplyReport): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const labels = actions.flatMap((a) => (a.kind === 'ensureLabels' ? a.labels : []));
  const missing = dedupe(labels).filter((l) => !ids.labels[l.name]);
  if (missing.length > 0 && ids.repository) {
    ids.labels = await ensureLabels(octokit, { repositoryId: ids.repository, existing: ids.labels, wanted: missing });
    report.writes++;
  }
  for (const a of actions) {
    if (a.kind === 'createStageIssues' && a.specs.length > 0) {
      if (!ids.repository) throw new Error('createStageIssues needs the repository id');
      const result = await createStageIssues(octokit, {
        owner, repo, repositoryId: ids.repository, parent: a.parent, specs: a.specs, labelIds: ids.labels, userIds: ids.users,
        ...(a.issueTypeId ? { issueTypeId: a.issueTypeId } : {}),
      });
      report.writes++;
      report.created.push(...result.created);
      report.createFailures.push(...result.failures);
      for (const c of result.created) ids.issues[c.number] = c.nodeId;
      const edges = blockedByEdges(a.specs, result.created, a.existing ?? {});
      if (edges.length > 0) {
        const linked = await linkBlockedBy(octokit, edges);
        report.writes++;
        if (linked.fallback) report.skipped.push(linked.fallback);
      }
    } else if (a.kind === 'openIssue') {
      report.opened = await openIssue(octokit, { owner, repo }, { title: a.title, body: a.body, labels: a.labels });
      report.writes++;
    }
  }
}

/** "Blocked by" relationships of the stage issues just created (to new or existing stage issues). */
function blockedByEdges(specs: StageIssueSpec[], created: CreatedIssue[], existing: Record<string, string>): BlockedByEdge[] {
  const nodeOf = (key: string) => created.find((c) => c.stageKey === key)?.nodeId ?? existing[key];
  return specs.flatMap((spec) => {
    const issueId = created.find((c) => c.stageKey === spec.stageKey)?.nodeId;
    if (!issueId) return [];
    return (spec.blockedBy ?? []).flatMap((key) => {
      const blockingIssueId = nodeOf(key);
      return blockingIssueId ? [{ issueId, blockingIssueId }] : [];
    });
  });
}

function dedupe(labels: LabelSpec[]): LabelSpec[] {
  return labels.filter((l, i) => labels.findIndex((x) => x.name === l.name) === i);
}

/** Write the status comment when its text changed, and delete duplicates; returns the writes. */
async function saveStatus(ctx: ApplyContext, a: Extract<Action, { kind: 'saveStatus' }>): Promise<number> {
  const { octokit, owner, repo } = ctx;
  let writes = 0;
  if (!a.existing) {
    await postComment(octokit, { owner, repo, issue: a.epic }, a.body);
    writes++;
  } else if (a.existing.body !== a.body) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: a.existing.id, body: a.body });
    writes++;
  }
  for (const id of a.duplicates ?? []) {
    // Gone already (another writer deleted it first): that is the state wanted.
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id }).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
    });
    writes++;
  }
  return writes;
}

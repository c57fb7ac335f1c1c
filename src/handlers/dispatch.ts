/**
 * Run one queued webhook job: route it to its handler, and when the job gives up (last attempt,
 * or a failure no retry can fix) tell people on the onboarding once, never silence.
 */
import { parseCommands } from '../commands/index.js';
import { isSender } from '../github/app-identity.js';
import { applyPlan } from '../github/apply-plan.js';
import { classifyFailure } from '../github/failure.js';
import { issueLabels } from '../github/issue-reads.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { configOf, readConfigs } from '../github/repo-configs.js';
import type { Attempt, WebhookJob } from '../jobs/job.js';
import { commandLines } from '../onboarding/run-commands.js';
import { parseStageMarker } from '../render/markers.js';
import { type CommentPayload, onComment } from './commands.js';
import type { Deps } from './deps.js';
import { onStageIssueEvent, type StageIssuePayload } from './progress.js';
import { runStartJob, START_JOB } from './start-api/job.js';
import { startOnboarding } from './start-onboarding.js';
import { renderStuckNotice } from './stuck-notice.js';

/** Events Embark acts on; everything else is not queued. */
export const HANDLED_EVENTS = ['issues.opened', 'issues.edited', 'issues.closed', 'issues.reopened', 'issues.deleted', 'issues.transferred', 'issue_comment.created'] as const;

/**
 * Whether an event is Embark's own write (`self` is its bot login: `<app-slug>[bot]` for the app,
 * `github-actions[bot]` for the Action). Only those are ignored: an issue opened by another app
 * or by a workflow starts like any other. While `self` is not known yet, every bot counts as
 * Embark: a start missed that way is repaired by the sweep, while answering ourselves could loop.
 */
export function isOwnEvent(payload: WebhookJob['payload'], self: string | null): boolean {
  const sender = payload?.sender;
  // By login whatever its type: the Action may write with a person's token.
  if (self !== null) return isSender(sender, self);
  return sender?.type === 'Bot';
}

/** Cheap checks on an event (webhook or workflow run): Embark's own events and pull requests are never work. */
export function isWork(name: string, payload: WebhookJob['payload'], self: string | null): boolean {
  if (!HANDLED_EVENTS.includes(`${name}.${payload?.action}` as (typeof HANDLED_EVENTS)[number])) return false;
  if (isOwnEvent(payload, self)) return false;
  if (!payload?.repository) return false;
  return !payload.issue?.pull_request;
}

/** {@link isWork}, for webhooks: the app works only through an installation. */
export function worthQueueing(name: string, payload: WebhookJob['payload'], self: string | null): boolean {
  return isWork(name, payload, self) && Boolean(payload?.installation);
}

/** The issue a person would look at for this event: the EPIC when known. */
export function epicOf(job: WebhookJob): number | null {
  const issue = job.payload?.issue;
  if (!issue) return null;
  if (job.name === 'issues' && job.payload.action === 'opened') return issue.number;
  const marker = parseStageMarker(issue.body ?? '') ?? parseStageMarker(job.payload.changes?.body?.from ?? '');
  if (marker) return marker.epic;
  return job.name === 'issue_comment' ? issue.number : null;
}

function repoOf(job: WebhookJob): RepoRef {
  const r = job.payload.repository;
  return { owner: r.owner.login, repo: r.name };
}

/** Route a job to its handler; returns the handler's outcome (for debug logs). */
export async function handleJob(deps: Deps, octokit: Octokit, job: WebhookJob, attempt: Attempt): Promise<unknown> {
  const ref = repoOf(job);
  const p = job.payload;
  if (job.name === 'issues' && p.action === 'opened') return startOnboarding(deps, octokit, { ...ref, epic: p.issue.number });
  if (job.name === 'issues') return onStageIssueEvent(deps, octokit, ref, p as StageIssuePayload);
  if (job.name === 'issue_comment') {
    const author = await commenterKind(octokit, ref, p as CommentPayload);
    if (author === 'bot') return { kind: 'ignored', reason: 'a bot not listed in commands.bots' };
    return onComment(deps, octokit, ref, p as CommentPayload, { retry: attempt.number > 1, trustedBot: author === 'allowed bot' });
  }
  if (job.name === START_JOB) return runStartJob(deps, octokit, job, attempt);
  return { kind: 'ignored', reason: `unhandled ${job.name}` };
}

/**
 * A comment's author: a person, a bot the repository's `commands.bots` lets run commands, or
 * another bot (whose comments never run commands, so two bots cannot talk in a loop). The config
 * is read only for a bot's comment that holds a command.
 */
async function commenterKind(octokit: Octokit, ref: RepoRef, payload: CommentPayload): Promise<'person' | 'allowed bot' | 'bot'> {
  const login = payload.comment.user.login;
  if (payload.comment.user.type !== 'Bot' && payload.sender.type !== 'Bot') return 'person';
  if (commandLines(parseCommands(payload.comment.body)).length === 0) return 'bot';
  const bots = configOf(await readConfigs(octokit, [ref]), ref.owner, ref.repo).commands.bots;
  return bots.some((b) => b.toLowerCase() === login.toLowerCase()) && payload.sender.login.toLowerCase() === login.toLowerCase() ? 'allowed bot' : 'bot';
}

/** Run a job; on giving up, post one notice on the EPIC and label it, then rethrow. */
export async function runJob(deps: Deps, octokit: Octokit, job: WebhookJob, attempt: Attempt): Promise<unknown> {
  try {
    return await handleJob(deps, octokit, job, attempt);
  } catch (error) {
    const failure = classifyFailure(error);
    const epic = epicOf(job);
    if ((attempt.final || failure.kind === 'permanent') && epic !== null) {
      await reportStuck(octokit, { ...repoOf(job), epic }, { job, attempts: attempt.number, failure }).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * One notice per episode: skipped when the EPIC already carries the attention label (an earlier
 * failure said so, and nobody has cleared it yet).
 */
async function reportStuck(
  octokit: Octokit,
  ref: RepoRef & { epic: number },
  args: { job: WebhookJob; attempts: number; failure: ReturnType<typeof classifyFailure> },
): Promise<void> {
  // The repository's own attention label (one read; giving up is rare).
  const label = configOf(await readConfigs(octokit, [ref]), ref.owner, ref.repo).labels.attention;
  if ((await issueLabels(octokit, { ...ref, issue: ref.epic })).includes(label)) return;
  const body = renderStuckNotice({
    event: `${args.job.name}.${args.job.payload.action}`,
    actor: args.job.payload.sender?.login ?? null,
    delivery: args.job.delivery,
    attempts: args.attempts,
    failure: args.failure,
    attentionLabel: label,
  });
  await applyPlan({ octokit, owner: ref.owner, repo: ref.repo }, [
    { kind: 'comment', issue: ref.epic, body, key: null },
    { kind: 'setLabels', issue: ref.epic, add: [label], remove: [] },
  ]);
}

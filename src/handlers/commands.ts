/**
 * Slash commands in issue comments. Acknowledge with a reaction, run the comment's command loop
 * (`onboarding/run-commands.ts`) against one fresh read of the onboarding, apply the plan, and
 * answer in ONE reply. Only `issue_comment.created` runs commands, so editing a comment never
 * runs one twice; a delivery that runs again (repeated, redelivered, or re-run after its replica
 * died) finds its reply and does nothing; and a job that gives up still ends in that one reply.
 */
import { helpText, parseCommands } from '../commands/index.js';
import { applyPlan } from '../github/apply-plan.js';
import { classifyFailure } from '../github/failure.js';
import { commentKeysSince } from '../github/issue-reads.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { repositoryPermission } from '../github/permissions.js';
import type { CommandContext } from '../onboarding/apply-command.js';
import { gaveUpReply } from '../onboarding/command-gave-up.js';
import { customerMailSwitch } from '../onboarding/contact-command.js';
import { calendarFor } from '../onboarding/due.js';
import { itemReaderFor } from '../onboarding/items.js';
import { type CommandLine, commandLines, errorReply, runCommands } from '../onboarding/run-commands.js';
import { upgradeSourceFor } from '../onboarding/upgrade-command.js';
import { parseEpicMarker, parseStageMarker } from '../render/markers.js';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';
import { shareCommand } from '../status-page/share-command.js';
import { newNonce } from '../status-page/token.js';
import { type Deps, onboardingKey } from './deps.js';
import { createPlannedStages } from './new-stages.js';
import { onboardFromComment } from './onboard-command.js';
import { variantsOf } from './replan-stages.js';
import { loadOnboarding, step } from './session.js';


export interface CommentPayload {
  issue: { number: number; body: string | null; pull_request?: unknown };
  comment: { id: number; body: string; created_at?: string; user: { login: string; type: string } };
  sender: { login: string; type: string };
}

/** What happened, for the job's debug log; `crashed` names commands that hit a bug of ours (answered too). */
export type CommandOutcome = { kind: 'ignored'; reason: string } | { kind: 'replied'; reply: string; crashed?: { raw: string; error: string }[] };

/** How the job runs this delivery: `final` when a failure now is its last (the job gives up). */
export interface CommentOptions {
  /** A later attempt of the same job (kept for the dispatcher; every run checks for its reply). */
  retry?: boolean;
  final?: boolean;
  /** The commenter is a bot the repository's `commands.bots` lists: it runs commands with write access. */
  trustedBot?: boolean;
}

/** The key of Embark's one reply to a command comment. */
export function replyKey(commentId: number): string {
  return `reply:${commentId}`;
}

/** Whether Embark's reply to this comment is on the issue already (one read of the comments since it). */
async function alreadyAnswered(octokit: Octokit, ref: RepoRef, payload: CommentPayload): Promise<boolean> {
  const keys = await commentKeysSince(octokit, { ...ref, issue: payload.issue.number, since: payload.comment.created_at ?? null });
  return keys.includes(replyKey(payload.comment.id));
}

export async function onComment(deps: Deps, octokit: Octokit, ref: RepoRef, payload: CommentPayload, options: CommentOptions = {}): Promise<CommandOutcome> {
  if (!options.trustedBot && (payload.sender.type === 'Bot' || payload.comment.user.type === 'Bot')) return { kind: 'ignored', reason: 'bot' };
  if (payload.issue.pull_request) return { kind: 'ignored', reason: 'pull request' };
  const lines = commandLines(parseCommands(payload.comment.body));
  if (lines.length === 0) return { kind: 'ignored', reason: 'no command' };
  // Commands are not idempotent (`/advance` twice advances twice): whatever ran this comment
  // before (a repeated delivery, a job re-run after its replica died, a retry after the reply
  // was posted and answered 5xx) left its reply, and then nothing is done again.
  if (await alreadyAnswered(octokit, ref, payload)) return { kind: 'ignored', reason: 'already answered' };
  const reply = async (text: string) => {
    const key = replyKey(payload.comment.id);
    await applyPlan({ octokit, ...ref }, [{ kind: 'comment', issue: payload.issue.number, body: `${noticeMarker(key)}\n${text}`, key }]);
    return { kind: 'replied', reply: text } as const;
  };
  try {
    return await answer(deps, octokit, ref, payload, lines, reply, options.trustedBot === true);
  } catch (error) {
    const failure = classifyFailure(error);
    // Giving up is never silent: the comment gets its one reply saying so (unless a reply made
    // it after all, e.g. applied by GitHub and answered 5xx).
    if (failure.kind === 'permanent' || options.final) {
      await (async () => (await alreadyAnswered(octokit, ref, payload)) || reply(gaveUpReply(failure)))().catch(() => undefined);
    }
    throw error;
  }
}

/** React, run the lines (under the onboarding's lock when the issue belongs to one) and reply. */
async function answer(deps: Deps, octokit: Octokit, ref: RepoRef, payload: CommentPayload, lines: CommandLine[], reply: (text: string) => Promise<CommandOutcome>, trustedBot: boolean): Promise<CommandOutcome> {
  const body = payload.issue.body ?? '';
  const epic = parseStageMarker(body)?.epic ?? (parseEpicMarker(body) ? payload.issue.number : null);
  const actor = payload.comment.user.login;
  // GitHub answers 200 with the existing reaction when it is already there: safe to repeat.
  const react = () => applyPlan({ octokit, ...ref }, [{ kind: 'react', commentId: payload.comment.id, content: 'eyes' }]);

  if (epic === null) {
    await react();
    const texts: string[] = [];
    for (const c of lines) {
      if ('message' in c) texts.push(errorReply(c).text);
      else if (c.name === 'onboard') texts.push(await onboardFromComment(deps, octokit, ref, { command: c, actor, onIssue: payload.issue.number, commentId: payload.comment.id, since: payload.comment.created_at ?? null }));
      else if (c.name === 'help') texts.push(helpText(c.topic));
      else texts.push(`\`${c.raw.trim()}\`: this issue is not an onboarding. Start one with \`/onboard <template> <customer>\`.`);
    }
    return reply(texts.join('\n\n'));
  }

  return deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
    await react();
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic });
    if (!loaded?.state) return reply('This onboarding could not be read (its EPIC is gone or was never started).');
    const now = deps.now();
    // An app is no collaborator: a bot the config lists acts with write access.
    const permission = trustedBot ? 'write' : await repositoryPermission(octokit, { ...ref, username: actor }, deps.permissions, now.getTime());
    const collaborators: CommandContext['collaborators'] = {};
    for (const u of new Set(lines.flatMap((c) => (!('message' in c) && c.name === 'assign' ? c.users : [])))) {
      collaborators[u] = await repositoryPermission(octokit, { ...ref, username: u }, deps.permissions, now.getTime());
    }
    const ctx: CommandContext = {
      actor,
      onIssue: payload.issue.number,
      permission,
      now: now.toISOString(),
      config: loaded.config,
      readItems: itemReaderFor(loaded.state),
      collaborators,
      calendar: calendarFor(loaded.config.calendar, deps.calendars),
      commentKey: `manual:${payload.comment.id}`,
      share: (command, state, onEpic) => shareCommand({ state, command, onEpic, repo: ref, settings: deps.statusPage, now, freshNonce: newNonce(), actor }),
      customerMail: customerMailSwitch({ deployment: deps.mail !== null, repository: loaded.config.customer.enabled }),
      upgradeSource: upgradeSourceFor(loaded.setup.templates, loaded.state.template),
    };
    if (lines.some((c) => !('message' in c) && c.name === 'replan')) ctx.variants = variantsOf(loaded);
    const ran = runCommands({ state: loaded.state, snapshot: loaded.snapshot }, lines, ctx);
    // `/upgrade confirm` and `/replan confirm` may add stages: create them first, so the state saved below names their issues.
    const { run: planned, labelIds } = await createPlannedStages(octokit, ref, loaded, ran, now.toISOString());
    const run = { ...ran, ...planned };
    // `/remind customer` mails go out through step, after the plan's GitHub writes, like every customer mail.
    await step(deps, octokit, ref, { ...loaded, facts: { ...loaded.facts, labelIds }, snapshot: run.snapshot, state: run.state }, { type: 'recompute' }, run.actions, { mails: run.mails });
    // `/share revoke` rotated the nonce: this process stops serving the old links now, not in 30 s.
    if (run.state.statusPage?.nonce !== loaded.state.statusPage?.nonce) deps.statusViews.drop(onboardingKey(ref.owner, ref.repo, epic));
    const replied = await reply(run.replies.map((r) => r.text).filter(Boolean).join('\n\n') || 'Done.');
    return run.crashed.length > 0 ? { ...replied, crashed: run.crashed } : replied;
  });
}

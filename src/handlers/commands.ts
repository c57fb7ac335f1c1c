/**
 * Slash commands in issue comments. Acknowledge with a reaction, run the commands in order
 * against one fresh read of the onboarding, apply the resulting plan, and answer in ONE reply.
 * Only `issue_comment.created` runs commands, so editing a comment never runs one twice.
 */
import { type Command, type CommandError, helpText, parseCommands } from '../commands/index.js';
import { applyPlan } from '../github/apply-plan.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { repositoryPermission } from '../github/permissions.js';
import { applyCommand, type CommandContext, type CommandWork } from '../onboarding/apply-command.js';
import { calendarFor } from '../onboarding/due.js';
import { itemReaderFor } from '../onboarding/items.js';
import { manualReminders } from '../onboarding/remind.js';
import { appendLog } from '../onboarding/state.js';
import { deriveStages } from '../onboarding/view.js';
import { parseEpicMarker, parseStageMarker } from '../render/markers.js';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';
import { durationAfter, parseDueArgument, parseDuration } from '../schedule/index.js';
import { shareCommand } from '../status-page/share-command.js';
import { newNonce } from '../status-page/token.js';

import { type Deps, onboardingKey } from './deps.js';
import { onboardFromComment } from './onboard-command.js';
import { loadOnboarding, step } from './session.js';

export interface CommentPayload {
  issue: { number: number; body: string | null; pull_request?: unknown };
  comment: { id: number; body: string; created_at?: string; user: { login: string; type: string } };
  sender: { login: string; type: string };
}

export type CommandOutcome = { kind: 'ignored'; reason: string } | { kind: 'replied'; reply: string };

/** Commands and errors back in the order they were written. */
function inOrder(commands: Command[], errors: CommandError[]): (Command | CommandError)[] {
  return [...commands, ...errors].sort((a, b) => a.line - b.line);
}

/** The key of Embark's one reply to a command comment. */
export function replyKey(commentId: number): string {
  return `reply:${commentId}`;
}

/**
 * On a retry, the reply may already be there (GitHub applied the comment and answered 5xx): then
 * the commands ran and nothing is done twice. One read, only on retries.
 */
async function alreadyAnswered(octokit: Octokit, ref: RepoRef, payload: CommentPayload): Promise<boolean> {
  const key = replyKey(payload.comment.id);
  const { data } = await octokit.rest.issues.listComments({
    ...ref,
    issue_number: payload.issue.number,
    per_page: 100,
    ...(payload.comment.created_at ? { since: payload.comment.created_at } : {}),
  });
  return data.some((c) => readNoticeKey(c.body ?? '') === key);
}

export async function onComment(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  payload: CommentPayload,
  options: { retry?: boolean } = {},
): Promise<CommandOutcome> {
  if (payload.sender.type === 'Bot' || payload.comment.user.type === 'Bot') return { kind: 'ignored', reason: 'bot' };
  if (payload.issue.pull_request) return { kind: 'ignored', reason: 'pull request' };
  const parsed = parseCommands(payload.comment.body);
  // Unknown words after a slash with no close match (`/cc @bob`) are prose, not mistakes.
  const errors = parsed.errors.filter((e) => e.kind !== 'unknown-command' || e.suggestion !== null);
  if (parsed.commands.length === 0 && errors.length === 0) return { kind: 'ignored', reason: 'no command' };
  const body = payload.issue.body ?? '';
  const epic = parseStageMarker(body)?.epic ?? (parseEpicMarker(body) ? payload.issue.number : null);
  const actor = payload.comment.user.login;
  if (options.retry && (await alreadyAnswered(octokit, ref, payload))) return { kind: 'ignored', reason: 'already answered' };
  // GitHub answers 200 with the existing reaction when it is already there: safe to repeat.
  const react = () => applyPlan({ octokit, ...ref }, [{ kind: 'react', commentId: payload.comment.id, content: 'eyes' }]);
  const reply = async (text: string) => {
    const key = replyKey(payload.comment.id);
    await applyPlan({ octokit, ...ref }, [{ kind: 'comment', issue: payload.issue.number, body: `${noticeMarker(key)}\n${text}`, key }]);
    return { kind: 'replied', reply: text } as const;
  };

  if (epic === null) {
    await react();
    const lines: string[] = [];
    for (const c of inOrder(parsed.commands, errors)) {
      if ('message' in c) lines.push(`\`${c.raw.trim()}\`: ${c.message}`);
      else if (c.name === 'onboard') lines.push(await onboardFromComment(deps, octokit, ref, { command: c, actor, onIssue: payload.issue.number, commentId: payload.comment.id, since: payload.comment.created_at ?? null, retry: options.retry ?? false }));
      else if (c.name === 'help') lines.push(helpText(c.topic));
      else lines.push(`\`${c.raw.trim()}\`: this issue is not an onboarding. Start one with \`/onboard <template> <customer>\`.`);
    }
    return reply(lines.join('\n\n'));
  }

  return deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
    await react();
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic });
    if (!loaded?.state) return reply('This onboarding could not be read (its EPIC is gone or was never started).');
    const now = deps.now();
    const permission = await repositoryPermission(octokit, { ...ref, username: actor }, deps.permissions, now.getTime());
    const users = parsed.commands.flatMap((c) => (c.name === 'assign' ? c.users : []));
    const collaborators: CommandContext['collaborators'] = {};
    for (const u of new Set(users)) collaborators[u] = await repositoryPermission(octokit, { ...ref, username: u }, deps.permissions, now.getTime());
    const calendar = calendarFor(loaded.config.calendar, deps.calendars);
    const ctx: CommandContext = {
      actor,
      onIssue: payload.issue.number,
      permission,
      now: now.toISOString(),
      config: loaded.config,
      readItems: itemReaderFor(loaded.state),
      collaborators,
      resolveDue: (cmd) => {
        const arg = cmd.due.kind === 'date' ? cmd.due.date : `+${cmd.due.amount}${cmd.due.unit === 'days' ? 'd' : ''}`;
        const r = parseDueArgument(arg, { now, calendar });
        return r.ok ? { ok: true, dueAt: r.dueAt.toISOString() } : { ok: false, message: r.error };
      },
      share: (command, state, onEpic) =>
        shareCommand({ state, command, onEpic, repo: ref, settings: deps.statusPage, now, freshNonce: newNonce(), actor }),
      snoozeUntil: (cmd) => {
        const parsed = parseDuration(`${cmd.duration.amount}${cmd.duration.unit}`);
        if (!parsed.ok) return now.toISOString();
        return durationAfter({ start: now, duration: parsed, calendar }).toISOString();
      },
    };
    const work: CommandWork = { state: structuredClone(loaded.state), snapshot: structuredClone(loaded.snapshot), actions: [], log: [] };
    const lines: string[] = [];
    for (const c of inOrder(parsed.commands, errors)) {
      if ('message' in c) {
        lines.push(`\`${c.raw.trim()}\`: ${c.message}`);
        continue;
      }
      const result = applyCommand(work, c, ctx);
      if (c.name !== 'remind' || !result.ok) {
        lines.push(result.text);
        continue;
      }
      const stages = deriveStages(work.snapshot, work.state, ctx.readItems);
      const reminders = manualReminders({ state: work.state, stages, calendar, target: c.target, actor, key: `manual:${payload.comment.id}` });
      work.actions.push(...reminders.actions);
      lines.push(reminders.reply);
    }
    work.state.log = appendLog(work.state.log, work.log);
    const next = { ...loaded, snapshot: work.snapshot, state: work.state };
    await step(deps, octokit, ref, next, { type: 'recompute' }, work.actions);
    // `/share revoke` rotated the nonce: this process stops serving the old links now, not in 30 s.
    if (work.state.statusPage?.nonce !== loaded.state.statusPage?.nonce) deps.statusViews.drop(onboardingKey(ref.owner, ref.repo, epic));
    return reply(lines.filter(Boolean).join('\n\n') || 'Done.');
  });
}

/**
 * The command loop of one comment (pure): every line, in the order written, against one working
 * copy of the onboarding, so a later command sees what an earlier one changed. Returns the new
 * state and snapshot, the actions that make it so on GitHub, and one reply line per command.
 * The handler loads, calls this, runs the recompute and applies the plan; the table tests call
 * it the same way, so the loop exists once.
 */
import type { Command, CommandError, ParsedComment } from '../commands/index.js';
import type { MailDue } from '../customer/mail-due.js';
import { maskAddresses } from '../render/contact-facts.js';
import { escapeUserText, inlineCode } from '../render/escape.js';
import { applyCommand, type CommandContext, type CommandReply, type CommandWork } from './apply-command.js';
import type { Action } from './plan.js';
import type { OnboardingSnapshot } from './snapshot.js';
import { appendLog, type StoredState } from './state.js';

/** A command to run, or a line that could not be read (answered with its message). */
export type CommandLine = Command | CommandError;

export interface CommandRun {
  state: StoredState;
  /** The snapshot as GitHub will look once `actions` are applied (boxes, issue states, assignees). */
  snapshot: OnboardingSnapshot;
  actions: Action[];
  /** One per line, in order: what happened, or why it could not be done. */
  replies: CommandReply[];
  /** Commands that threw (a bug of ours): answered, their changes dropped, the message kept for the log. */
  crashed: { raw: string; error: string }[];
  /** Customer mails the commands asked for (`/remind customer`): the handler passes them to `step`, which sends them after the plan's writes. */
  mails: MailDue[];
}

/**
 * The lines of a comment to answer, in the order written; empty when there is nothing to answer.
 * An unknown word after a slash with no close match (`/cc @bob`) is prose, not a mistake.
 */
export function commandLines(parsed: ParsedComment): CommandLine[] {
  const errors = parsed.errors.filter((e) => e.kind !== 'unknown-command' || e.suggestion !== null);
  return [...parsed.commands, ...errors].sort((a, b) => a.line - b.line);
}

function isError(line: CommandLine): line is CommandError {
  return 'message' in line;
}

/** The reply line of one line that could not be read. */
export function errorReply(line: CommandError): CommandReply {
  return { ok: false, text: `${inlineCode(maskAddresses(line.raw.trim()))}: ${line.message}` };
}

/**
 * Run every line against `onboarding` (left unchanged). A command that throws is answered with
 * what went wrong and leaves the working copy as the command before it left it: one bad line
 * never silences the others, and never leaves a job retrying the same bug for minutes.
 */
export function runCommands(onboarding: { state: StoredState; snapshot: OnboardingSnapshot }, lines: CommandLine[], ctx: CommandContext): CommandRun {
  let work: CommandWork = { state: structuredClone(onboarding.state), snapshot: structuredClone(onboarding.snapshot), actions: [], log: [], mails: [] };
  const replies: CommandReply[] = [];
  const crashed: CommandRun['crashed'] = [];
  for (const line of lines) {
    if (isError(line)) {
      replies.push(errorReply(line));
      continue;
    }
    const attempt = structuredClone(work);
    try {
      replies.push(applyCommand(attempt, line, ctx));
      work = attempt;
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      crashed.push({ raw: line.raw, error: message });
      const why = escapeUserText(message, { maxLength: 200 });
      replies.push({ ok: false, text: `\`${line.raw.trim()}\`: Embark failed on this command (${why}), so nothing of it was done. This is a bug in Embark: please report it.` });
    }
  }
  const state = { ...work.state, log: appendLog(work.state.log, work.log) };
  return { state, snapshot: work.snapshot, actions: work.actions, replies, crashed, mails: work.mails };
}

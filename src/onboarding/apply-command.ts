/**
 * Apply one slash command to an onboarding (pure). Commands change Embark's state or the
 * in-memory snapshot (a box ticked, a stage closed) and add the GitHub actions that make it so;
 * the reconcile step that follows derives everything else (stage transitions, labels, status).
 */
import { readTasks, setCheckbox } from '../checklist/index.js';
import type { Command, RepositoryPermission } from '../commands/index.js';
import { helpText, permissionFor, resolveItem, resolveStage } from '../commands/index.js';
import type { EmbarkConfig } from '../config.js';
import { escapeUserText } from '../render/escape.js';
import { ownersLine } from '../render/stage-issue.js';
import type { BusinessCalendar } from '../schedule/index.js';
import type { IntakeField, Template } from '../template/model.js';
import { dueAtFor, snoozeUntilFor } from './command-time.js';
import { manualReminders } from './remind.js';
import { replan } from './replan.js';
import type { StoredState } from './state.js';
import { cancelOnboarding, completeStage, recordTick, reopenStage, type Work } from './transitions.js';
import { deriveStages, frontierIndex, type ItemReader, type StageView, skipKey } from './view.js';

/** The working copy commands edit, one after another (the same one the stage rules edit). */
export type CommandWork = Work;

export interface CommandContext {
  actor: string;
  /** The issue the comment was made on (the EPIC or a stage issue). */
  onIssue: number;
  permission: RepositoryPermission;
  now: string;
  config: EmbarkConfig;
  readItems: ItemReader;
  /** Repository permission of users named in `/assign` (absent = not a collaborator). */
  collaborators: Record<string, RepositoryPermission>;
  /** The repository's business calendar: `/due` and `/snooze` are laid onto it. */
  calendar: BusinessCalendar;
  /** Names the comment the commands came from (`manual:<comment id>`): `/remind` keys its reminders with it and its line, so a re-run does not remind twice. */
  commentKey: string;
  /**
   * `/share` on this onboarding (links are signed with the deployment's secret, which the core
   * does not hold): the new state when it changed, and the reply.
   */
  share: (cmd: Extract<Command, { name: 'share' }>, state: StoredState, onEpic: boolean) => { ok: boolean; state: StoredState | null; reply: string };
  /** `/replan`: the onboarding's template and the EPIC's intake fields now (absent: the template is gone). */
  variants?: { template: Template; fields: IntakeField[] } | null;
}

export type CommandReply = { ok: boolean; text: string };

function views(work: CommandWork, ctx: CommandContext): StageView[] {
  return deriveStages(work.snapshot, work.state, ctx.readItems);
}

function activeKey(stages: StageView[]): string | null {
  const f = frontierIndex(stages);
  return f >= 0 ? stages[f]!.key : null;
}

function canonicalRole(state: StoredState, role: string): string | null {
  const all = [...new Set([...Object.keys(state.roles), ...Object.keys(state.roleAliases)])];
  const lower = role.toLowerCase();
  for (const r of all) {
    if (r.toLowerCase() === lower) return r;
    if ((state.roleAliases[r] ?? []).some((a) => a.toLowerCase() === lower)) return r;
  }
  return null;
}

function log(work: CommandWork, ctx: CommandContext, text: string): void {
  work.log.push({ at: ctx.now, actor: ctx.actor, text });
}

/** Apply one command; returns the line to reply with. */
export function applyCommand(work: CommandWork, cmd: Command, ctx: CommandContext): CommandReply {
  const stages = views(work, ctx);
  const isOwnerOf = (role: string | null) => role !== null && (work.state.roles[role] ?? []).includes(ctx.actor);
  const gate = (roleOwner = false) => permissionFor(cmd, { permission: ctx.permission, isRoleOwnerOfItem: roleOwner, isBot: false });
  const deny = (reason: string): CommandReply => ({ ok: false, text: `\`${cmd.raw.trim()}\`: ${reason}` });
  const closed = work.state.cancelled !== null || work.state.completedAt !== null;

  switch (cmd.name) {
    case 'help':
      return { ok: true, text: helpText(cmd.topic) };
    case 'status':
      return { ok: true, text: shortStatus(work.state, stages) };
    case 'onboard':
      return deny('this issue is already an onboarding; use `/onboard` on another issue to start a new one.');
  }
  if (cmd.name === 'check' || cmd.name === 'uncheck' || cmd.name === 'skip') {
    // A bare number means the active stage's item; with none active (all done), the stage of the
    // issue the comment is on, so `/check 1` on a closed stage issue still names an item.
    const here = stages.find((s) => s.issue?.number === ctx.onIssue)?.key ?? null;
    const found = resolveItem(cmd.item, stages, activeKey(stages) ?? here);
    if (!found.ok) return deny(found.message);
    const stage = stages.find((s) => s.key === found.stageKey)!;
    const item = stage.items.find((i) => i.id === found.itemId)!;
    const allowed = gate(isOwnerOf(item.role));
    if (!allowed.allowed) return deny(allowed.reason);
    if (cmd.name === 'skip') {
      work.state.skipped[skipKey(stage.key, item.id)] = { reason: cmd.reason ?? 'not applicable', by: ctx.actor, at: ctx.now };
      log(work, ctx, `skipped “${item.text}” in ${stage.title}${cmd.reason ? `: ${cmd.reason}` : ''}`);
      return { ok: true, text: `Skipped “${escapeUserText(item.text)}” in ${escapeUserText(stage.title)}.` };
    }
    const checked = cmd.name === 'check';
    if (item.checked === checked) return { ok: true, text: `“${escapeUserText(item.text)}” was already ${checked ? 'ticked' : 'clear'}.` };
    const issue = work.snapshot.stageIssues.find((i) => i.stageKey === stage.key)!;
    const task = readTasks(issue.body)[item.position - 1];
    if (!task) return deny('that item moved while I was reading it; try again.');
    const occurrence = readTasks(issue.body).slice(0, item.position - 1).filter((t) => t.text === task.text).length;
    const flipped = setCheckbox(issue.body, { text: task.text, occurrence }, checked);
    if (!flipped) return deny('that item moved while I was reading it; try again.');
    issue.body = flipped.body;
    work.actions.push({ kind: 'setCheckbox', issue: issue.number, target: { text: task.text, occurrence }, checked });
    recordTick(work, stage.key, { actor: ctx.actor, checked });
    if (!checked && issue.state === 'closed' && !item.optional) reopenStage(work, stage.key, { at: ctx.now, actor: ctx.actor, byPerson: false });
    log(work, ctx, `${checked ? 'ticked' : 'unticked'} “${item.text}” in ${stage.title} (command)`);
    return { ok: true, text: `${checked ? 'Ticked' : 'Unticked'} “${escapeUserText(item.text)}” in ${escapeUserText(stage.title)}.` };
  }

  const allowed = gate();
  if (!allowed.allowed) return deny(allowed.reason);

  switch (cmd.name) {
    case 'assign':
    case 'unassign': {
      const role = canonicalRole(work.state, cmd.role);
      if (!role) {
        const known = Object.keys({ ...work.state.roleAliases, ...work.state.roles });
        return deny(`unknown role “${escapeUserText(cmd.role)}”; roles here: ${known.join(', ') || 'none'}.`);
      }
      const users = cmd.users.map((u) => u.replace(/^@/, ''));
      const outsiders = users.filter((u) => !ctx.collaborators[u] || ctx.collaborators[u] === 'none');
      if (cmd.name === 'assign' && outsiders.length > 0) {
        return deny(`${outsiders.map((u) => `\`${u}\``).join(', ')} ${outsiders.length === 1 ? 'is' : 'are'} not a collaborator on this repository; invite them first.`);
      }
      const before = work.state.roles[role] ?? [];
      const after = cmd.name === 'assign' ? [...new Set([...before, ...users])] : before.filter((u) => !users.includes(u));
      work.state.roles[role] = after;
      for (const s of stages) {
        if (s.issue?.state !== 'open' || !s.roles.includes(role)) continue;
        // The working copy follows the plan, so a later command in the same comment sees who is assigned.
        const issue = work.snapshot.stageIssues.find((i) => i.number === s.issue!.number)!;
        if (cmd.name === 'assign') {
          const add = users.filter((u) => !issue.assignees.includes(u));
          if (add.length > 0) work.actions.push({ kind: 'addAssignees', issue: issue.number, assignees: add });
          issue.assignees = [...issue.assignees, ...add];
        } else {
          const stillOwners = new Set(s.roles.filter((r) => r !== role).flatMap((r) => work.state.roles[r] ?? []));
          const remove = users.filter((u) => issue.assignees.includes(u) && !stillOwners.has(u));
          if (remove.length > 0) work.actions.push({ kind: 'removeAssignees', issue: issue.number, assignees: remove });
          issue.assignees = issue.assignees.filter((a) => !remove.includes(a));
        }
        // The issue's Owners line says who is behind each role: keep it true.
        work.actions.push({ kind: 'setOwnersLine', issue: issue.number, line: ownersLine(s.roles, work.state.roles) });
      }
      log(work, ctx, `${cmd.name === 'assign' ? 'assigned' : 'unassigned'} ${users.join(', ')} ${cmd.name === 'assign' ? 'to' : 'from'} ${role}`);
      return { ok: true, text: `${escapeUserText(role)} is now: ${after.length > 0 ? after.map((u) => `\`${u}\``).join(', ') : 'nobody'}.` };
    }
    case 'advance': {
      if (closed) return deny('this onboarding is already closed.');
      const f = frontierIndex(stages);
      if (f < 0) return deny('every stage is already done.');
      const stage = stages[f]!;
      completeStage(work, stage.key, { at: ctx.now, leftOpen: stage.requiredOpen.map((i) => i.text) });
      const st = work.state.stages.find((s) => s.key === stage.key)!;
      log(work, ctx, `advanced past ${stage.title}${cmd.reason ? `: ${cmd.reason}` : ''} (${st.leftOpen.length} left open)`);
      return { ok: true, text: `Completed ${escapeUserText(stage.title)} with ${st.leftOpen.length} item${st.leftOpen.length === 1 ? '' : 's'} left open.` };
    }
    case 'reopen': {
      const found = resolveStage(cmd.stage, stages);
      if (!found.ok) return deny(found.message);
      const issue = work.snapshot.stageIssues.find((i) => i.stageKey === found.stageKey);
      const st = work.state.stages.find((s) => s.key === found.stageKey)!;
      if (!issue) return deny(`${escapeUserText(st.title)} has no issue to reopen.`);
      if (issue.state === 'open') return { ok: true, text: `${escapeUserText(st.title)} is already open.` };
      reopenStage(work, found.stageKey, { at: ctx.now, actor: ctx.actor, byPerson: true });
      log(work, ctx, `reopened ${st.title}`);
      return { ok: true, text: `Reopened ${escapeUserText(st.title)}.` };
    }
    case 'block':
      work.state.blocked = { reason: cmd.reason, by: ctx.actor, at: ctx.now };
      work.actions.push({ kind: 'setLabels', issue: work.snapshot.epic.number, add: [ctx.config.labels.blocked], remove: [] });
      log(work, ctx, `blocked: ${cmd.reason}`);
      return { ok: true, text: 'Blocked: reminders are paused and the block is escalated until `/unblock`.' };
    case 'unblock':
      if (!work.state.blocked) return { ok: true, text: 'This onboarding was not blocked.' };
      work.state.blockedSpans = [...work.state.blockedSpans, { from: work.state.blocked.at, to: ctx.now }];
      work.state.blocked = null;
      work.actions.push({ kind: 'setLabels', issue: work.snapshot.epic.number, add: [], remove: [ctx.config.labels.blocked] });
      log(work, ctx, 'unblocked');
      return { ok: true, text: 'Unblocked: reminders resume.' };
    case 'finish': {
      if (closed) return deny('this onboarding is already closed.');
      const open = stages.filter((s) => s.issue && s.issue.state === 'open');
      if (open.length > 0 && !cmd.force) {
        return deny(`${open.length} stage${open.length === 1 ? ' is' : 's are'} still open (${open.map((s) => escapeUserText(s.title)).join(', ')}); finish them or use \`/finish --force\`.`);
      }
      for (const s of open) completeStage(work, s.key, { at: ctx.now, leftOpen: s.requiredOpen.map((i) => i.text) });
      log(work, ctx, `finished${cmd.force ? ' (forced)' : ''}`);
      return { ok: true, text: open.length > 0 ? `Finished, closing ${open.length} open stage${open.length === 1 ? '' : 's'} with their open items recorded.` : 'Finished.' };
    }
    case 'cancel': {
      if (work.state.cancelled) return { ok: true, text: 'Already cancelled.' };
      cancelOnboarding(work, { at: ctx.now, actor: ctx.actor, reason: cmd.reason });
      log(work, ctx, `cancelled: ${cmd.reason}`);
      return { ok: true, text: 'Cancelled: the EPIC and its open stages are closed as not planned.' };
    }
    case 'due': {
      const found = resolveStage(cmd.stage, stages);
      if (!found.ok) return deny(found.message);
      const due = dueAtFor(cmd.due, { now: new Date(ctx.now), calendar: ctx.calendar });
      if (!due.ok) return deny(due.message);
      const dueAt = due.dueAt.toISOString();
      const st = work.state.stages.find((s) => s.key === found.stageKey)!;
      st.dueAt = dueAt;
      log(work, ctx, `set ${st.title} due ${dueAt.slice(0, 10)}`);
      return { ok: true, text: `${escapeUserText(st.title)} is now due ${dueAt.slice(0, 16).replace('T', ' ')} UTC.` };
    }
    case 'snooze': {
      const until = snoozeUntilFor(cmd.duration, { now: new Date(ctx.now), calendar: ctx.calendar }).toISOString();
      const stage = work.state.stages.find((s) => s.issue === ctx.onIssue);
      if (stage) stage.snoozedUntil = until;
      else work.state.snoozedUntil = until;
      const what = stage ? escapeUserText(stage.title) : 'this onboarding';
      log(work, ctx, `snoozed ${stage ? stage.title : 'the onboarding'} until ${until.slice(0, 16).replace('T', ' ')}`);
      return { ok: true, text: `Reminders for ${what} snoozed until ${until.slice(0, 16).replace('T', ' ')} UTC.` };
    }
    case 'share': {
      const shared = ctx.share(cmd, work.state, ctx.onIssue === work.snapshot.epic.number);
      if (shared.state) work.state = shared.state;
      return { ok: shared.ok, text: shared.reply };
    }
    case 'replan': {
      if (closed) return deny('this onboarding is already closed.');
      if (!ctx.variants) return deny('the template this onboarding started from is no longer in the repository, so its `when:` conditions cannot be read.');
      const { labels } = ctx.config;
      const result = replan(work, { ...ctx.variants, confirm: cmd.confirm, now: ctx.now, actor: ctx.actor, labels: { stage: labels.stage, pending: labels.pending } });
      if (result.create.length > 0) {
        const existing = Object.fromEntries(work.snapshot.stageIssues.map((i) => [i.stageKey, i.nodeId]));
        work.actions.push({ kind: 'createStageIssues', parent: { nodeId: work.snapshot.epic.nodeId, number: work.snapshot.epic.number }, specs: result.create, existing });
      }
      return { ok: result.ok, text: result.text };
    }
    case 'remind': {
      // Keyed by comment and line: two `/remind` lines of one comment are two requests.
      const key = `${ctx.commentKey}.${cmd.line}`;
      const sent = manualReminders({ state: work.state, stages, calendar: ctx.calendar, target: cmd.target, actor: ctx.actor, key });
      work.actions.push(...sent.actions);
      return { ok: true, text: sent.reply };
    }
  }
  return deny('not supported here.');
}

/** `/status`: the facts of the status comment, short. */
export function shortStatus(state: StoredState, stages: StageView[]): string {
  const done = stages.filter((s) => s.status === 'done').length;
  const lines = [`**${escapeUserText(state.customer)}**: ${done}/${stages.length} stages done.`];
  if (state.blocked) lines.push(`Blocked since ${state.blocked.at.slice(0, 10)}: ${escapeUserText(state.blocked.reason)}`);
  if (state.cancelled) lines.push(`Cancelled: ${escapeUserText(state.cancelled.reason)}`);
  for (const s of stages) {
    const owners = s.roles.map((r) => `${r}: ${(s.owners[r] ?? []).join(', ') || 'unassigned'}`).join('; ');
    lines.push(`- ${escapeUserText(s.title)}: ${s.status}, ${s.done}/${s.total}${owners ? ` (${escapeUserText(owners)})` : ''}`);
  }
  return lines.join('\n');
}

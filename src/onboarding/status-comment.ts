/**
 * Embark's status comment on the EPIC: the one place it rewrites often. Progress table, a Mermaid
 * gantt of the stages, the activity log (newest first) and the hidden state, kept well under
 * GitHub's 65,536-character comment limit by trimming the log.
 */

import { contactFacts, contactsTable } from '../render/contact-facts.js';
import { escapeTableCell, escapeUserText } from '../render/escape.js';
import { digestMarker, statusMarker } from '../render/markers.js';
import { formatDay } from '../render/time.js';
import type { DueStatus } from '../schedule/index.js';
import { CONTACT_PROBLEM_KEY } from './start-contacts.js';
import type { Forecast } from './forecast.js';
import { storedPrerequisites } from './graph.js';
import type { StoredState } from './state.js';
import { encodeState } from './state.js';
import { progressDigest, type StageStatus, type StageView } from './view.js';


/** GitHub rejects bodies over 65,536 characters; stay well below. */
export const STATUS_BUDGET = 60_000;


export interface StatusInput {
  state: StoredState;
  stages: StageView[];
  /** Due date and standing per stage key, from the schedule core (absent = no due dates). */
  due?: Record<string, { dueAt: string | null; status: DueStatus }>;
  /** The onboarding's overall target date, if any. */
  targetAt?: string | null;
  /** When the onboarding is expected to finish, from its stage graph (absent: not shown). */
  forecast?: Forecast;
}

const STATUS_LABEL: Record<StageStatus, string> = {
  pending: '⏳ pending',
  active: '▶️ active',
  reopened: '🔁 reopened',
  done: '✅ done',
  missing: '⚠️ missing',
  'not-applicable': '➖ not applicable',
};

const DUE_LABEL: Record<DueStatus, string> = {
  'on-track': 'on track',
  'due-soon': 'due soon',
  overdue: '**overdue**',
  none: '',
};

function ownersCell(stage: StageView): string {
  if (stage.roles.length === 0) return '–';
  return stage.roles
    .map((r) => {
      const who = stage.owners[r] ?? [];
      return `${escapeTableCell(r)}: ${who.length > 0 ? who.map((w) => `\`${w}\``).join(', ') : '_unassigned_'}`;
    })
    .join('<br>');
}

function headline(input: StatusInput): string {
  const { state, stages } = input;
  const done = stages.filter((s) => s.status === 'done').length;
  if (state.cancelled) return `**Cancelled** by \`${state.cancelled.by}\`: ${escapeUserText(state.cancelled.reason)}`;
  if (state.completedAt) return `**Complete** on ${formatDay(state.completedAt)} (${done}/${stages.length} stages).`;
  const active = stages.filter((s) => s.status === 'active' || s.status === 'reopened').map((s) => escapeUserText(s.title));
  const blocked = state.blocked ? ` **Blocked** since ${formatDay(state.blocked.at)}: ${escapeUserText(state.blocked.reason)}.` : '';
  return `${done}/${stages.length} stages done; now: ${active.join(', ') || '–'}.${blocked}`;
}

/** Mermaid task names cannot hold ':', '#' or ';'. */
const taskName = (title: string) => title.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
/** Mermaid task ids: letters, digits, `-` and `_`. */
const taskId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * A Mermaid gantt: stages under way or done on the dates they ran, and stages still to come on
 * their forecast dates, each `after` the stages it waits for, so parallel tracks show side by side.
 */
function gantt(input: StatusInput): string[] {
  const finish = input.forecast?.finish ?? {};
  const closed = input.state.completedAt !== null || input.state.cancelled !== null;
  const pre = storedPrerequisites(input.state.stages);
  const coming = closed ? [] : input.stages.filter((s) => !s.startedAt && s.status === 'pending' && finish[s.key]);
  const rows = input.stages.filter((s) => s.startedAt || coming.includes(s));
  if (!input.stages.some((s) => s.startedAt)) return [];
  const lines = ['```mermaid', 'gantt', '  dateFormat YYYY-MM-DD', '  axisFormat %d %b'];
  for (const s of rows) {
    if (!s.startedAt) {
      const after = (pre.get(s.key) ?? []).filter((k) => rows.some((r) => r.key === k)).map(taskId);
      const end = formatDay(finish[s.key]!);
      lines.push(`  ${taskName(s.title)} :${taskId(s.key)}, ${after.length > 0 ? `after ${after.join(' ')}` : formatDay(input.forecast?.start[s.key] ?? s.stored.startedAt)}, ${end}`);
      continue;
    }
    const start = formatDay(s.startedAt);
    const endIso = s.completedAt ?? input.due?.[s.key]?.dueAt ?? s.startedAt;
    const end = formatDay(endIso) < start ? start : formatDay(endIso);
    const tag = s.status === 'done' ? 'done, ' : s.status === 'active' || s.status === 'reopened' ? 'active, ' : '';
    lines.push(`  ${taskName(s.title)} :${tag}${s.key}, ${start}, ${end === start ? '1d' : end}`);
  }
  lines.push('```');
  return lines;
}

/** `Forecast: 4 Dec 2026 (2 business days later than planned).` while the onboarding is open. */
function forecastLine(input: StatusInput): string {
  const f = input.forecast;
  if (!f?.forecastAt || input.state.completedAt || input.state.cancelled) return '';
  const n = f.slipDays ?? 0;
  const days = (k: number) => `${k} business day${k === 1 ? '' : 's'}`;
  const slip = n > 0 ? `${days(n)} later than planned` : n < 0 ? `${days(-n)} ahead of plan` : 'on plan';
  return `Forecast: ${formatDay(f.forecastAt)} (${slip}).`;
}

/** Render the whole status comment body, trimming the activity log to fit the budget. */
export function renderStatusComment(input: StatusInput): string {
  const { state, stages } = input;
  const head = [
    statusMarker,
    `### Onboarding status: ${escapeUserText(state.customer)}`,
    '',
    headline(input),
    input.targetAt ? `Target: ${formatDay(input.targetAt)}.` : '',
    ...(forecastLine(input) ? [forecastLine(input)] : []),
    '',
    '| Stage | State | Owners | Done | Started | Finished | Due |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...stages.map((s) => {
      const due = input.due?.[s.key];
      const dueCell = due?.dueAt ? `${formatDay(due.dueAt)} ${DUE_LABEL[due.status]}`.trim() : '–';
      const link = s.issue ? ` #${s.issue.number}` : '';
      const missing = s.stored.missing ? ` (issue ${s.stored.missing})` : '';
      return `| ${escapeTableCell(s.title)}${link}${missing} | ${STATUS_LABEL[s.status]} | ${ownersCell(s)} | ${s.done}/${s.total} | ${formatDay(s.startedAt)} | ${formatDay(s.completedAt)} | ${dueCell} |`;
    }),
    '',
  ];
  const unassigned = [...new Set(stages.filter((s) => s.status !== 'done').flatMap((s) => s.unassignedRoles))];
  if (unassigned.length > 0) {
    head.push(`Unassigned roles: ${unassigned.map((r) => `**${escapeUserText(r)}**`).join(', ')} (use \`/assign <role> @user\`).`, '');
  }
  const skipped = Object.entries(state.skipped);
  if (skipped.length > 0) {
    head.push('<details><summary>Skipped items</summary>', '');
    for (const [key, s] of skipped) head.push(`- \`${key}\` by \`${s.by}\`: ${escapeUserText(s.reason)}`);
    head.push('', '</details>', '');
  }
  head.push(...customerContacts(state));
  head.push(...gantt(input), '');
  const tail = ['', digestMarker(progressDigest(stages)), encodeState(state)];
  let log = state.log;
  for (;;) {
    const body = [...head, ...renderLog(log), ...tail].join('\n');
    if (body.length <= STATUS_BUDGET || log.length === 0) return body;
    log = log.slice(0, Math.floor(log.length / 2));
  }
}

/**
 * The customer's contacts, masked (the full addresses stay in the hidden state), and what the
 * start could not read as a contact. At most `MAX_CONTACTS` rows of a few hundred characters.
 */
function customerContacts(state: StoredState): string[] {
  const problems = state.log.filter((e) => e.key?.startsWith(CONTACT_PROBLEM_KEY));
  if (state.contacts.length === 0 && problems.length === 0) return [];
  return [
    '**Customer contacts**',
    '',
    ...contactsTable(contactFacts(state.contacts, state.mail)),
    ...(state.contacts.length > 0 ? [''] : []),
    ...problems.map((e) => `⚠️ ${escapeUserText(e.text, { maxLength: 400 })}`),
    ...(problems.length > 0 ? [''] : []),
  ];
}

function renderLog(log: StoredState['log']): string[] {
  if (log.length === 0) return [];
  return [
    '<details><summary>Activity</summary>',
    '',
    ...log.map((e) => `- ${e.at.slice(0, 16).replace('T', ' ')} \`${e.actor}\` ${escapeUserText(e.text)}`),
    '',
    '</details>',
  ];
}

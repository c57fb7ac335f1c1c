/**
 * Reminder and escalation comments: one comment per stage that mentions each owner with their
 * open items, carrying a hidden key so it is never posted twice.
 */

import { escapeUserText } from '../render/escape.js';
import { noticeMarker } from '../render/notice-marker.js';
import { formatDay } from '../render/time.js';
import type { StageView } from './view.js';

export interface ReminderInput {
  stage: StageView;
  key: string;
  /** Only these roles / users (from `/remind csm` or `/remind @alice`); all when empty. */
  onlyRoles?: string[];
  onlyUsers?: string[];
  dueAt: string | null;
  /** Escalation: who else is told (logins or teams, without @), and how late the stage is. */
  escalate?: { notify: string[]; lateDays: number };
  manual?: { by: string };
}

/** Null when nobody matches (no open items for the chosen owners). */
export function renderReminder(input: ReminderInput): string | null {
  const { stage } = input;
  const lines: string[] = [];
  for (const role of stage.roles) {
    if (input.onlyRoles?.length && !input.onlyRoles.some((r) => r.toLowerCase() === role.toLowerCase())) continue;
    const open = stage.requiredOpen.filter((i) => i.role === role);
    if (open.length === 0) continue;
    const owners = (stage.owners[role] ?? []).filter((o) => !input.onlyUsers?.length || input.onlyUsers.includes(o));
    if (input.onlyUsers?.length && owners.length === 0) continue;
    const who = owners.length > 0 ? owners.map((o) => `@${o}`).join(' ') : `_${escapeUserText(role)} (unassigned)_`;
    lines.push(`${who} (${escapeUserText(role)}):`, ...open.map((i) => `- [ ] ${escapeUserText(i.text, { maxLength: 200 })}`), '');
  }
  const roleless = stage.requiredOpen.filter((i) => i.role === null);
  if (roleless.length > 0 && !input.onlyRoles?.length && !input.onlyUsers?.length) {
    lines.push('No role:', ...roleless.map((i) => `- [ ] ${escapeUserText(i.text, { maxLength: 200 })}`), '');
  }
  if (lines.length === 0) return null;
  const due = input.dueAt ? ` It is due ${formatDay(input.dueAt)}.` : '';
  const head = input.escalate
    ? `**Escalation:** ${escapeUserText(stage.title)} is ${input.escalate.lateDays > 0 ? `${input.escalate.lateDays} business day${input.escalate.lateDays === 1 ? '' : 's'} overdue` : 'due now'}. ${input.escalate.notify.map((n) => `@${n}`).join(' ')} please help unblock it.`
    : `**Reminder:** ${escapeUserText(stage.title)} has open items.${due}${input.manual ? ` (asked by \`${input.manual.by}\`)` : ''}`;
  return [noticeMarker(input.key), head, '', ...lines].join('\n').trimEnd();
}

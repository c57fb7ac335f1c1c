/**
 * `/remind [role | @user]` (pure): a reminder now on each active stage with open items, keyed by
 * the command comment so a retried job does not remind twice.
 */
import type { RemindTarget } from '../commands/index.js';
import { readNoticeKey } from '../render/notice-marker.js';
import type { BusinessCalendar } from '../schedule/calendar.js';
import { stageDue } from './due.js';
import type { Action } from './plan.js';
import { renderReminder } from './reminder-comment.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

export function manualReminders(args: {
  state: StoredState;
  stages: StageView[];
  calendar: BusinessCalendar;
  target: RemindTarget;
  actor: string;
  /** Names this request (the command comment). */
  key: string;
}): { actions: Action[]; reply: string } {
  const { state, stages, target } = args;
  if (state.blocked) return { actions: [], reply: 'This onboarding is blocked: no reminders until `/unblock`.' };
  const actions: Action[] = [];
  let sent = 0;
  for (const stage of stages) {
    if ((stage.status !== 'active' && stage.status !== 'reopened') || !stage.issue || stage.requiredOpen.length === 0) continue;
    const key = `${stage.key}/${args.key}`;
    if (stage.issue.comments.some((c) => c.byApp && readNoticeKey(c.body) === key)) {
      sent++;
      continue;
    }
    const body = renderReminder({
      stage,
      key,
      onlyRoles: target.kind === 'role' ? [target.role] : [],
      onlyUsers: target.kind === 'user' ? [target.login.replace(/^@/, '')] : [],
      dueAt: stageDue(stage.stored, args.calendar, state.startedAt),
      manual: { by: args.actor },
    });
    if (!body) continue;
    actions.push({ kind: 'comment', issue: stage.issue.number, body, key });
    sent++;
  }
  const reply = sent > 0 ? `Sent ${sent} reminder${sent === 1 ? '' : 's'}.` : 'Nobody to remind: no open items for that role or person in the active stage.';
  return { actions, reply };
}

/**
 * `/remind [role | @user]`: post a reminder now on each active stage with open items.
 */
import type { RemindTarget } from '../commands/index.js';
import { postComment } from '../github/create.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { calendarFor, stageDue } from '../onboarding/due.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { StoredState } from '../onboarding/state.js';
import { deriveStages } from '../onboarding/view.js';
import { readNoticeKey } from '../render/notice-marker.js';
import { renderReminder } from '../render/reminder.js';
import type { Deps } from './deps.js';
import type { Loaded } from './session.js';

export async function sendReminderNow(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  /** `key` names this request (the command comment), so a retried job does not remind twice. */
  args: { loaded: Loaded & { state: StoredState }; target: RemindTarget; actor: string; key: string },
): Promise<string> {
  const { loaded, target } = args;
  if (loaded.state.blocked) return 'This onboarding is blocked: no reminders until `/unblock`.';
  const stages = deriveStages(loaded.snapshot, loaded.state, itemReaderFor(loaded.state));
  const calendar = calendarFor(loaded.config.calendar, deps.calendars);
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
      dueAt: stageDue(stage.stored, calendar),
      manual: { by: args.actor },
    });
    if (!body) continue;
    await postComment(octokit, { ...ref, issue: stage.issue.number }, body);
    sent++;
  }
  return sent > 0 ? `Sent ${sent} reminder${sent === 1 ? '' : 's'}.` : 'Nobody to remind: no open items for that role or person in the active stage.';
}

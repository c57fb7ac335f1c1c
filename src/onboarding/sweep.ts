/**
 * What the sweep sends for one onboarding (pure): the schedule core decides which reminder,
 * escalation or check-in is due; this turns them into comments and the keys to record.
 */
import type { EmbarkConfig } from '../config.js';
import { escapeUserText } from '../render/escape.js';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';
import { type BusinessCalendar, dueActions, type SweepAction } from '../schedule/index.js';
import { stageDue } from './due.js';
import type { Action } from './plan.js';
import { renderReminder } from './reminder-comment.js';
import type { OnboardingSnapshot } from './snapshot.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

/** Decide what is due now. */
export function sweepDue(args: { state: StoredState; stages: StageView[]; config: EmbarkConfig; calendar: BusinessCalendar; now: Date }): SweepAction[] {
  const { state, stages, config, calendar, now } = args;
  if (state.cancelled) return [];
  return dueActions({
    now,
    calendar,
    config: { reminders: config.reminders, escalation: config.escalation, checkins: state.checkins },
    onboarding: {
      blocked: state.blocked ? { since: state.blocked.at } : null,
      snoozedUntil: state.snoozedUntil,
      completedAt: state.completedAt,
      sent: state.sent,
      stages: stages.map((s) => ({
        key: s.key,
        state: s.status === 'done' || s.status === 'missing' || s.status === 'not-applicable' ? 'done' : s.status === 'pending' ? 'pending' : 'active',
        startedAt: s.startedAt,
        dueAt: stageDue(s.stored, calendar, state.startedAt),
        openItems: s.requiredOpen.length,
        snoozedUntil: s.stored.snoozedUntil,
      })),
    },
  });
}

/** Who an escalation step names: `owners`, role names, `@user` or `@org/team`. */
export function escalationTargets(notify: string[], stage: StageView | null, state: StoredState): string[] {
  const out = new Set<string>();
  for (const n of notify) {
    if (n === 'owners') {
      const owners = stage ? Object.values(stage.owners).flat() : Object.values(state.roles).flat();
      for (const o of owners) out.add(o);
    } else if (n.startsWith('@')) out.add(n.slice(1));
    else {
      const role = Object.keys(state.roles).find((r) => r.toLowerCase() === n.toLowerCase());
      for (const o of role ? (state.roles[role] ?? []) : []) out.add(o);
    }
  }
  return [...out];
}

/** Turn due items into comment actions; records every key (and skipped key) in `state.sent`. */
export function sweepActions(args: {
  due: SweepAction[];
  state: StoredState;
  stages: StageView[];
  snapshot: OnboardingSnapshot;
  calendar: BusinessCalendar;
  now: Date;
}): Action[] {
  const { due, state, stages, snapshot, calendar } = args;
  const actions: Action[] = [];
  const already = (issueComments: { body: string; byApp: boolean }[], key: string) =>
    state.sent.includes(key) || issueComments.some((c) => c.byApp && readNoticeKey(c.body) === key);
  for (const d of due) {
    state.sent.push(...d.skipped.filter((k) => !state.sent.includes(k)));
    const stage = 'stageKey' in d ? (stages.find((s) => s.key === d.stageKey) ?? null) : null;
    let issue: number | null = null;
    let body: string | null = null;
    let comments: { body: string; byApp: boolean }[] = snapshot.epicNotices;
    if (d.kind === 'reminder' && stage?.issue) {
      issue = stage.issue.number;
      comments = stage.issue.comments;
      body = renderReminder({ stage, key: d.key, dueAt: stageDue(stage.stored, calendar, state.startedAt) });
    } else if (d.kind === 'escalation' && stage) {
      issue = snapshot.epic.number;
      const dueAt = stageDue(stage.stored, calendar, state.startedAt);
      const late = dueAt ? Math.max(0, calendar.businessDaysBetween(new Date(dueAt), args.now)) : 0;
      body = renderReminder({ stage, key: d.key, dueAt, escalate: { notify: escalationTargets(d.step.notify, stage, state), lateDays: late } });
    } else if (d.kind === 'block-escalation' && state.blocked) {
      issue = snapshot.epic.number;
      const who = escalationTargets(d.step.notify, null, state).map((w) => `@${w}`).join(' ');
      body = [noticeMarker(d.key), `**Blocked since ${state.blocked.at.slice(0, 10)}:** ${escapeUserText(state.blocked.reason)}`, '', `${who} please help unblock this onboarding, then comment \`/unblock\`.`].join('\n');
    } else if (d.kind === 'checkin') {
      issue = snapshot.epic.number;
      const csm = Object.entries(state.roles).find(([r]) => r.toLowerCase() === 'csm')?.[1] ?? [];
      const items = state.checkinItems.map((i) => `- [ ] ${escapeUserText(i)}`);
      body = [noticeMarker(d.key), `**${d.days}-day check-in** with ${escapeUserText(state.customer)} is due. ${csm.map((c) => `@${c}`).join(' ')}`.trim(), '', ...items].join('\n');
    }
    const posted = already(comments, d.key);
    if (!state.sent.includes(d.key)) state.sent.push(d.key);
    if (issue !== null && body && !posted) actions.push({ kind: 'comment', issue, body, key: d.key });
  }
  return actions;
}

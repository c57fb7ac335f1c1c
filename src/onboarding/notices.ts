/**
 * Comments Embark posts when work changes hands: a stage becomes active, the onboarding completes.
 */

import { escapeUserText } from '../render/escape.js';
import { noticeMarker } from '../render/notice-marker.js';
import { formatSpan } from '../render/time.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

function mention(logins: string[]): string {
  return logins.map((l) => `@${l}`).join(' ');
}

/** Tell a stage's owners it is their turn: what is theirs, by role. */
export function renderActivationNotice(stage: StageView, key: string): string {
  const lines = [noticeMarker(key), `**${escapeUserText(stage.title)}** is now active.`, ''];
  for (const role of stage.roles) {
    const open = stage.requiredOpen.filter((i) => i.role === role);
    const who = stage.owners[role] ?? [];
    const owner = who.length > 0 ? mention(who) : `nobody yet (use \`/assign ${role.toLowerCase()} @user\`)`;
    lines.push(`- **${escapeUserText(role)}** (${owner}): ${open.length} open item${open.length === 1 ? '' : 's'}`);
  }
  const unowned = stage.requiredOpen.filter((i) => i.role === null).length;
  if (unowned > 0) lines.push(`- ${unowned} item${unowned === 1 ? '' : 's'} with no role`);
  if (stage.roles.length === 0 && unowned === 0) lines.push('Nothing is open here: tick the boxes or close the issue when done.');
  return lines.join('\n');
}

/** The closing summary on the EPIC: per stage, how long it took and who did the work. */
export function renderSummary(state: StoredState, stages: StageView[], completedAt: string): string {
  const lines = [
    noticeMarker('summary'),
    `### Onboarding of ${escapeUserText(state.customer)} complete`,
    '',
    `Took ${formatSpan(state.startedAt, completedAt)} in all.`,
    '',
    '| Stage | Took | Done by | Left open |',
    '| --- | --- | --- | --- |',
  ];
  for (const s of stages) {
    const took = s.startedAt && s.completedAt ? formatSpan(s.startedAt, s.completedAt) : '–';
    const by = s.stored.contributors.length > 0 ? s.stored.contributors.map((c) => `@${c}`).join(', ') : '–';
    const left = s.stored.leftOpen.length > 0 ? String(s.stored.leftOpen.length) : '–';
    lines.push(`| ${escapeUserText(s.title)} | ${took} | ${by} | ${left} |`);
  }
  return lines.join('\n');
}

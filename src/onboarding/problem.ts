/**
 * Tell people on the issue what is wrong and how to fix it, once: a comment carrying a hidden key
 * derived from the problems (so replays do not repeat it) and the needs-attention label.
 */
import { createHash } from 'node:crypto';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';
import type { Action } from './plan.js';

/** Problem notices' keys start with this (so `/onboard` can tell an issue whose start failed). */
export const PROBLEM_KEY_PREFIX = 'problem:';

export function problemActions(args: {
  issue: number;
  /** Embark's notices already on the issue, and its labels (null when the issue could not be read). */
  seen: { notices: { body: string }[]; labels: string[] } | null;
  attentionLabel: string;
  title: string;
  problems: string[];
  fix: string;
}): Action[] {
  const key = `${PROBLEM_KEY_PREFIX}${createHash('sha256').update(args.problems.join('\n')).digest('hex').slice(0, 12)}`;
  const actions: Action[] = [];
  if (!args.seen?.notices.some((c) => readNoticeKey(c.body) === key)) {
    const body = [noticeMarker(key), `**Embark could not ${args.title}.**`, '', ...args.problems.map((p) => `- ${p}`), '', args.fix].join('\n');
    actions.push({ kind: 'comment', issue: args.issue, body, key });
  }
  if (!args.seen?.labels.includes(args.attentionLabel)) actions.push({ kind: 'setLabels', issue: args.issue, add: [args.attentionLabel], remove: [] });
  return actions;
}

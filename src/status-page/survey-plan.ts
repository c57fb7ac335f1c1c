/**
 * What a survey answer changes (pure): the answer kept in the state (one per contact and
 * check-in, enforced by `recordSurvey`), a keyed comment on the EPIC with the score, the
 * contact's name (never the address) and their comment escaped (no markdown, no HTML, no
 * mentions), and a line in the activity log. The comment's key is `survey:<day>:<contactRef>`:
 * a write replayed after the comment went out but before the state was saved finds it on the
 * EPIC and posts nothing twice.
 */
import { recordSurvey } from '../customer/survey.js';
import type { Action } from '../onboarding/plan.js';
import type { CommentSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import { escapeUserText } from '../render/escape.js';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';

/** Words for each score, as the survey page shows them. */
export const SCORE_LABELS: Record<number, string> = {
  1: 'Very unsatisfied',
  2: 'Unsatisfied',
  3: 'Neutral',
  4: 'Satisfied',
  5: 'Very satisfied',
};

export interface SurveyInput {
  state: StoredState;
  epic: number;
  /** Embark's notices on the EPIC, from the read under the lock. */
  epicNotices: readonly Pick<CommentSnapshot, 'body' | 'byApp'>[];
  contact: { ref: string; name: string };
  day: number;
  score: number;
  comment: string;
  now: string;
}

export type SurveyPlan = { kind: 'recorded'; state: StoredState; actions: Action[] } | { kind: 'refused'; message: string; already: boolean };

/** The key of one contact's answer to one check-in's survey (comment and log). */
export function surveyKey(day: number, ref: string): string {
  return `survey:${day}:${ref}`;
}

/** The comment posted on the EPIC. */
export function surveyComment(input: Pick<SurveyInput, 'contact' | 'day' | 'score'> & { comment: string }): string {
  const key = surveyKey(input.day, input.contact.ref);
  const lines = input.comment
    .split('\n')
    .map((line) => escapeUserText(line, { maxLength: 1000 }))
    .filter((line) => line !== '');
  const quote = lines.length > 0 ? `\n\n${lines.map((line) => `> ${line}`).join('\n>\n')}` : '\n\nNo comment.';
  const who = escapeUserText(input.contact.name, { maxLength: 100 });
  return `${noticeMarker(key)}\n**Survey, ${input.day}-day check-in:** ${who} answered **${input.score} of 5** (${SCORE_LABELS[input.score]}).${quote}`;
}

export function planSurvey(input: SurveyInput): SurveyPlan {
  const recorded = recordSurvey(input.state, { contact: input.contact.ref, checkin: input.day, score: input.score, comment: input.comment, at: input.now });
  if (!recorded.ok) {
    const already = /already answered/.test(recorded.reason);
    return { kind: 'refused', already, message: already ? 'This survey was already answered; thank you.' : `Please ${recorded.reason}.` };
  }
  const state: StoredState = { ...input.state, surveys: recorded.state.surveys, log: [...input.state.log] };
  const key = surveyKey(input.day, input.contact.ref);
  const answer = recorded.state.surveys.at(-1)!;
  state.log.unshift({ at: input.now, actor: 'customer', text: `${input.contact.name} answered the ${input.day}-day check-in survey: ${input.score} of 5`, key });
  const posted = input.epicNotices.some((c) => c.byApp && readNoticeKey(c.body) === key);
  const actions: Action[] = posted ? [] : [{ kind: 'comment', issue: input.epic, body: surveyComment({ ...input, comment: answer.comment }), key }];
  return { kind: 'recorded', state, actions };
}

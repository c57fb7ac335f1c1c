/**
 * Survey answers from the check-in mail's link: one per contact per check-in, kept in the
 * onboarding's state. The state, not the link, enforces "one answer": a token is valid as long
 * as the secret is, so a second submit with the same link is refused here.
 */
import { z } from 'zod';

/** Longest comment kept (characters); the rest is cut, not refused, so an answer is never lost. */
export const MAX_COMMENT_LENGTH = 1000;

export const surveyAnswerSchema = z.object({
  /** The contact's `contactRef` (not the address: the state stays free of repeated addresses). */
  contact: z.string().min(1).max(64),
  /** The check-in day the survey went with (30 for the 30-day check-in). */
  checkin: z.number().int().positive(),
  /** 1 (very unsatisfied) to 5 (very satisfied). */
  score: z.number().int().min(1).max(5),
  comment: z.string().max(MAX_COMMENT_LENGTH).default(''),
  at: z.string(),
});

export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** What the page submitted: score and comment as typed, not yet checked. */
export interface SurveySubmission {
  contact: string;
  checkin: number;
  score: number;
  comment?: string;
  at: string;
}

export type SurveyRecord<S> = { ok: true; state: Omit<S, 'surveys'> & { surveys: SurveyAnswer[] } } | { ok: false; reason: string };

/** Keep line breaks and tabs of a comment, drop other control characters, cap the length. */
function cleanComment(text: string): string {
  const kept = text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '').trim();
  return [...kept].slice(0, MAX_COMMENT_LENGTH).join('');
}

/** The state with the answer added, or why it was refused (a second answer, a score out of range). */
export function recordSurvey<S extends { surveys?: readonly SurveyAnswer[] | undefined }>(state: S, submission: SurveySubmission): SurveyRecord<S> {
  const surveys = state.surveys ?? [];
  if (!Number.isInteger(submission.score) || submission.score < 1 || submission.score > 5) {
    return { ok: false, reason: 'pick a score from 1 to 5' };
  }
  if (surveys.some((a) => a.contact === submission.contact && a.checkin === submission.checkin)) {
    return { ok: false, reason: 'this survey was already answered; thank you' };
  }
  const answer = surveyAnswerSchema.parse({ ...submission, comment: cleanComment(submission.comment ?? '') });
  return { ok: true, state: { ...state, surveys: [...surveys, answer] } };
}

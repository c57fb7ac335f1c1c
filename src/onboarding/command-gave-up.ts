/**
 * The reply a command comment gets when Embark gives up on it (pure): GitHub refused a request
 * (a 4xx no retry can fix), or the job ran out of attempts. Every command comment ends in exactly
 * one reply, and this is it when the normal one could not be made: it says what failed in
 * GitHub's words, that part of the work may be done, and what the person can do.
 */
import { escapeUserText } from '../render/escape.js';

/** What failed, as the job layer classified it (`github/failure.ts`), without depending on it. */
export interface GaveUpCause {
  kind: 'ambiguous' | 'rate-limited' | 'busy' | 'permanent';
  status: number | null;
  message: string;
}

function why(cause: GaveUpCause): string {
  if (cause.kind === 'busy') return 'another Embark process kept this onboarding busy for too long';
  if (cause.kind === 'rate-limited') return 'GitHub kept asking Embark to slow down (rate limit)';
  if (cause.status === 403) return 'GitHub refused a request: check that the app still has *Issues: write* on this repository';
  if (cause.status === 404 || cause.status === 410) return 'an issue or comment it needed is gone or no longer visible to the app';
  if (cause.kind === 'permanent') return 'GitHub refused a request';
  return 'GitHub did not answer or answered with a server error, on every attempt';
}

/** The text of the give-up reply (the handler adds the reply's hidden key). */
export function gaveUpReply(cause: GaveUpCause): string {
  const answer = escapeUserText(cause.status ? `${cause.status} ${cause.message}` : cause.message, { maxLength: 300 });
  return [
    `Embark gave up on this comment: ${why(cause)}. Last answer: ${answer}`,
    '',
    'Part of it may have been done; `/status` shows where the onboarding stands. Post the commands again once this is fixed.',
  ].join('\n');
}

/**
 * The one comment people get when Embark gave up on an event after its retries: what failed, why
 * in GitHub's words, that nothing is lost, and what happens next. Pure.
 */
import type { Failure } from '../github/failure.js';
import { escapeUserText } from '../render/escape.js';
import { noticeMarker } from '../render/notice-marker.js';

export interface StuckNoticeArgs {
  /** `issues.edited`, `issue_comment.created`, ... */
  event: string;
  actor: string | null;
  delivery: string;
  attempts: number;
  failure: Failure;
  attentionLabel: string;
}

function hint(failure: Failure): string {
  if (failure.kind === 'rate-limited') return 'GitHub asked Embark to slow down (rate limit).';
  if (failure.kind === 'busy') return 'Another Embark process kept this onboarding busy for too long.';
  if (failure.status === 403) return 'GitHub refused the request: check that the app still has *Issues: write* on this repository.';
  if (failure.status === 404) return 'An issue or repository it needed is gone or no longer visible to the app.';
  if (failure.kind === 'ambiguous') return 'GitHub did not answer or answered with a server error.';
  return 'GitHub refused the request.';
}

export function renderStuckNotice(args: StuckNoticeArgs): string {
  const by = args.actor ? ` by @${args.actor}` : '';
  const reason = args.failure.status ? `${args.failure.status} ${args.failure.message}` : args.failure.message;
  const last = args.failure.kind === 'busy' ? 'Last error' : 'Last answer';
  return [
    noticeMarker(`stuck:${args.delivery}`),
    '**Embark could not finish processing an update to this onboarding.**',
    '',
    `- Event: \`${args.event}\`${by} (delivery \`${args.delivery}\`), ${args.attempts} attempt${args.attempts === 1 ? '' : 's'}.`,
    `- Why: ${hint(args.failure)} ${last}: ${escapeUserText(reason, { maxLength: 300 })}`,
    '',
    'Nothing is lost: Embark reads the onboarding back from its issues. The next sweep re-checks it and finishes what is missing; an admin can retry now with `POST /embark/jobs/retry`.',
    `Remove the \`${args.attentionLabel}\` label once it looks right.`,
  ].join('\n');
}

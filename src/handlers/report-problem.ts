/**
 * Tell people on the issue what is wrong and how to fix it, once: a comment carrying a hidden
 * key (so replays do not repeat it) and the needs-attention label.
 */
import { createHash } from 'node:crypto';
import type { EmbarkConfig } from '../config.js';
import { postComment } from '../github/create.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import { noticeMarker, readNoticeKey } from '../render/notice-marker.js';

export async function reportProblem(
  octokit: Octokit,
  ref: RepoRef & { issue: number },
  args: { snapshot: OnboardingSnapshot | null; config: EmbarkConfig; title: string; problems: string[]; fix: string },
): Promise<void> {
  const key = `problem:${createHash('sha256').update(args.problems.join('\n')).digest('hex').slice(0, 12)}`;
  const seen = args.snapshot?.epicNotices.some((c) => readNoticeKey(c.body) === key) ?? false;
  if (!seen) {
    const body = [noticeMarker(key), `**Embark could not ${args.title}.**`, '', ...args.problems.map((p) => `- ${p}`), '', args.fix].join('\n');
    await postComment(octokit, ref, body);
  }
  if (!args.snapshot?.epic.labels.includes(args.config.labels.attention)) {
    await octokit.rest.issues.addLabels({ owner: ref.owner, repo: ref.repo, issue_number: ref.issue, labels: [args.config.labels.attention] });
  }
}

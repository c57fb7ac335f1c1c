/**
 * `/onboard <template> <customer>`: open a new EPIC from a template (bundled or in the
 * repository) and start it right away; answers with the link.
 */

import matter from 'gray-matter';
import type { Command } from '../commands/index.js';
import { applyPlan } from '../github/apply-plan.js';
import { findIssueWithMarker } from '../github/issue-reads.js';
import { loadRepoSetup } from '../github/load-repo-setup.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { PROBLEM_KEY_PREFIX } from '../onboarding/problem.js';
import { readNoticeKey } from '../render/notice-marker.js';
import { renderTitle } from '../template/index.js';
import { findTemplate, templateSlug as slug } from '../template/select.js';
import type { Deps } from './deps.js';
import { loadOnboarding } from './session.js';
import { startOnboarding } from './start-onboarding.js';

/** Hidden line in an issue opened by `/onboard`, naming the command comment that asked for it. */
export function requestMarker(commentId: number): string {
  return `<!-- embark:requested-by-comment ${commentId} -->`;
}

/**
 * The issue an earlier run of this command may have opened already (GitHub created it and
 * answered 5xx, or the run died before replying): found by its marker among issues updated
 * since the command. One read; `/onboard` is rare, and opening a second EPIC is not.
 */
async function findRequested(octokit: Octokit, ref: RepoRef, commentId: number, since: string | null): Promise<number | null> {
  return findIssueWithMarker(octokit, { ...ref, marker: requestMarker(commentId), since });
}

export async function onboardFromComment(
  deps: Deps,
  octokit: Octokit,
  ref: RepoRef,
  args: { command: Extract<Command, { name: 'onboard' }>; actor: string; onIssue: number; commentId: number; since: string | null },
): Promise<string> {
  const setup = await loadRepoSetup(octokit, { ...ref, oid: null }, { cache: deps.cache, bundled: deps.bundled });
  const found = findTemplate(setup.templates, args.command.template);
  const names = setup.templates.map((t) => `\`${(t.file.split(/[/:]/).pop() ?? '').replace(/\.md$/, '')}\``).join(', ');
  if (found.length === 0) return `No template matches “${args.command.template}”. Templates here: ${names}.`;
  const exact = found.length === 1 ? found[0]! : found.find((t) => slug(t.file.split(/[/:]/).pop() ?? '') === slug(args.command.template));
  if (!exact) return `“${args.command.template}” matches several templates (${found.map((t) => t.file).join(', ')}); name one exactly.`;
  const template = exact.result.template;
  if (!template || !exact.result.ok) return `Template \`${exact.file}\` has errors; run \`npx @embark-onboarding/embark validate ${exact.file}\` on it.`;
  const title = renderTitle(template, args.command.customer);
  // An issue whose start failed (its title held a placeholder, its config was broken...) becomes
  // the onboarding itself: a second issue would leave the first one dangling.
  if (await failedToStart(deps, octokit, { ...ref, epic: args.onIssue })) {
    const outcome = await startOnboarding(deps, octokit, { ...ref, epic: args.onIssue }, { force: { template: exact, customer: args.command.customer, title } });
    if (outcome.kind === 'problem') return `This issue still could not start: ${outcome.problems.join('; ')}`;
    return 'Started the onboarding in this issue.';
  }
  const body = `${requestMarker(args.commentId)}\n${matter(exact.source).content.replace(/^\s*\n/, '')}`;
  const existing = await findRequested(octokit, ref, args.commentId, args.since);
  const number = existing ?? (await applyPlan({ octokit, ...ref }, [{ kind: 'openIssue', title, body, labels: template.labels }])).opened!;
  const outcome = await startOnboarding(deps, octokit, { ...ref, epic: number }, { force: { template: exact, customer: args.command.customer } });
  if (outcome.kind === 'problem') return `Opened #${number}, but it could not start: ${outcome.problems.join('; ')}`;
  return `Started the onboarding in #${number}.`;
}

/** Did Embark try to start this issue and say why it could not (its problem notice is there)? */
async function failedToStart(deps: Deps, octokit: Octokit, ref: RepoRef & { epic: number }): Promise<boolean> {
  const loaded = await loadOnboarding(deps, octokit, ref);
  if (!loaded || loaded.state) return false;
  return loaded.snapshot.epicNotices.some((c) => readNoticeKey(c.body)?.startsWith(PROBLEM_KEY_PREFIX));
}

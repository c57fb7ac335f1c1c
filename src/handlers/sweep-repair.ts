/**
 * The sweep's repair pass. GitHub does not redeliver a lost webhook, and a job can give up while
 * GitHub is down, so the sweep looks for what such losses leave behind and finishes it the normal
 * way (`startOnboarding`, which re-reads and creates only what is missing):
 * - issues opened from an onboarding template that never started (recent, unlabelled, title matches);
 * - onboardings whose status comment is missing, edited by someone else, or stale (its progress
 *   digest differs from what the stage issues show now).
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import { findUnlabelledIssues } from '../github/find-onboardings.js';
import { loadRepoSetup } from '../github/load-repo-setup.js';
import type { Octokit } from '../github/octokit.js';
import { configOf, type RepoConfigs } from '../github/repo-configs.js';
import { matchTitle } from '../template/index.js';
import type { Template } from '../template/model.js';
import { onboardingTemplates } from '../template/select.js';
import type { Deps } from './deps.js';
import { startOnboarding } from './start-onboarding.js';

export interface EpicRef {
  owner: string;
  repo: string;
  epic: number;
}

/** Labels that mark an issue as already started (or a stage of one) under a repository's config. */
function startedLabels(config: EmbarkConfig): string[] {
  return [config.labels.epic, config.labels.stage].map((l) => l.toLowerCase());
}

/**
 * Recent open issues without their repository's Embark labels whose title matches one of its
 * onboarding templates. The search leaves out only the labels every repository shares; each
 * hit is then checked against its own repository's labels.
 */
export async function findUnstarted(deps: Deps, octokit: Octokit, args: { scope: string; now: Date; days: number; configs: RepoConfigs }): Promise<EpicRef[]> {
  const since = new Date(args.now.getTime() - args.days * 86_400_000).toISOString().slice(0, 10);
  const all = [...args.configs.values()].map((r) => (r.ok ? r.config : defaultConfig));
  const shared = startedLabels(all[0] ?? defaultConfig).filter((l) => all.every((c) => startedLabels(c).includes(l)));
  const query = [`${args.scope} is:issue is:open created:>=${since}`, ...shared.map((l) => `-label:"${l}"`)].join(' ');
  const issues = (await findUnlabelledIssues(octokit, query)).filter((i) => {
    const started = startedLabels(configOf(args.configs, i.owner, i.repo));
    return !i.labels.some((l) => started.includes(l.toLowerCase()));
  });
  const found: EpicRef[] = [];
  const byRepo = new Map<string, typeof issues>();
  for (const i of issues) byRepo.set(`${i.owner}/${i.repo}`, [...(byRepo.get(`${i.owner}/${i.repo}`) ?? []), i]);
  for (const group of byRepo.values()) {
    const { owner, repo, headOid } = group[0]!;
    const setup = await loadRepoSetup(octokit, { owner, repo, oid: headOid }, { cache: deps.cache, bundled: deps.bundled });
    const config = setup.config.ok ? setup.config.config : defaultConfig;
    const templates = onboardingTemplates(setup.templates, config.templates)
      .map((t) => t.result.template)
      .filter((t): t is Template => t !== null);
    for (const issue of group) if (matchTitle(issue.title, templates)) found.push({ owner, repo, epic: issue.number });
  }
  return found;
}

/** Finish each onboarding the normal way; failures are collected, not thrown (the next sweep retries). */
export async function repairAll(deps: Deps, octokit: Octokit, refs: EpicRef[]): Promise<{ repaired: number; failed: { epic: string; error: string }[] }> {
  let repaired = 0;
  const failed: { epic: string; error: string }[] = [];
  for (const ref of refs) {
    try {
      const outcome = await startOnboarding(deps, octokit, ref);
      if (outcome.kind === 'started' || outcome.kind === 'resumed') repaired++;
    } catch (error) {
      failed.push({ epic: `${ref.owner}/${ref.repo}#${ref.epic}`, error: (error as Error).message });
    }
  }
  return { repaired, failed };
}

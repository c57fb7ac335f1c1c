/**
 * What `embark upgrade` reads of a repository, with a person's token: its templates and config
 * (one GraphQL request, as the app reads them) and its open onboardings with their stage bodies
 * and state (the sweep's search pages, 50 EPICs a page). No per-onboarding read.
 */
import type { EmbarkConfig } from '../config.js';
import { decodeState, type StoredState } from '../onboarding/state.js';
import { epicSearches, findEpics } from './epic-search.js';
import type { FoundOnboarding } from './find-onboardings.js';
import { loadRepoSetup, type RepoSetup, RepoSetupCache, type TemplateSource } from './load-repo-setup.js';
import type { Octokit, RepoRef } from './octokit.js';

/** A running onboarding as the search found it, with its decoded state. */
export interface RunningOnboarding {
  found: FoundOnboarding;
  state: StoredState;
}

export interface RunningRead {
  setup: RepoSetup;
  config: EmbarkConfig;
  onboardings: RunningOnboarding[];
  /** EPICs left out (no readable status comment yet), one line each. */
  warnings: string[];
}

/** Read the repository's setup and its open onboardings. */
export async function readRunning(octokit: Octokit, ref: RepoRef, bundled: TemplateSource[]): Promise<RunningRead> {
  const setup = await loadRepoSetup(octokit, { ...ref, oid: null }, { cache: new RepoSetupCache(), bundled });
  if (!setup.config.ok) throw new Error(`.github/onboarding.yml of ${ref.owner}/${ref.repo} is not valid: ${setup.config.errors.join('; ')}`);
  const config = setup.config.config;
  const name = `${ref.owner}/${ref.repo}`;
  const configs = new Map([[name, { ok: true as const, config, warnings: [] }]]);
  const onboardings: RunningOnboarding[] = [];
  const warnings: string[] = [];
  for await (const page of findEpics(octokit, epicSearches(`repo:${name}`, [config.labels.epic], 'all').map((s) => ({ ...s, query: `${s.query} is:open` })), configs)) {
    for (const found of page) {
      const state = found.statusBody ? decodeState(found.statusBody) : null;
      if (state) onboardings.push({ found, state });
      else warnings.push(`${name}#${found.epic}: no readable status comment yet; left out (the next sweep repairs it)`);
    }
  }
  onboardings.sort((a, b) => a.found.epic - b.found.epic);
  return { setup, config, onboardings, warnings };
}

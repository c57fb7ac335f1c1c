/**
 * Find onboarding EPICs by each repository's own EPIC label (`labels.epic`), not the default:
 * one search per distinct label in the scope (most accounts have one), each hit kept only
 * when its repository's config names that label.
 */
import type { EmbarkConfig } from '../config.js';
import { isStatusComment } from '../render/markers.js';
import { type FoundOnboarding, findOnboardings } from './find-onboardings.js';
import type { Octokit } from './octokit.js';
import { configOf, type RepoConfigs } from './repo-configs.js';

/** One search of the sweep or the report, and the EPIC label its hits must carry. */
export interface EpicSearch {
  query: string;
  label: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The EPIC labels of a scope's repositories, each once (GitHub's labels ignore case). */
export function epicLabels(configs: Iterable<EmbarkConfig>): string[] {
  const labels: string[] = [];
  for (const c of configs) if (!labels.some((l) => same(l, c.labels.epic))) labels.push(c.labels.epic);
  return labels;
}

/**
 * The searches for a scope (`user:acme`, `org:acme`, `repo:acme/x`), for each EPIC label:
 * every EPIC (`'all'`), or the open ones plus those closed on or after `closedSince` (YYYY-MM-DD).
 */
export function epicSearches(scope: string, labels: string[], window: 'all' | { closedSince: string }): EpicSearch[] {
  return labels.flatMap((label) => {
    const base = `${scope} is:issue label:"${label}"`;
    if (window === 'all') return [{ query: base, label }];
    return [
      { query: `${base} is:open`, label },
      { query: `${base} is:closed closed:>=${window.closedSince}`, label },
    ];
  });
}

/** Pages of the EPICs the searches find, each kept only when its repository's config uses the label searched. */
export async function* findEpics(octokit: Octokit, searches: EpicSearch[], configs: RepoConfigs): AsyncGenerator<FoundOnboarding[]> {
  for (const search of searches) {
    for await (const page of findOnboardings(octokit, search.query, isStatusComment)) {
      yield page.filter((f) => same(configOf(configs, f.owner, f.repo).labels.epic, search.label));
    }
  }
}

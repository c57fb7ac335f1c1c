/**
 * Read the portfolio of some repositories (or an organisation) for `embark report`: each
 * repository's config in one aliased GraphQL request, then the sweep's search pages (50 EPICs
 * each, with their stage bodies and status comment). No per-onboarding read, so 1,000
 * onboardings cost about 20 search requests.
 */
import type { EmbarkConfig } from '../config.js';
import { calendarFor } from '../onboarding/due.js';
import { decodeState } from '../onboarding/state.js';
import { onboardingEntry, type PortfolioEntry } from '../portfolio/row.js';
import type { BusinessCalendar } from '../schedule/index.js';
import { type EpicSearch, epicLabels, epicSearches, findEpics } from './epic-search.js';
import type { FoundOnboarding } from './find-onboardings.js';
import type { Octokit, RepoRef } from './octokit.js';
import { configOf, type RepoConfigs, readAccountConfigs, readConfigs } from './repo-configs.js';

/** What reading one repository gave: its entries, or why it could not be read. */
export type RepoRead =
  | { repo: string; ok: true; entries: PortfolioEntry[]; warnings: string[] }
  | { repo: string; ok: false; error: string };

export interface PortfolioScope {
  /** Repositories named one by one; or every repository of `org` that has onboardings. */
  repos?: RepoRef[];
  org?: string;
  /** Keep closed onboardings only when they closed on or after this date. */
  since: Date | null;
  now: Date;
  calendars?: WeakMap<object, BusinessCalendar>;
}

type Decoded = { found: FoundOnboarding; state: NonNullable<ReturnType<typeof decodeState>> };

/** The onboardings the searches find, by repository, with their decoded state; those without one are named in warnings. */
async function search(octokit: Octokit, searches: EpicSearch[], configs: RepoConfigs, warnings: string[]): Promise<Map<string, Decoded[]>> {
  const byRepo = new Map<string, Decoded[]>();
  const add = (found: FoundOnboarding) => {
    const repo = `${found.owner}/${found.repo}`;
    const state = found.statusBody ? decodeState(found.statusBody) : null;
    if (!state) warnings.push(`${repo}#${found.epic}: no readable status comment yet; left out (the next sweep repairs it)`);
    else byRepo.set(repo, [...(byRepo.get(repo) ?? []), { found, state }]);
  };
  for await (const page of findEpics(octokit, searches, configs)) page.forEach(add);
  return byRepo;
}

/** With --since: every open onboarding, and those closed since (as the sweep asks for check-ins). */
function windowOf(since: Date | null): 'all' | { closedSince: string } {
  return since ? { closedSince: since.toISOString().slice(0, 10) } : 'all';
}

function entries(decoded: Decoded[], config: EmbarkConfig, scope: PortfolioScope, calendars: WeakMap<object, BusinessCalendar>): PortfolioEntry[] {
  const calendar = calendarFor(config.calendar, calendars);
  return decoded.map((d) => onboardingEntry({ source: d.found, state: d.state, calendar, now: scope.now }));
}

const splitName = (name: string): [string, string] => [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];

/** Read every repository of the scope; failures are per repository (a rejected token, 401, is thrown). */
export async function readPortfolio(octokit: Octokit, scope: PortfolioScope): Promise<RepoRead[]> {
  const calendars = scope.calendars ?? new WeakMap<object, BusinessCalendar>();
  if (scope.org) {
    // Every repository of the organisation with its config (one request per 100), then one
    // search per EPIC label in use, each hit kept when its repository uses that label.
    const configs = await readAccountConfigs(octokit, scope.org);
    if (!configs) return [{ repo: scope.org, ok: false, error: 'organisation not found, or the token cannot see it' }];
    const warnings: string[] = [];
    const labels = epicLabels([...configs.keys()].map((name) => configOf(configs, ...splitName(name))));
    const found = await search(octokit, epicSearches(`org:${scope.org}`, labels, windowOf(scope.since)), configs, warnings);
    return [...found.entries()].map(([repo, decoded]): RepoRead => {
      const read = configs.get(repo);
      const config = configOf(configs, ...splitName(repo));
      const mine = warnings.filter((w) => w.startsWith(`${repo}#`));
      return { repo, ok: true, entries: entries(decoded, config, scope, calendars), warnings: [...(read?.ok ? read.warnings : []), ...mine] };
    });
  }
  const repos = scope.repos ?? [];
  const configs = await readConfigs(octokit, repos);
  const reads: RepoRead[] = [];
  for (const r of repos) {
    const name = `${r.owner}/${r.repo}`;
    const read = configs.get(name)!;
    if (!read.ok) {
      reads.push({ repo: name, ok: false, error: read.error });
      continue;
    }
    const warnings = [...read.warnings];
    try {
      const searches = epicSearches(`repo:${name}`, [read.config.labels.epic], windowOf(scope.since));
      const found = await search(octokit, searches, configs, warnings);
      reads.push({ repo: name, ok: true, entries: entries([...found.values()].flat(), read.config, scope, calendars), warnings });
    } catch (error) {
      if ((error as { status?: number }).status === 401) throw error;
      reads.push({ repo: name, ok: false, error: oneLine(error) });
    }
  }
  return reads;
}

/** An error as one line: GraphQL errors by their messages, others without line breaks. */
function oneLine(error: unknown): string {
  const errors = (error as { errors?: { message: string }[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => e.message).join('; ');
  return (error as Error).message.replace(/\s*\n\s*/g, ' ');
}

/**
 * Read the portfolio of some repositories (or an organisation) for `embark report`: each
 * repository's config in one aliased GraphQL request, then the sweep's search pages (50 EPICs
 * each, with their stage bodies and status comment). No per-onboarding read, so 1,000
 * onboardings cost about 20 search requests.
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import { calendarFor } from '../onboarding/due.js';
import { decodeState } from '../onboarding/state.js';
import { onboardingEntry, type PortfolioEntry } from '../portfolio/row.js';
import { isStatusComment } from '../render/markers.js';
import type { BusinessCalendar } from '../schedule/index.js';
import { type FoundOnboarding, findOnboardings } from './find-onboardings.js';
import { CONFIG_PATH, parseConfigText } from './load-repo-setup.js';
import type { Octokit, RepoRef } from './octokit.js';

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

type ConfigRead = { ok: true; config: EmbarkConfig; warnings: string[] } | { ok: false; error: string };

/** The config of each repository, in one request; a repository GitHub does not show is an error. */
export async function readConfigs(octokit: Octokit, repos: RepoRef[]): Promise<Map<string, ConfigRead>> {
  const out = new Map<string, ConfigRead>();
  if (repos.length === 0) return out;
  const fields = repos.map((r, i) => `r${i}: repository(owner: ${JSON.stringify(r.owner)}, name: ${JSON.stringify(r.repo)}) { config: object(expression: ${JSON.stringify(`HEAD:${CONFIG_PATH}`)}) { ... on Blob { text } } }`);
  type Data = Record<string, { config: { text?: string | null } | null } | null>;
  let data: Data;
  let errors: { path?: (string | number)[]; message: string; type?: string }[] = [];
  try {
    data = await octokit.graphql<Data>(`query EmbarkReportConfigs {\n  ${fields.join('\n  ')}\n}`);
  } catch (error) {
    // Partial answers (one repository not found) come as an error carrying the rest of the data.
    const partial = error as { data?: Data; errors?: typeof errors };
    if (!partial.data || !partial.errors) throw error;
    data = partial.data;
    errors = partial.errors;
  }
  repos.forEach((r, i) => {
    const name = `${r.owner}/${r.repo}`;
    const found = data[`r${i}`];
    const problem = errors.find((e) => e.path?.[0] === `r${i}`);
    if (!found) {
      out.set(name, { ok: false, error: problem?.type === 'NOT_FOUND' || !problem ? 'not found, or the token cannot read it' : problem.message });
      return;
    }
    const parsed = parseConfigText(found.config?.text);
    if (parsed.ok) out.set(name, { ok: true, config: parsed.config, warnings: [] });
    else out.set(name, { ok: true, config: defaultConfig, warnings: [`${CONFIG_PATH} is invalid (${parsed.errors.join('; ')}); counted with the default calendar`] });
  });
  return out;
}

type Decoded = { found: FoundOnboarding; state: NonNullable<ReturnType<typeof decodeState>> };

/** The onboardings one search finds, by repository, with their decoded state; those without one are named in warnings. */
async function search(octokit: Octokit, query: string, since: Date | null, warnings: string[]): Promise<Map<string, Decoded[]>> {
  const byRepo = new Map<string, Decoded[]>();
  const add = (found: FoundOnboarding) => {
    const repo = `${found.owner}/${found.repo}`;
    const state = found.statusBody ? decodeState(found.statusBody) : null;
    if (!state) warnings.push(`${repo}#${found.epic}: no readable status comment yet; left out (the next sweep repairs it)`);
    else byRepo.set(repo, [...(byRepo.get(repo) ?? []), { found, state }]);
  };
  // With --since: every open onboarding, and those closed since (as the sweep asks for check-ins).
  const queries = since ? [`${query} is:open`, `${query} is:closed closed:>=${since.toISOString().slice(0, 10)}`] : [query];
  for (const q of queries) for await (const page of findOnboardings(octokit, q, isStatusComment)) page.forEach(add);
  return byRepo;
}

function entries(decoded: Decoded[], config: EmbarkConfig, scope: PortfolioScope, calendars: WeakMap<object, BusinessCalendar>): PortfolioEntry[] {
  const calendar = calendarFor(config.calendar, calendars);
  return decoded.map((d) => onboardingEntry({ source: d.found, state: d.state, calendar, now: scope.now }));
}

const split = (name: string): RepoRef => ({ owner: name.slice(0, name.indexOf('/')), repo: name.slice(name.indexOf('/') + 1) });

/** Read every repository of the scope; failures are per repository (a rejected token, 401, is thrown). */
export async function readPortfolio(octokit: Octokit, scope: PortfolioScope): Promise<RepoRead[]> {
  const calendars = scope.calendars ?? new WeakMap<object, BusinessCalendar>();
  if (scope.org) {
    // One search over the organisation (with the default EPIC label), then the configs of the
    // repositories it found, for their calendars.
    const warnings: string[] = [];
    const found = await search(octokit, `org:${scope.org} is:issue label:"${defaultConfig.labels.epic}"`, scope.since, warnings);
    const configs = await readConfigs(octokit, [...found.keys()].map(split));
    return [...found.entries()].map(([repo, decoded]): RepoRead => {
      const read = configs.get(repo);
      const config = read?.ok ? read.config : defaultConfig;
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
      const found = await search(octokit, `repo:${name} is:issue label:"${read.config.labels.epic}"`, scope.since, warnings);
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

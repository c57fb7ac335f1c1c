/**
 * Each repository's `.github/onboarding.yml`, read in bulk: the sweep and `embark report` need
 * every repository's own labels, calendar and reminder settings before they search, because
 * the EPIC label they search by is itself a setting. One GraphQL request per 100 repositories
 * of an account (names and config text together), or one aliased request for named
 * repositories; `_extends` is resolved per repository that uses it (rare).
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import { CONFIG_PATH, parseConfigText, resolveExtends } from './load-repo-setup.js';
import type { Octokit, RepoRef } from './octokit.js';

/** One repository's config, or why it could not be read. */
export type ConfigRead = { ok: true; config: EmbarkConfig; warnings: string[] } | { ok: false; error: string };

/** Repository `owner/name` -> its config read. */
export type RepoConfigs = Map<string, ConfigRead>;

const BLOB = `config: object(expression: ${JSON.stringify(`HEAD:${CONFIG_PATH}`)}) { ... on Blob { text } }`;

const ACCOUNT_REPOS = `query EmbarkAccountRepos($login: String!, $after: String) {
  repositoryOwner(login: $login) {
    repositories(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { name owner { login } ${BLOB} }
    }
  }
}`;

interface AccountReposResult {
  repositoryOwner: {
    repositories: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: ({ name: string; owner: { login: string }; config: { text?: string | null } | null } | null)[];
    };
  } | null;
}

/** Turn a config file's text into a read; an invalid file counts with the defaults and a warning. */
async function toRead(octokit: Octokit, ref: RepoRef, text: string | null | undefined): Promise<ConfigRead> {
  let parsed = parseConfigText(text);
  if (parsed.ok && parsed.extends) parsed = await resolveExtends(octokit, ref);
  if (parsed.ok) return { ok: true, config: parsed.config, warnings: [] };
  return { ok: true, config: defaultConfig, warnings: [`${CONFIG_PATH} is invalid (${parsed.errors.join('; ')}); counted with the defaults`] };
}

/**
 * Every repository the token can see under `login` (an installation's account, or an
 * organisation for `embark report --org`), with its config. Null when the account is unknown.
 */
export async function readAccountConfigs(octokit: Octokit, login: string): Promise<RepoConfigs | null> {
  const out: RepoConfigs = new Map();
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: AccountReposResult = await octokit.graphql<AccountReposResult>(ACCOUNT_REPOS, { login, after });
    if (!data.repositoryOwner) return null;
    const { nodes, pageInfo } = data.repositoryOwner.repositories;
    for (const n of nodes) {
      if (!n) continue;
      const ref = { owner: n.owner.login, repo: n.name };
      out.set(`${ref.owner}/${ref.repo}`, await toRead(octokit, ref, n.config?.text));
    }
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return out;
}

/** The config of each named repository, in one request; a repository GitHub does not show is an error. */
export async function readConfigs(octokit: Octokit, repos: RepoRef[]): Promise<RepoConfigs> {
  const out: RepoConfigs = new Map();
  if (repos.length === 0) return out;
  const fields = repos.map((r, i) => `r${i}: repository(owner: ${JSON.stringify(r.owner)}, name: ${JSON.stringify(r.repo)}) { ${BLOB} }`);
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
  for (const [i, r] of repos.entries()) {
    const name = `${r.owner}/${r.repo}`;
    const found = data[`r${i}`];
    const problem = errors.find((e) => e.path?.[0] === `r${i}`);
    if (!found) out.set(name, { ok: false, error: problem?.type === 'NOT_FOUND' || !problem ? 'not found, or the token cannot read it' : problem.message });
    else out.set(name, await toRead(octokit, r, found.config?.text));
  }
  return out;
}

/** A repository's config from a read, the defaults when it has none (not listed, or unreadable). */
export function configOf(configs: RepoConfigs, owner: string, repo: string): EmbarkConfig {
  const read = configs.get(`${owner}/${repo}`) ?? [...configs.entries()].find(([k]) => k.toLowerCase() === `${owner}/${repo}`.toLowerCase())?.[1];
  return read?.ok ? read.config : defaultConfig;
}

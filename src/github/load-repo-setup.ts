/**
 * A repository's onboarding setup: its templates (`.github/ISSUE_TEMPLATE/*.md`, and issue forms
 * `*.yml` with their settings from the config) and config
 * (`.github/onboarding.yml`), read in one GraphQL request pinned to a commit and cached per commit,
 * plus Embark's bundled templates.
 */
import yaml from 'js-yaml';
import { type ConfigResult, parseConfig } from '../config.js';
import type { ParseResult } from '../template/model.js';
import type { IssueTypeIds } from './issue-types.js';
import { countsAsTemplate, isTemplateFile, parseTemplateFile } from '../template/template-file.js';
import type { Octokit, RepoRef } from './octokit.js';

export const TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';
export const CONFIG_PATH = '.github/onboarding.yml';

export interface TemplateSource {
  /** Repository path (`.github/ISSUE_TEMPLATE/x.md`) or `bundled:x.md`. */
  file: string;
  /** The file's text as written (for `/onboard`, which opens an issue from it). */
  source: string;
  result: ParseResult;
}

export interface RepoSetup {
  templates: TemplateSource[];
  config: ConfigResult;
  /** GraphQL node ids of the users named in `roles`, for assigning at creation. */
  userIds: Record<string, string>;
  /**
   * The organisation's issue types by lower-case name: read by the first start that needs them
   * and kept with the rest of this (cached) setup; absent until then.
   */
  issueTypes?: IssueTypeIds;
}

const FILES_QUERY = `query EmbarkRepoFiles($owner: String!, $name: String!, $templates: String!, $config: String!) {
  repository(owner: $owner, name: $name) {
    templates: object(expression: $templates) { ... on Tree { entries { name type object { ... on Blob { text } } } } }
    config: object(expression: $config) { ... on Blob { text } }
  }
}`;

interface FilesResult {
  repository: {
    templates: { entries?: { name: string; type: string; object: { text?: string | null } | null }[] } | null;
    config: { text?: string | null } | null;
  } | null;
}

/** Parse config YAML text (safe schema); `_extends` is resolved by the caller. */
export function parseConfigText(text: string | null | undefined): ConfigResult & { extends?: string } {
  if (!text) return parseConfig({});
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: CONFIG_PATH });
  } catch (error) {
    return { ok: false, errors: [`${CONFIG_PATH} is not valid YAML: ${(error as Error).message}`] };
  }
  if (raw && typeof raw === 'object' && '_extends' in raw) {
    const { _extends, ...rest } = raw as Record<string, unknown>;
    return { ...parseConfig(rest), extends: String(_extends) };
  }
  return parseConfig(raw);
}

/** Per-commit cache, bounded; one per app instance (created in app/create-deps.ts, passed in). */
export class RepoSetupCache {
  readonly #entries = new Map<string, RepoSetup>();
  constructor(private readonly max = 200) {}
  get(key: string): RepoSetup | undefined {
    return this.#entries.get(key);
  }
  set(key: string, value: RepoSetup): void {
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }
}

/** Load (or take from cache) the templates and config of a repository at commit `oid`. */
export async function loadRepoSetup(
  octokit: Octokit,
  ref: RepoRef & { oid: string | null },
  options: { cache: RepoSetupCache; bundled: TemplateSource[] },
): Promise<RepoSetup> {
  const key = `${ref.owner}/${ref.repo}@${ref.oid ?? 'HEAD'}`;
  const cached = ref.oid ? options.cache.get(key) : undefined;
  if (cached) return cached;
  const rev = ref.oid ?? 'HEAD';
  const data = await octokit.graphql<FilesResult>(FILES_QUERY, {
    owner: ref.owner,
    name: ref.repo,
    templates: `${rev}:${TEMPLATE_DIR}`,
    config: `${rev}:${CONFIG_PATH}`,
  });
  const entries = data.repository?.templates?.entries ?? [];
  let config: ConfigResult = parseConfigText(data.repository?.config?.text);
  const ext = (config as { extends?: string }).extends;
  if (ext) config = await resolveExtends(octokit, ref);
  // Forms take their settings from the config, so the config is read first.
  const forms = config.ok ? config.config.forms : {};
  const repoTemplates: TemplateSource[] = entries
    .filter((e) => e.type === 'blob' && isTemplateFile(e.name) && typeof e.object?.text === 'string')
    .map((e) => {
      const file = `${TEMPLATE_DIR}/${e.name}`;
      return { file, source: e.object!.text!, result: parseTemplateFile(file, e.object!.text!, forms) };
    })
    .filter((t) => countsAsTemplate(t.file, t.result, config.ok ? config.config : { forms: {}, templates: [] }));
  const setup: RepoSetup = {
    templates: [...repoTemplates, ...(config.ok && !config.config.bundledTemplates ? [] : options.bundled)],
    config,
    userIds: config.ok ? await resolveUserIds(octokit, Object.values(config.config.roles).flat()) : {},
  };
  if (ref.oid) options.cache.set(key, setup);
  return setup;
}

/** `_extends` chains are rare: let Probot's config plugin resolve them (it knows the rules). */
export async function resolveExtends(octokit: Octokit, ref: RepoRef): Promise<ConfigResult> {
  try {
    const { config } = await octokit.config.get({ owner: ref.owner, repo: ref.repo, path: CONFIG_PATH });
    const { _extends: _ignored, ...rest } = (config ?? {}) as Record<string, unknown>;
    return parseConfig(rest);
  } catch (error) {
    return { ok: false, errors: [`could not read the config that \`_extends\` points to: ${(error as Error).message}`] };
  }
}

/** Node ids of users, in one aliased query; unknown logins are left out (GitHub says so later). */
export async function resolveUserIds(octokit: Octokit, logins: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(logins)].filter((l) => /^[A-Za-z0-9-]+(\[bot\])?$/.test(l)).slice(0, 100);
  if (unique.length === 0) return {};
  const query = `query EmbarkUsers {\n${unique.map((l, i) => `  u${i}: user(login: ${JSON.stringify(l)}) { id login }`).join('\n')}\n}`;
  let data: Record<string, { id: string; login: string } | null>;
  try {
    data = await octokit.graphql<typeof data>(query);
  } catch (error) {
    data = ((error as { data?: typeof data }).data ?? {}) as typeof data;
  }
  return Object.fromEntries(
    Object.values(data)
      .filter((u): u is { id: string; login: string } => Boolean(u))
      .map((u) => [u.login, u.id]),
  );
}

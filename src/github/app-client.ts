/**
 * The app's GitHub clients, made in one place: every installation client gets a deadline per
 * request and the write fence of the lease it works under (see `coordination/fence.ts`), whether
 * it serves a webhook job, the sweep or the status page.
 */
import type { Probot } from 'probot';
import { assertStillHeld } from '../coordination/fence.js';
import { withRequestTimeout } from './create.js';
import type { Octokit } from './octokit.js';

/** Settings every installation client shares. */
export interface ClientSettings {
  /** Deadline of one request (`EMBARK_REQUEST_TIMEOUT_MS`). */
  requestTimeoutMs: number;
}

/** A request that changes something: any REST method but GET/HEAD, and GraphQL mutations. */
export function isWrite(options: { method?: string; url?: string; query?: unknown }): boolean {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return false;
  if (/\/graphql$/.test(options.url ?? '')) return typeof options.query === 'string' && /^\s*mutation\b/.test(options.query);
  return true;
}

/** Refuse writes once the lease the work runs under is lost (the job retries from a fresh read). */
export function withWriteFence<T extends Octokit>(octokit: T): T {
  octokit.hook.before('request', (options) => {
    if (isWrite(options as { method?: string; url?: string; query?: unknown })) assertStillHeld();
  });
  return octokit;
}

/** The installation's client with Embark's request deadline and write fence. */
export async function installationClient(app: Pick<Probot, 'auth'>, installationId: number | undefined, settings: ClientSettings): Promise<Octokit> {
  return withWriteFence(withRequestTimeout((await app.auth(installationId)) as Octokit, settings.requestTimeoutMs));
}

/** Every installation of the app, with the account it is on (installations on enterprises have none). */
export async function listInstallations(app: Pick<Probot, 'auth'>): Promise<{ id: number; account: string }[]> {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  return installations.flatMap((i) => (i.account && 'login' in i.account ? [{ id: i.id, account: i.account.login }] : []));
}

/** The installation id of a repository, or null when the app is not installed there. */
export async function repoInstallationId(app: Pick<Probot, 'auth'>, owner: string, repo: string): Promise<number | null> {
  const appOctokit = await app.auth();
  try {
    const { data } = await appOctokit.rest.apps.getRepoInstallation({ owner, repo });
    return data.id;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/**
 * The status page's installation clients: the shared lookup (`handlers/installations.ts`), the
 * client alone.
 */
import type { Probot } from 'probot';
import type { ClientSettings } from '../../github/app-client.js';
import type { Octokit } from '../../github/octokit.js';
import { installationsOf } from '../installations.js';

export function installationClients(app: Pick<Probot, 'auth'>, settings: ClientSettings): (owner: string, repo: string) => Promise<Octokit | null> {
  const lookup = installationsOf(app, settings);
  return async (owner, repo) => (await lookup(owner, repo))?.octokit ?? null;
}

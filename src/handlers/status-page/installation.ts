/**
 * The app's installation client for a repository, for requests that come without a webhook
 * (the status page). The installation id is looked up once per repository and kept; Probot
 * caches the installation token itself.
 */
import type { Probot } from 'probot';
import { type ClientSettings, installationClient, repoInstallationId } from '../../github/app-client.js';
import type { Octokit } from '../../github/octokit.js';

export function installationClients(app: Pick<Probot, 'auth'>, settings: ClientSettings): (owner: string, repo: string) => Promise<Octokit | null> {
  const ids = new Map<string, number>();
  return async (owner, repo) => {
    const key = `${owner}/${repo}`.toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      const found = await repoInstallationId(app, owner, repo);
      if (found === null) return null;
      id = found;
      if (ids.size > 10_000) ids.clear();
      ids.set(key, id);
    }
    return installationClient(app, id, settings);
  };
}

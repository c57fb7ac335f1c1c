/**
 * The app's installation on a repository, and its client, for requests that come without a webhook
 * (the start API, the status page): the id is looked up once per repository and kept (Probot
 * caches the token). Null when the app is not installed there or the repository does not exist.
 */
import type { Probot } from 'probot';
import { installationClient, repoInstallationId } from '../github/app-client.js';
import type { Octokit } from '../github/octokit.js';

export function installationsOf(app: Pick<Probot, 'auth'>, settings: { requestTimeoutMs: number }): (owner: string, repo: string) => Promise<{ id: number; octokit: Octokit } | null> {
  const ids = new Map<string, number>();
  return async (owner, repo) => {
    const key = `${owner}/${repo}`.toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      const found = await repoInstallationId(app, owner, repo);
      if (found === null) return null;
      if (ids.size > 10_000) ids.clear();
      id = found;
      ids.set(key, id);
    }
    return { id, octokit: await installationClient(app, id, settings) };
  };
}

/**
 * The app's installation client for a repository, for requests that come without a webhook
 * (the status page). The installation id is looked up once per repository and kept; Probot
 * caches the installation token itself.
 */
import type { Probot } from 'probot';
import type { Octokit } from '../../github/octokit.js';

export function installationClients(app: Pick<Probot, 'auth'>): (owner: string, repo: string) => Promise<Octokit | null> {
  const ids = new Map<string, number>();
  return async (owner, repo) => {
    const key = `${owner}/${repo}`.toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      const appOctokit = await app.auth();
      try {
        const { data } = await appOctokit.rest.apps.getRepoInstallation({ owner, repo });
        id = data.id;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
      if (ids.size > 10_000) ids.clear();
      ids.set(key, id);
    }
    return (await app.auth(id)) as Octokit;
  };
}

/**
 * A user's permission on a repository, asked of GitHub and kept briefly (commands arrive in
 * bursts; permissions rarely change within a minute). Never read from Embark's own state.
 */
import type { RepositoryPermission } from '../commands/index.js';
import type { Octokit, RepoRef } from './octokit.js';

const TTL_MS = 60_000;

export async function repositoryPermission(
  octokit: Octokit,
  ref: RepoRef & { username: string },
  cache: Map<string, { permission: string; until: number }>,
  now: number,
): Promise<RepositoryPermission> {
  const key = `${ref.owner}/${ref.repo}:${ref.username}`.toLowerCase();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.permission as RepositoryPermission;
  let permission: RepositoryPermission = 'none';
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: ref.owner, repo: ref.repo, username: ref.username });
    // `role_name` tells maintain and triage apart; `permission` folds them into write and read.
    const role = (data as { role_name?: string }).role_name;
    permission = (['admin', 'maintain', 'write', 'triage', 'read'].includes(role ?? '') ? role : data.permission) as RepositoryPermission;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, { permission, until: now + TTL_MS });
  return permission;
}

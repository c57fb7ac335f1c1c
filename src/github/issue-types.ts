/**
 * The issue types of a repository's organisation (`GET /orgs/{org}/issue-types`), by name, for
 * giving the EPIC and its stage issues GitHub's own types. A user's repository, a server without
 * issue types or an app without the "Issue types: read" organisation permission answers 404 or
 * 403: then there are none, and Embark labels issues as it always does.
 */
import type { Octokit } from './octokit.js';

/** Node id of each enabled issue type, keyed by its name in lower case. */
export type IssueTypeIds = Record<string, string>;

/** Read the organisation's issue types; none when GitHub has none to give this app. */
export async function readIssueTypes(octokit: Octokit, owner: string): Promise<IssueTypeIds> {
  try {
    const { data } = await octokit.request('GET /orgs/{org}/issue-types', { org: owner });
    const types = data as { name: string; node_id: string; is_enabled?: boolean }[];
    return Object.fromEntries(types.filter((t) => t.is_enabled !== false).map((t) => [t.name.toLowerCase(), t.node_id]));
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 403 || status === 401 || status === 410) return {};
    throw error;
  }
}

/** The node id of the type named `name` (case aside), or undefined. */
export function issueTypeId(types: IssueTypeIds, name: string | null): string | undefined {
  return name ? types[name.toLowerCase()] : undefined;
}

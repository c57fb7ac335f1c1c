/**
 * The slice of Octokit Embark uses. `github/` functions take it as a parameter: no ambient
 * clients, and tests can pass Probot's octokit, a plain @octokit/rest client, or a recorder.
 */
import type { ProbotOctokit } from 'probot';

export type Octokit = InstanceType<typeof ProbotOctokit>;

/** Owner and name of a repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** Shared set-up: a double with one repository and an Octokit acting as the app (no retries). */
import { Octokit } from '@octokit/rest';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../github-double/index.js';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export const REPO = 'acme/onboarding';

/** A double with `acme/onboarding` (alice admin, bob write, carol read) and a client acting as the app. */
export async function doubleWithRepo(options: DoubleOptions = {}): Promise<{ double: GitHubDouble; octokit: Octokit }> {
  const double = await startGitHubDouble(options);
  double.addRepo({
    owner: 'acme',
    name: 'onboarding',
    collaborators: { alice: 'admin', bob: 'write', carol: 'read' },
    files: { '.github/onboarding.yml': 'reminders: {}\n', 'templates/msp.md': '# MSP\n' },
  });
  return { double, octokit: clientFor(double) };
}

/** An Octokit against the double; with `login`, it acts as that person instead of the app. */
export function clientFor(double: GitHubDouble, login?: string): Octokit {
  return new Octokit({ baseUrl: double.apiUrl, auth: login ? double.tokenFor(login) : 'app-token', request: { retries: 0 }, log: quiet });
}

export const repoParams = { owner: 'acme', repo: 'onboarding' } as const;

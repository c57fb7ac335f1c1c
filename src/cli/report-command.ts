/**
 * `embark report`: every onboarding of some repositories (or an organisation) at a glance, with
 * the KPIs, read over the GitHub API from the same search pages the sweep uses. Output as a
 * table (default), `--json` (the contract in the README), `--csv` or `--markdown`.
 *
 * Exit 0 when every repository was read, 1 when some could not be (each named on stderr, the
 * others still reported), 2 on a usage mistake (no token, a bad `--repo` or `--since`).
 *
 * (Not to be confused with `report.ts`, which words template diagnostics.)
 */
import { Octokit as RestOctokit } from '@octokit/rest';
import { DateTime } from 'luxon';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { readPortfolio } from '../github/read-portfolio.js';
import { renderPortfolioMarkdown } from '../portfolio/dashboard.js';
import { reportCsv, reportTable } from '../portfolio/format.js';
import { buildReport } from '../portfolio/report.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { EXIT, UsageError } from './usage.js';

/** What the command takes from the environment; tests pass their own. */
export interface ReportEnv {
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function parseSince(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !parsed.isValid) {
    throw new UsageError(`report: --since "${value}" is not a date; write it as YYYY-MM-DD (e.g. --since 2026-01-01)`);
  }
  return parsed.toJSDate();
}

function parseRepos(values: string[]): RepoRef[] {
  return values.map((v) => {
    const name = v.replace(/^https:\/\/[^/]+\//, '').replace(/\.git$/, '');
    if (!REPO.test(name)) throw new UsageError(`report: --repo "${v}" is not OWNER/REPO (e.g. --repo acme/onboarding)`);
    const [owner, repo] = name.split('/') as [string, string];
    return { owner, repo };
  });
}

/** One line for a failure that stops the whole report (the token, the network). */
function fatalLine(error: unknown, apiUrl: string): string {
  const status = (error as { status?: number }).status;
  if (status === 401) return 'GitHub rejected the token (401 Bad credentials); set GITHUB_TOKEN or GH_TOKEN to a valid token';
  if (status === 403) return `GitHub refused the request (403: ${(error as Error).message}); the token needs read access to issues`;
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  if (cause || status === 500 || status === undefined) return `cannot read from GitHub at ${apiUrl}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`;
  return (error as Error).message;
}

/** Run `report` with the arguments after the command name. */
export async function reportCommand(args: string[], io: CliIo, outside: ReportEnv): Promise<number> {
  const { values } = parseCommandArgs('report', args, {
    repo: { type: 'string', multiple: true },
    org: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    markdown: { type: 'boolean' },
    since: { type: 'string' },
    'api-url': { type: 'string' },
  });
  const repoArgs = (values.repo as unknown as string[] | undefined) ?? [];
  const org = values.org as string | undefined;
  if (repoArgs.length === 0 && !org) throw new UsageError('report: name what to report on with --repo OWNER/REPO (repeatable) or --org ORG');
  if (repoArgs.length > 0 && org) throw new UsageError('report: use either --repo or --org, not both');
  if (org !== undefined && !/^[A-Za-z0-9-]+$/.test(org)) throw new UsageError(`report: --org "${org}" is not an organisation login`);
  const formats = (['json', 'csv', 'markdown'] as const).filter((f) => values[f] === true);
  if (formats.length > 1) throw new UsageError(`report: choose one output format, not ${formats.map((f) => `--${f}`).join(' and ')}`);
  const since = parseSince(values.since as string | undefined);
  const repos = parseRepos(repoArgs);
  const token = outside.env.GITHUB_TOKEN || outside.env.GH_TOKEN;
  if (!token) throw new UsageError('report: no token; set GITHUB_TOKEN or GH_TOKEN to a token that can read the repositories\' issues');
  const apiUrl = ((values['api-url'] as string | undefined) || outside.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');

  // Octokit's request log would print its own line per failed request; the command words failures itself.
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const octokit = new RestOctokit({ auth: token, baseUrl: apiUrl, userAgent: 'embark-report', log }) as unknown as Octokit;
  const now = outside.now();
  let reads: Awaited<ReturnType<typeof readPortfolio>>;
  try {
    reads = await readPortfolio(octokit, { ...(org ? { org } : { repos }), since, now });
  } catch (error) {
    io.stderr(`embark: ${fatalLine(error, apiUrl)}\n`);
    return EXIT.invalid;
  }
  const failed = reads.filter((r) => !r.ok);
  for (const r of reads) {
    if (!r.ok) io.stderr(`embark: ${r.repo}: ${r.error}\n`);
    else for (const w of r.warnings) io.stderr(`embark: warning: ${w}\n`);
  }
  const entries = reads.flatMap((r) => (r.ok ? r.entries : []));
  const report = buildReport({ entries, now, since });
  if (formats[0] === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (formats[0] === 'csv') io.stdout(reportCsv(report));
  else if (formats[0] === 'markdown') {
    const stageDue = Object.fromEntries(entries.map((e) => [e.row.url, e.stageDueAt]));
    io.stdout(renderPortfolioMarkdown({ report, today: now.toISOString().slice(0, 10), stageDue, now }));
  } else io.stdout(reportTable(report));
  return failed.length > 0 ? EXIT.invalid : EXIT.ok;
}

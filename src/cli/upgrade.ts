/**
 * `embark upgrade --repo OWNER/REPO --template NAME [--dry-run] [--rate N/min]`: bring every
 * running onboarding of a template to the template's current version. Reads the repository with
 * your token, plans each onboarding's upgrade (what `/upgrade` would show), and, unless
 * `--dry-run`, asks the app to apply it with one `/upgrade confirm <fingerprint>` comment per
 * onboarding that is behind, paced under GitHub's limits; prints a table. Wiring only: the steps
 * live in `../upgrade/`.
 */
import { Octokit } from '@octokit/rest';
import { loadBundledTemplates } from '../bundled-templates.js';
import { type PaceClock, Pacer, type PaceSettings, fixedPace, paceForCost, sustainedRate, systemClock } from '../enroll/pace.js';
import { applyPlan } from '../github/apply-plan.js';
import type { Octokit as AppOctokit } from '../github/octokit.js';
import { readRunning } from '../github/read-running.js';
import { shortName } from '../template/select.js';
import { planRow, runsTemplate, type UpgradeRow } from '../upgrade/rows.js';
import { runUpgrades } from '../upgrade/run.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { diagnosticLines } from './report.js';
import { EXIT, UsageError } from './usage.js';

/** Exit code after Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

/** What the command needs from the process; tests pass their own. */
export interface UpgradeDeps {
  env: NodeJS.ProcessEnv;
  clock: PaceClock;
  signal?: AbortSignal;
  now: () => Date;
}

const OPTIONS = {
  repo: { type: 'string' },
  template: { type: 'string', short: 't' },
  rate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'api-url': { type: 'string' },
} as const;

/** The command as the CLI runs it: the real clock and Ctrl-C. */
export async function upgradeCommand(args: string[], io: CliIo, options: { env: NodeJS.ProcessEnv }): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    io.stderr('\nembark: stopping after the current onboarding; run the same command again to go on.\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await runUpgrade(args, io, { env: options.env, clock: systemClock, signal: controller.signal, now: () => new Date() });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `+2 items, 1 reworded, 1 marked, +1 stage` */
function changes(row: UpgradeRow): string {
  const c = row.counts;
  const parts = [
    c.added > 0 ? `+${plural(c.added, 'item')}` : '',
    c.reworded > 0 ? `${c.reworded} reworded` : '',
    c.moved > 0 ? `${c.moved} moved` : '',
    c.marked > 0 ? `${c.marked} marked` : '',
    c.stagesAdded > 0 ? `+${plural(c.stagesAdded, 'stage')}` : '',
    c.listed > 0 ? `${c.listed} listed (done stages)` : '',
  ].filter(Boolean);
  return parts.join(', ') || (row.status === 'up-to-date' ? '-' : 'version only');
}

const version = (v: { version: string | null; fingerprint: string | null }) => v.version ?? (v.fingerprint ? `(${v.fingerprint})` : 'unknown');

/** The rows as an aligned table. */
export function upgradeTable(rows: UpgradeRow[]): string {
  const cells = [['EPIC', 'CUSTOMER', 'FROM', 'TO', 'STATUS', 'CHANGES'], ...rows.map((r) => [`#${r.epic}`, r.customer, version(r.from), version(r.to), r.status, r.reason ?? changes(r)])];
  // Long customer names are cut; the last column (changes, or why it failed) never is.
  const cut = (s: string, i: number) => (s.length > 40 && i < 5 ? `${s.slice(0, 39)}…` : s);
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => cut(r[i]!, i).length)));
  return `${cells.map((r) => r.map((c, i) => cut(c, i).padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

/** The command with its outside world passed in. */
export async function runUpgrade(args: string[], io: CliIo, deps: UpgradeDeps): Promise<number> {
  const { values } = parseCommandArgs('upgrade', args, OPTIONS);
  const repo = values.repo as string | undefined;
  const wanted = values.template as string | undefined;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError('upgrade: --repo OWNER/REPO is required');
  if (!wanted) throw new UsageError('upgrade: --template NAME is required (the template whose onboardings to upgrade)');
  const rateText = values.rate as string | undefined;
  const rate = rateText === undefined ? null : Number(/^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*min)?\s*$/i.exec(rateText)?.[1] ?? Number.NaN);
  if (rate !== null && !(rate > 0 && rate <= 600)) throw new UsageError(`upgrade: --rate takes onboardings per minute between 1 and 600, like "--rate 10/min" (got "${rateText}")`);
  const token = deps.env.GITHUB_TOKEN || deps.env.GH_TOKEN;
  if (!token) throw new UsageError('upgrade: no token: set GITHUB_TOKEN or GH_TOKEN to a token with write access to the repository');
  const apiUrl = ((values['api-url'] as string | undefined) || deps.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const dryRun = values['dry-run'] === true;
  const [owner, name] = repo.split('/') as [string, string];
  const octokit = new Octokit({ auth: token, baseUrl: apiUrl, userAgent: 'embark-upgrade', log: { debug() {}, info() {}, warn() {}, error() {} } }) as unknown as AppOctokit;

  let read: Awaited<ReturnType<typeof readRunning>>;
  try {
    read = await readRunning(octokit, { owner, repo: name }, loadBundledTemplates());
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) throw new UsageError('upgrade: GitHub refused the token (401 Bad credentials): check GITHUB_TOKEN / GH_TOKEN');
    io.stderr(`embark: cannot read ${repo}: ${(error as Error).message}\n`);
    return EXIT.invalid;
  }
  const lower = wanted.toLowerCase().replace(/\.(md|ya?ml)$/, '');
  const source = read.setup.templates.find((t) => [shortName(t.file), t.file, t.result.template?.name ?? ''].some((n) => n.toLowerCase().replace(/\.(md|ya?ml)$/, '') === lower));
  if (!source) {
    const names = read.setup.templates.map((t) => shortName(t.file)).join(', ');
    throw new UsageError(`upgrade: ${repo} has no template "${wanted}"; its templates: ${names || 'none'}`);
  }
  if (!source.result.ok || !source.result.template) {
    io.stderr(`embark: ${source.file} has errors; fix it first, nothing was changed:\n${diagnosticLines(source.file, source.result).join('\n')}\n`);
    return EXIT.invalid;
  }
  const template = source.result.template;
  for (const w of read.warnings) io.stderr(`embark: warning: ${w}\n`);
  const now = deps.now().toISOString();
  const rows = read.onboardings
    .filter((o) => runsTemplate(o.state, template, source.file))
    .map((o) => planRow({ source: o.found, state: o.state, template, file: source.file, config: read.config, now }));
  // Each upgrade costs the request, the app's reply and one issue per new stage.
  const cost = 2 + Math.max(0, ...rows.map((r) => r.counts.stagesAdded));
  const pace: PaceSettings = rate === null ? paceForCost(cost) : fixedPace(rate);
  const due = rows.filter((r) => r.status === 'would-upgrade').length;
  io.stderr(`embark: ${plural(rows.length, 'running onboarding')} of "${template.name}" (${source.file}), ${due} behind ${template.version ?? 'the current version'}${dryRun ? ' (dry run: nothing is changed)' : `; at most ${sustainedRate(pace).toFixed(1)} a minute`}\n`);
  const outcome = await runUpgrades({
    rows,
    dryRun,
    pacer: new Pacer(pace, deps.clock),
    clock: deps.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    post: async (epic, body) => {
      await applyPlan({ octokit, owner, repo: name }, [{ kind: 'comment', issue: epic, body, key: null }]);
    },
    report: {
      row: (row) => io.stderr(`#${row.epic} ${row.customer}: ${row.status}${row.reason ? ` (${row.reason})` : ''}\n`),
      paused: (ms, message) => io.stderr(`embark: GitHub asked to wait ${Math.ceil(ms / 1000)} s (${message}); pausing\n`),
    },
  });
  io.stdout(upgradeTable(outcome.rows));
  const count = (s: UpgradeRow['status']) => outcome.rows.filter((r) => r.status === s).length;
  const summary = dryRun
    ? `${count('would-upgrade')} would be upgraded, ${count('up-to-date')} up to date.`
    : `${count('requested')} requested, ${count('up-to-date')} up to date${count('failed') > 0 ? `, ${count('failed')} failed` : ''}. The app applies each request and answers on its EPIC; run the same command again to see them up to date.`;
  io.stdout(`${outcome.interrupted ? 'Interrupted: ' : ''}${summary}${outcome.interrupted ? ' Run the same command again to go on.' : ''}\n`);
  if (outcome.interrupted) return EXIT_INTERRUPTED;
  return count('failed') > 0 ? EXIT.invalid : EXIT.ok;
}

/**
 * `embark enroll FILE.csv --repo OWNER/REPO --template NAME_OR_FILE`: open one onboarding issue
 * per CSV row, paced under GitHub's creation limits, so the app starts each the normal way.
 * Wiring only: reading arguments, the token, files, the terminal and Ctrl-C; the steps live in
 * `../enroll/`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Octokit } from '@octokit/rest';
import { enrollGitHub } from '../enroll/github.js';
import { creationsPerRow, defaultPace, fixedPace, GITHUB_CREATION_LIMITS, type PaceClock, sustainedRate, systemClock } from '../enroll/pace.js';
import { duration, progressBar } from '../enroll/progress.js';
import { type RowResult, resultCells, resultStringifier } from '../enroll/results.js';
import { enroll } from '../enroll/run.js';
import { loadTemplate, TemplateChoiceError } from '../enroll/template-source.js';
import { classifyFailure } from '../github/failure.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { EXIT, UsageError } from './usage.js';

/** Exit code after Ctrl-C (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;
/** Skipped rows listed again in the summary; the rest are in the lines above and in `--out`. */
const SUMMARY_REASONS = 20;

/** What the command needs from the process; tests pass their own. */
export interface EnrollDeps {
  env: NodeJS.ProcessEnv;
  openRead(path: string): Readable;
  openWrite(path: string): Writable;
  /** Kind of path: for "no such file" before anything starts. */
  isFile(path: string): Promise<boolean>;
  clock: PaceClock;
  signal?: AbortSignal;
  /** Draw a progress bar (stderr is a terminal). */
  tty: boolean;
}

const OPTIONS = {
  repo: { type: 'string' },
  template: { type: 'string', short: 't' },
  rate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  'api-url': { type: 'string' },
} as const;

/** `12`, `12/min` -> 12 rows a minute. */
function parseRate(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*min)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n > 0 && n <= 600)) throw new UsageError(`enroll: --rate takes rows per minute between 1 and 600, like "--rate 10/min" (got "${text}")`);
  return n;
}

/** The command as the CLI runs it: the real files, clock, terminal and Ctrl-C; the environment as the entry read it. */
export async function enrollCommand(args: string[], io: CliIo, options: { env: NodeJS.ProcessEnv }): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    io.stderr('\nembark: stopping after the current row (Ctrl-C again to quit at once); run the same command again to go on.\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await runEnroll(args, io, {
      env: options.env,
      openRead: (path) => createReadStream(path),
      openWrite: (path) => createWriteStream(path),
      isFile: async (path) => (await stat(path).catch(() => null))?.isFile() ?? false,
      clock: systemClock,
      signal: controller.signal,
      tty: process.stderr.isTTY === true,
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** The command with its outside world passed in. */
export async function runEnroll(args: string[], io: CliIo, deps: EnrollDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('enroll', args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('enroll: name one CSV file, like "embark enroll customers.csv --repo acme/onboarding --template onboarding"');
  const file = positionals[0]!;
  const repo = values.repo as string | undefined;
  const wanted = values.template as string | undefined;
  const dryRun = values['dry-run'] === true;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError('enroll: --repo OWNER/REPO is required (the repository where the app runs onboardings)');
  if (!wanted) throw new UsageError('enroll: --template NAME_OR_FILE is required (a template of the repository, or a template file)');
  const rate = values.rate === undefined ? null : parseRate(values.rate as string);
  if (!(await deps.isFile(file))) throw new UsageError(`enroll: no such file: ${file}`);
  const token = deps.env.GITHUB_TOKEN || deps.env.GH_TOKEN || null;
  if (!token && !dryRun) throw new UsageError('enroll: no token: set GITHUB_TOKEN or GH_TOKEN to a token that can open issues in the repository');
  const apiUrl = (values['api-url'] as string | undefined) || deps.env.GITHUB_API_URL || 'https://api.github.com';
  const [owner, name] = repo.split('/') as [string, string];
  const ref = { owner, repo: name };
  const octokit = token ? new Octokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ''), userAgent: 'embark-enroll', log: { debug() {}, info() {}, warn() {}, error() {} } }) : null;

  try {
    const template = await loadTemplate({ wanted, octokit, ref, readLocal: async (path) => ((await deps.isFile(path)) ? io.readFile(path) : null) });
    const model = template.result.template!;
    const pace = rate === null ? defaultPace(model.stages.length) : fixedPace(rate);
    const perRow = creationsPerRow(model.stages.length);
    if (rate !== null && (rate * perRow > GITHUB_CREATION_LIMITS.perMinute || rate * perRow * 60 > GITHUB_CREATION_LIMITS.perHour)) {
      io.stderr(`embark: warning: at ${rate}/min with ${perRow} creations a row (the issue, ${model.stages.length} stages, the status comment), GitHub will likely pause the run; the default pace stays within its limits\n`);
    }
    if (!octokit) io.stderr('embark: warning: no token, so existing onboardings were not looked up; every valid row is listed as one to create\n');
    return await runWithOutput({ io, deps, file, template: template.file, model, pace, dryRun, out: (values.out as string | undefined) ?? null, github: octokit ? enrollGitHub(octokit, ref) : null });
  } catch (error) {
    if (error instanceof TemplateChoiceError) throw new UsageError(`enroll: ${error.message}`);
    const status = (error as { status?: number }).status;
    if (status === 401) throw new UsageError('enroll: GitHub refused the token (401 Bad credentials): check GITHUB_TOKEN / GH_TOKEN');
    if (status === 404) throw new UsageError(`enroll: no repository ${repo} at ${apiUrl}, or the token cannot see it`);
    if (typeof status === 'number') {
      io.stderr(`embark: GitHub answered ${status}: ${classifyFailure(error).message}\nRows done so far are kept; run the same command again to go on.\n`);
      return EXIT.invalid;
    }
    throw error;
  }
}

async function runWithOutput(args: {
  io: CliIo;
  deps: EnrollDeps;
  file: string;
  template: string;
  model: NonNullable<Awaited<ReturnType<typeof loadTemplate>>['result']['template']>;
  pace: ReturnType<typeof defaultPace>;
  dryRun: boolean;
  out: string | null;
  github: ReturnType<typeof enrollGitHub> | null;
}): Promise<number> {
  const { io, deps, file } = args;
  const out = args.out ? resultStringifier() : null;
  const outFile = args.out ? deps.openWrite(args.out) : null;
  if (out && outFile) out.pipe(outFile);
  const total = deps.tty ? await countRows(deps.openRead(file)) : null;
  const startedAt = deps.clock.now();
  const reasons: string[] = [];
  let done = 0;
  let created = 0;
  let pausedUntil: number | null = null;
  const bar = () => {
    if (deps.tty) io.stderr(`\r\x1b[K${progressBar({ done, total, created, startedAt, now: deps.clock.now(), paceRate: sustainedRate(args.pace), pausedUntil })}`);
  };
  const above = (text: string) => io.stderr(deps.tty ? `\r\x1b[K${text}` : text);
  io.stderr(`embark: enrolling ${file} with ${args.template}${args.dryRun ? ' (dry run: nothing is created)' : `, at most ${sustainedRate(args.pace).toFixed(1)} rows a minute`}\n`);
  const outcome = await enroll({
    file,
    source: deps.openRead(file),
    template: args.model,
    github: args.github,
    dryRun: args.dryRun,
    pace: args.pace,
    clock: deps.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    report: {
      warning: (text) => above(`embark: warning: ${text}\n`),
      paused: (ms, message) => {
        pausedUntil = deps.clock.now() + ms;
        above(`embark: GitHub asked to wait ${duration(ms)} (${message}); pausing\n`);
      },
      row: (result: RowResult) => {
        done += 1;
        if (result.status === 'created') created += 1;
        out?.write(resultCells(result));
        if (result.status === 'skipped' || result.status === 'failed') {
          const text = `${file}:${result.line}: ${result.status}: ${result.reason}`;
          if (reasons.length < SUMMARY_REASONS) reasons.push(text);
          above(`${text}\n`);
        } else if (!deps.tty) {
          io.stdout(`${file}:${result.line}: ${result.status === 'would-create' ? 'would create' : result.status === 'exists' ? 'already there' : 'created'} ${result.customer}${result.url ? ` ${result.url}` : ''}\n`);
        }
        bar();
      },
    },
  });
  if (deps.tty) io.stderr('\r\x1b[K');
  if (out && outFile) {
    out.end();
    await finished(outFile);
  }
  if (outcome.fileError) throw new UsageError(`enroll: ${outcome.fileError}`);
  const t = outcome.tally;
  const parts = [args.dryRun ? `would create ${t.wouldCreate}` : `created ${t.created}`, `already there ${t.exists}`, `skipped ${t.skipped}`];
  if (t.failed > 0) parts.push(`failed ${t.failed}`);
  const summary = [`Enrollment of ${file}${outcome.interrupted ? ' (interrupted)' : ''}: ${parts.join(', ')}.`];
  if (reasons.length > 0) summary.push(...reasons.map((r) => `  ${r}`));
  if (t.skipped + t.failed > reasons.length) summary.push(`  ... and ${t.skipped + t.failed - reasons.length} more${args.out ? ` (see ${args.out})` : ''}`);
  if (args.out) summary.push(`Results: ${args.out}`);
  if (outcome.interrupted) summary.push('Run the same command again to enroll the remaining rows; nothing is created twice.');
  io.stdout(`${summary.join('\n')}\n`);
  if (outcome.interrupted) return EXIT_INTERRUPTED;
  return t.skipped + t.failed > 0 ? EXIT.invalid : EXIT.ok;
}

/** Rows in the file, for the progress bar: lines that are not empty, minus the header. */
async function countRows(stream: Readable): Promise<number> {
  let rows = 0;
  let blank = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (!blank) rows += 1;
        blank = true;
      } else if (byte !== 0x0d) blank = false;
    }
  }
  if (!blank) rows += 1;
  return Math.max(0, rows - 1);
}

/**
 * One enrollment run, in order:
 * 1. find the onboardings this file enrolled already (one search, one listing);
 * 2. read the CSV as a stream: the header picks the columns, then each record is checked,
 *    skipped with its reason (a quoting mistake too: see `csv-read.ts`), recognised as already
 *    there, or opened as an issue at the pace;
 * 3. a `retry-after` from GitHub pauses everything, an ambiguous failure looks before it re-sends;
 * 4. an abort (Ctrl-C) stops before the next issue: a rerun goes on from there.
 * Nothing is held per row beyond the customers seen (to refuse duplicates) and the keys found.
 */
import type { Readable } from 'node:stream';
import type { Template } from '../template/model.js';
import { HeaderError, mapColumns } from './columns.js';
import { quoteReason } from './csv-quotes.js';
import { csvRecords } from './csv-read.js';
import { AmbiguousError, type EnrollGitHub, PauseError } from './github.js';
import { enrollIssueText, fieldLines } from './issue-text.js';
import { type PaceClock, Pacer, type PaceSettings } from './pace.js';
import { count, emptyTally, type RowResult, type Tally } from './results.js';
import { checkRow } from './row-check.js';
import { fileKey, rowKey } from './row-key.js';

/** Attempts at one row whose creation had an unknown outcome (each looks first). */
const AMBIGUOUS_ATTEMPTS = 3;

/** What the run tells its caller as it goes. */
export interface EnrollReporter {
  warning(text: string): void;
  /** Each row's outcome, in file order. */
  row(result: RowResult): void;
  /** GitHub asked to wait `ms` before the next creation. */
  paused(ms: number, message: string): void;
}

export interface EnrollInput {
  /** The CSV's name: part of every row key. */
  file: string;
  /** The CSV's bytes, read as they come. */
  source: Readable | AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  template: Template;
  /** Null only for a dry run without a token (nothing is looked up). */
  github: EnrollGitHub | null;
  dryRun: boolean;
  pace: PaceSettings;
  clock: PaceClock;
  signal?: AbortSignal;
  report: EnrollReporter;
}

export interface EnrollOutcome {
  tally: Tally;
  /** Stopped by the signal before the end of the file. */
  interrupted: boolean;
  /** The file could not be used at all (its header); nothing was created. */
  fileError: string | null;
}

/** Enroll every row of the CSV; see the module comment for the steps. */
export async function enroll(input: EnrollInput): Promise<EnrollOutcome> {
  const { template, github, clock, signal, report } = input;
  const tally = emptyTally();
  const done = (result: RowResult) => {
    count(tally, result.status);
    report.row(result);
  };
  const existing = github ? await github.existing(fileKey(input.file), clock.now()) : new Map<string, string>();
  const pacer = new Pacer(input.pace, clock);
  const lines = fieldLines(template);
  let header: string[] | null = null;
  let columns: ReturnType<typeof mapColumns> | null = null;
  const seen = new Map<string, number>();
  for await (const { cells: record, line, lastLine, quotes, unreadable } of csvRecords(input.source)) {
    if (!header) {
      const where = `${input.file} line ${line}`;
      if (quotes) return { tally, interrupted: false, fileError: `${where}: the header ${quoteReason({ problem: quotes, name: `(column ${quotes.column + 1})`, value: record[quotes.column] ?? '', used: false, lines: { first: line, last: lastLine } })}` };
      if (unreadable) return { tally, interrupted: false, fileError: `${where}: the header cannot be read: ${unreadable}` };
      header = record;
      try {
        columns = mapColumns(header, template);
      } catch (error) {
        if (error instanceof HeaderError) return { tally, interrupted: false, fileError: `${where}: ${error.message}` };
        throw error;
      }
      if (columns.unknown.length > 0) report.warning(`${input.file}: ignoring columns that match no field or role of "${template.name}": ${columns.unknown.join(', ')}`);
      continue;
    }
    if (signal?.aborted) return { tally, interrupted: true, fileError: null };
    if (unreadable) {
      done({ line, customer: '', status: 'skipped', url: null, reason: `this row cannot be read as CSV (${unreadable})` });
      continue;
    }
    const checked = checkRow({ record, line, header, columns: columns!, seen, quotes: quotes ? { problem: quotes, lastLine } : null });
    const customer = checked.ok ? checked.row.customer : (record[columns!.customer] ?? '').trim();
    if (!checked.ok) {
      done({ line, customer, status: 'skipped', url: null, reason: checked.reason });
      continue;
    }
    const key = rowKey(input.file, checked.row.customer);
    const url = existing.get(key);
    if (url) {
      done({ line, customer, status: 'exists', url, reason: null });
      continue;
    }
    const text = enrollIssueText({ template, lines, row: checked.row, key });
    if (!text.ok) {
      done({ line, customer, status: 'skipped', url: null, reason: text.reason });
      continue;
    }
    if (input.dryRun || !github) {
      done({ line, customer, status: 'would-create', url: null, reason: null });
      continue;
    }
    const opened = await openPaced({ github, pacer, clock, signal, report, key, issue: { title: text.title, body: text.body, labels: template.labels } });
    if (opened.kind === 'interrupted') return { tally, interrupted: true, fileError: null };
    if (opened.kind === 'failed') done({ line, customer, status: 'failed', url: null, reason: opened.reason });
    else {
      existing.set(key, opened.url);
      done({ line, customer, status: 'created', url: opened.url, reason: null });
    }
  }
  if (!header) return { tally, interrupted: false, fileError: `${input.file} is empty: it needs a header row with a "customer" column` };
  return { tally, interrupted: false, fileError: null };
}

type Opened = { kind: 'created'; url: string } | { kind: 'failed'; reason: string } | { kind: 'interrupted' };

/** Open one issue when the pace allows; wait out `retry-after`; after an unknown outcome, look first. */
async function openPaced(args: {
  github: EnrollGitHub;
  pacer: Pacer;
  clock: PaceClock;
  signal: AbortSignal | undefined;
  report: EnrollReporter;
  key: string;
  issue: { title: string; body: string; labels: string[] };
}): Promise<Opened> {
  let ambiguous = 0;
  for (;;) {
    if (!(await args.pacer.take(args.signal))) return { kind: 'interrupted' };
    try {
      return { kind: 'created', url: await args.github.open(args.issue) };
    } catch (error) {
      if (error instanceof PauseError) {
        args.pacer.pause(error.ms);
        args.report.paused(error.ms, error.message);
        continue;
      }
      if (!(error instanceof AmbiguousError)) throw error;
      const found = await args.github.findRecent(args.key, args.clock.now());
      if (found) return { kind: 'created', url: found };
      ambiguous += 1;
      if (ambiguous >= AMBIGUOUS_ATTEMPTS) return { kind: 'failed', reason: `GitHub failed ${ambiguous} times (${error.message}); run again to retry this row` };
    }
  }
}

/**
 * Quoting mistakes in one CSV record, found in the record's raw text, and the reason a person can
 * act on. The file is read with csv-parse's `relax_quotes`, so a stray quote does not stop the run
 * or swallow the rows after it; this module finds what strict CSV (RFC 4180) would have refused, so
 * that the row is skipped and reported with its line instead of being enrolled with a value nobody
 * meant. Pure.
 */

/** What is wrong with the quotes of one record: the first problem, and its column (0-based). */
export type QuoteProblem =
  /** A quote inside a value that does not start with one: `Acme,=HYPERLINK("http://x")`. */
  | { kind: 'stray'; column: number }
  /** Text after the closing quote of a quoted value: `Acme,"T-1"x`. */
  | { kind: 'after-closing'; column: number }
  /** A quoted value whose closing quote never comes before the end of the file. */
  | { kind: 'unclosed'; column: number };

export interface ScannedRecord {
  /** The cells as csv-parse's relaxed reading gives them (best effort, for a record it refused). */
  cells: string[];
  problem: QuoteProblem | null;
  /** Line breaks inside the record (in quoted values): the record ends this many lines below its first. */
  innerLineBreaks: number;
}

const DELIMITER = ',';
const QUOTE = '"';
const isBreak = (ch: string | undefined) => ch === '\n' || ch === '\r';

/**
 * Read one record's raw text (as csv-parse's `raw` option gives it: possibly after blank lines it
 * skipped, possibly with its line break at the end) the way relaxed parsing does, noting the first
 * place strict CSV would refuse.
 */
export function scanRecord(raw: string): ScannedRecord {
  let i = raw.startsWith('\uFEFF') ? 1 : 0;
  while (i < raw.length && isBreak(raw[i])) i++;
  const cells: string[] = [];
  let cell = '';
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  let problem: QuoteProblem | null = null;
  let innerLineBreaks = 0;
  const flag = (kind: QuoteProblem['kind']) => {
    problem ??= { kind, column: cells.length };
  };
  for (; i < raw.length; i++) {
    const ch = raw[i]!;
    if (state === 'quoted') {
      if (ch === QUOTE) {
        if (raw[i + 1] === QUOTE) {
          cell += QUOTE;
          i++;
        } else state = 'closed';
        continue;
      }
      // \r\n is one line break.
      if (ch === '\n' || (ch === '\r' && raw[i + 1] !== '\n')) innerLineBreaks += 1;
      cell += ch;
      continue;
    }
    if (ch === DELIMITER) {
      cells.push(cell);
      cell = '';
      state = 'start';
      continue;
    }
    if (isBreak(ch)) break;
    if (state === 'start') {
      if (ch === QUOTE) {
        state = 'quoted';
        continue;
      }
      state = 'plain';
    } else if (state === 'closed') {
      // Relaxed parsing keeps the quotes of a value that goes on after its closing quote.
      flag('after-closing');
      cell = `${QUOTE}${cell}${QUOTE}`;
      state = 'plain';
    }
    if (ch === QUOTE) flag('stray');
    cell += ch;
  }
  if (state === 'quoted') {
    flag('unclosed');
    // The file's last line break, read into the open value, ends a line rather than starting one.
    if (isBreak(raw.at(-1))) innerLineBreaks -= 1;
  }
  cells.push(cell);
  return { cells, problem, innerLineBreaks };
}

/** Whether the raw text can hold a quoting problem at all (the common case is no quote). */
export const mayHaveQuoteProblem = (raw: string): boolean => raw.includes(QUOTE);

/** `"=HYPERLINK(""x"")"`: a value written the way CSV quotes it. */
export const quoted = (value: string): string => `${QUOTE}${value.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}`;

/** Leading characters a spreadsheet runs as a formula (the row check refuses them too). */
const FORMULA_START = /^[=+\-@]/;

/**
 * The reason a record with `problem` is skipped. `name` labels the column (`"Tenant ID"`), `value`
 * is the cell as read, `used` says whether the column feeds the onboarding (then a formula start
 * is named too, so one edit fixes the row), `lines` is where the record starts and ends.
 */
export function quoteReason(args: { problem: QuoteProblem; name: string; value: string; used: boolean; lines: { first: number; last: number } }): string {
  const { problem, name, used, lines } = args;
  const value = args.value.trim();
  const what = problem.kind === 'stray' ? 'a quote (") inside an unquoted value' : 'text after the closing quote (") of a quoted value';
  if (problem.kind === 'unclosed') {
    const where = lines.last > lines.first ? `so lines ${lines.first} to ${lines.last}, to the end of the file, were read as that one value` : 'so the file ends inside it';
    return `${name}: a quoted value has no closing quote ("), ${where}; add the closing quote at the end of the value, and double any quote inside it`;
  }
  if (/[\r\n]/.test(value)) {
    // The value took in line breaks: a quote opened and not closed where the writer meant.
    return `${name}: ${what}, and this row runs from line ${lines.first} to line ${lines.last}: a quote (") is probably left open there; close each quoted value where it ends, and double any quote inside it`;
  }
  const span = lines.last > lines.first ? ` (this row runs from line ${lines.first} to line ${lines.last})` : '';
  if (problem.kind === 'after-closing') {
    return `${name}: ${what}; a quoted value ends at its closing quote. To keep the quotes as part of the value, put the whole value in double quotes and double the quotes inside it, e.g. ${quoted(value)}${span}`;
  }
  const formula = used ? FORMULA_START.exec(value)?.[0] : undefined;
  if (formula) {
    return `${name}: ${what}, and the value starts with "${formula}", which a spreadsheet would run as a formula; remove that first "${formula}", put the whole value in double quotes and double the quotes inside it, e.g. ${quoted(value.slice(1))}${span}`;
  }
  return `${name}: ${what}; put the whole value in double quotes and double the quotes inside it, e.g. ${quoted(value)}${span}`;
}

/**
 * The records of an enrollment CSV, read as a stream, each with the lines it starts and ends on
 * and any quoting mistake in it. A quoting mistake never stops the reading: quotes are relaxed
 * (a stray quote is read as text, so the rows after it stay rows), the mistake is noted on its
 * record for the row check to refuse, and a quoted value left open at the end of the file, which
 * csv-parse cannot return as a record, comes out as one too, in file order.
 */
import { Readable } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import { mayHaveQuoteProblem, type QuoteProblem, scanRecord } from './csv-quotes.js';

/** One record of the file. */
export interface CsvRecord {
  /** The cells (for a record csv-parse refused, the cells before the problem). */
  cells: string[];
  /** 1-based lines where the record starts and ends (a quoted line break spans lines). */
  line: number;
  lastLine: number;
  /** The first quoting mistake, if any: the record is not what its writer meant. */
  quotes: QuoteProblem | null;
  /** csv-parse could not read the record for another reason (its message). */
  unreadable: string | null;
}

/** What csv-parse passes to `on_skip`, kept until the records before it are out. */
interface Refused {
  error: CsvError & Partial<Info>;
  raw: string;
}

/** `\r\n` inside quoted values: csv-parse counts each as two lines, so its line numbers run ahead. */
function crlfCount(cells: string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.includes('\r\n')) n += cell.split('\r\n').length - 1;
  return n;
}

/** The records of `input`, in file order; stopping the iteration closes the source. */
export async function* csvRecords(input: Readable | AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  const refused: Refused[] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
    on_skip: (error, raw) => {
      if (error) refused.push({ error: error as Refused['error'], raw: raw ?? '' });
      return undefined;
    },
  });
  const source = input instanceof Readable ? input : Readable.from(input);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  // Where the last record ended, by csv-parse's count of lines and empty lines, corrected.
  let previous = { lines: 0, empty: 0 };
  let overcount = 0;

  /** A record csv-parse refused: it starts after the previous one and the empty lines between. */
  function refusedRecord({ error, raw }: Refused): CsvRecord {
    const empty = error.empty_lines ?? previous.empty;
    const line = previous.lines + 1 + (empty - previous.empty);
    const scanned = scanRecord(raw);
    const lastLine = line + scanned.innerLineBreaks;
    previous = { lines: lastLine, empty };
    if (scanned.problem?.kind === 'unclosed') {
      // The open value runs to the end of the file: keep only the cells before it.
      return { cells: scanned.cells.slice(0, scanned.problem.column), line, lastLine, quotes: scanned.problem, unreadable: null };
    }
    return { cells: scanned.cells, line, lastLine, quotes: scanned.problem, unreadable: scanned.problem ? null : error.message };
  }

  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: string[]; raw: string; info: Info }>) {
      while (refused.length > 0 && (refused[0]!.error.records ?? 0) < info.records) yield refusedRecord(refused.shift()!);
      const line = previous.lines + 1 + (info.empty_lines - previous.empty);
      overcount += crlfCount(record);
      const lastLine = info.lines - overcount;
      previous = { lines: lastLine, empty: info.empty_lines };
      const quotes = mayHaveQuoteProblem(raw) ? scanRecord(raw).problem : null;
      yield { cells: record, line, lastLine, quotes, unreadable: null };
    }
    while (refused.length > 0) yield refusedRecord(refused.shift()!);
  } finally {
    source.unpipe(parser);
    parser.destroy();
    if ('destroy' in source) source.destroy();
  }
}

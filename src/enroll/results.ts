/**
 * What happened to each row, and the results CSV (`--out`): one line per row with its status and
 * issue URL. Values a spreadsheet would run as formulas are neutralised with a leading `'`, since
 * the file is made to be opened in one.
 */
import { stringify } from 'csv-stringify';

/** A row's outcome. */
export type RowStatus = 'created' | 'exists' | 'would-create' | 'skipped' | 'failed';

export interface RowResult {
  line: number;
  customer: string;
  status: RowStatus;
  /** The web address, when there is an issue. */
  url: string | null;
  /** Why a row was skipped or failed. */
  reason: string | null;
}

export const RESULT_COLUMNS = ['line', 'customer', 'status', 'issue_url', 'reason'] as const;

/** `=`, `+`, `-`, `@`, and tab or carriage return, which some spreadsheets also treat as a formula start. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe to open in a spreadsheet. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The CSV cells of one result. */
export function resultCells(result: RowResult): string[] {
  return [String(result.line), result.customer, result.status, result.url ?? '', result.reason ?? ''].map(neutraliseCell);
}

/** A streaming CSV writer (header first); pipe it to a file and write {@link resultCells}. */
export function resultStringifier() {
  return stringify({ header: true, columns: [...RESULT_COLUMNS], quoted_match: /^'/ });
}

/** Counts for the summary. */
export interface Tally {
  created: number;
  exists: number;
  wouldCreate: number;
  skipped: number;
  failed: number;
}

export const emptyTally = (): Tally => ({ created: 0, exists: 0, wouldCreate: 0, skipped: 0, failed: 0 });

/** The tally with one more result. */
export function count(tally: Tally, status: RowStatus): void {
  if (status === 'created') tally.created += 1;
  else if (status === 'exists') tally.exists += 1;
  else if (status === 'would-create') tally.wouldCreate += 1;
  else if (status === 'skipped') tally.skipped += 1;
  else tally.failed += 1;
}

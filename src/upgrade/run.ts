/**
 * One `embark upgrade` run: for every running onboarding that is behind, a `/upgrade confirm
 * <fingerprint>` comment on its EPIC, as the person running it, paced under GitHub's content
 * creation limits. The app does the upgrade (under the onboarding's lock, with the same planner
 * as any `/upgrade`), so the CLI never writes an onboarding itself. The fingerprint pins what the
 * dry run showed: if the template changes meanwhile, the app refuses and says so.
 *
 * Safe to run again: onboardings the app already upgraded read as up to date; a request posted
 * twice (a rerun before the app answered) is answered "already up to date" the second time.
 */
import { classifyFailure } from '../github/failure.js';
import type { PaceClock, Pacer } from '../enroll/pace.js';
import type { UpgradeRow } from './rows.js';

/** Attempts at one request whose outcome was unknown (a repeat is harmless: see the module comment). */
const AMBIGUOUS_ATTEMPTS = 3;

export interface UpgradeReporter {
  row(row: UpgradeRow): void;
  /** GitHub asked to wait `ms` before the next creation. */
  paused(ms: number, message: string): void;
}

export interface UpgradeRunInput {
  rows: UpgradeRow[];
  dryRun: boolean;
  /** Posts a comment on an EPIC (through the one writer). */
  post(epic: number, body: string): Promise<void>;
  pacer: Pacer;
  clock: PaceClock;
  signal?: AbortSignal;
  report: UpgradeReporter;
}

/** The comment that asks the app to upgrade one onboarding to exactly this version. */
export function requestBody(row: UpgradeRow): string {
  const to = row.to.version ? ` to ${row.to.version}` : '';
  return `/upgrade confirm ${row.to.fingerprint}\n\n_Requested with \`embark upgrade\`: bring this onboarding${to}, as previewed by its dry run._`;
}

/** Request every upgrade that is due; returns the rows as they ended, and whether it was stopped. */
export async function runUpgrades(input: UpgradeRunInput): Promise<{ rows: UpgradeRow[]; interrupted: boolean }> {
  const done: UpgradeRow[] = [];
  for (const row of input.rows) {
    if (row.status !== 'would-upgrade' || input.dryRun) {
      done.push(row);
      input.report.row(row);
      continue;
    }
    if (input.signal?.aborted) return { rows: done, interrupted: true };
    const outcome = await request(input, row);
    if (outcome === 'interrupted') return { rows: done, interrupted: true };
    const ended: UpgradeRow = outcome === 'requested' ? { ...row, status: 'requested' } : { ...row, status: 'failed', reason: outcome.reason };
    done.push(ended);
    input.report.row(ended);
  }
  return { rows: done, interrupted: false };
}

async function request(input: UpgradeRunInput, row: UpgradeRow): Promise<'requested' | 'interrupted' | { reason: string }> {
  let ambiguous = 0;
  for (;;) {
    if (!(await input.pacer.take(input.signal))) return 'interrupted';
    try {
      await input.post(row.epic, requestBody(row));
      return 'requested';
    } catch (error) {
      const failure = classifyFailure(error, input.clock.now());
      if (failure.kind === 'rate-limited' || failure.kind === 'busy') {
        const ms = failure.retryAfterMs ?? 60_000;
        input.pacer.pause(ms);
        input.report.paused(ms, failure.message);
        continue;
      }
      if (failure.kind === 'ambiguous' && ++ambiguous < AMBIGUOUS_ATTEMPTS) continue;
      return { reason: `GitHub ${failure.status ?? 'failed'}: ${failure.message}; run again to retry this one` };
    }
  }
}

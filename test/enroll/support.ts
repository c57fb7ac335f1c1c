/**
 * Enrollment against the app on the GitHub double: a CSV in a temp folder, `runEnroll` in-process
 * as alice, and a simulated clock that moves the bed's clock (after letting the app settle) each
 * time the pacer waits.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EnrollDeps, runEnroll } from '../../src/cli/enroll.js';
import { reportUsage, UsageError } from '../../src/cli/usage.js';
import type { PaceClock } from '../../src/enroll/pace.js';
import { capturingIo } from '../cli/support.js';
import type { Bed } from '../flows/harness.js';

export interface EnrollRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp folder holding `name` with `text`; returns the file's path. */
export function csvFile(text: string, name = 'customers.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'embark-enroll-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export const readText = (path: string): string => readFileSync(path, 'utf8');

/** The bed's clock as the pacer's: waiting lets the app finish its work, then moves time on. */
export function bedClock(bed: Bed, waits: number[] = []): PaceClock {
  return {
    now: () => bed.clock.now.getTime(),
    async sleep(ms) {
      waits.push(ms);
      await bed.settle();
      bed.advance(ms);
    },
  };
}

/** `embark enroll ...args` as alice against the bed, in-process. */
export async function enrollOnBed(bed: Bed, args: string[], options: Partial<EnrollDeps> = {}): Promise<EnrollRun> {
  const { io, printed } = capturingIo();
  const deps: EnrollDeps = {
    env: { GITHUB_TOKEN: bed.double.tokenFor('alice') },
    openRead: (path) => createReadStream(path),
    openWrite: (path) => createWriteStream(path),
    isFile: async (path) => (await stat(path).catch(() => null))?.isFile() ?? false,
    clock: bedClock(bed),
    tty: false,
    ...options,
  };
  let code: number;
  try {
    code = await runEnroll([...args, '--api-url', bed.double.apiUrl], io, deps);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    code = reportUsage(io.stderr, error);
  }
  return { code, ...printed };
}

/** A CSV of `n` good rows for the harness template (Tenant ID field, CSM and Engineer owners). */
export function goodRows(n: number, from = 1): string[] {
  return Array.from({ length: n }, (_, i) => `Customer ${String(from + i).padStart(3, '0')},T-${from + i},carol,bob`);
}

export const HEADER = 'customer,Tenant ID,CSM,Engineer';

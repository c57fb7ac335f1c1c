/**
 * The built CLI in a child process, stopped with a real SIGINT while a row is being created, then
 * run again: the same onboardings, none doubled. No timing decides where the stop lands: the CLI
 * talks to the double through a gate that lets ROWS_BEFORE creations through and holds the next
 * one; SIGINT goes once it is held, and the gate lets it go once the CLI says it is stopping.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Bed, REPO, startBed } from '../flows/harness.js';
import { ensureBuilt } from '../support/build-once.js';
import { type CreationGate, startCreationGate } from './creation-gate.js';
import { csvFile, enrollOnBed, goodRows, HEADER } from './support.js';

const ROWS = 28;
/** Rows created before Ctrl-C; the next one is in flight when it comes. */
const ROWS_BEFORE = 14;

let bed: Bed;
let gate: CreationGate | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  await ensureBuilt();
  bed = await startBed();
}, 180_000);

afterAll(async () => {
  // A failed run may leave the CLI waiting at the gate: stop it rather than leave it behind.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await gate?.close();
  bed?.double.assertNoViolations();
  await bed?.close();
});

const enrolled = () => bed.double.issues(REPO).filter((i) => i.body?.includes('embark:enroll-key'));

/** The child's stdout and stderr as one text, and a wait for a piece of it (failing if the child exits first). */
function watch(child: ChildProcess) {
  let output = '';
  let exitCode: number | null | undefined;
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  const add = (chunk: Buffer) => {
    output += chunk.toString();
    wake();
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  // 'close': the exit code, after the last output.
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      wake();
      resolve(code);
    }),
  );
  const printed = async (text: string): Promise<void> => {
    for (;;) {
      if (output.includes(text)) return;
      if (exitCode !== undefined) throw new Error(`the CLI exited (${exitCode}) before printing "${text}":\n${output}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { output: () => output, printed, exited, exitedEarly: () => exitCode !== undefined };
}

describe('embark enroll stopped by Ctrl-C', () => {
  it('finishes the row in flight, stops with exit 130; the rerun opens only the rest', async () => {
    gate = await startCreationGate(bed.double.apiUrl, ROWS_BEFORE);
    const file = csvFile(`${HEADER}\n${goodRows(ROWS).join('\n')}\n`);
    child = spawn(process.execPath, ['dist/src/cli.js', 'enroll', file, '--repo', REPO, '--template', 'msp', '--rate', '600/min', '--api-url', gate.apiUrl], {
      env: { ...process.env, GITHUB_TOKEN: bed.double.tokenFor('alice'), GH_TOKEN: '' },
      stdio: 'pipe',
    });
    const cli = watch(child);

    // ROWS_BEFORE rows are done and the next creation is on its way: Ctrl-C now.
    const first = await Promise.race([gate.whenHeld().then(() => 'held'), cli.exited.then(() => 'exited')]);
    if (first !== 'held') throw new Error(`the CLI exited before creating row ${ROWS_BEFORE + 1}:\n${cli.output()}`);
    expect(enrolled()).toHaveLength(ROWS_BEFORE);
    child.kill('SIGINT');
    await cli.printed('embark: stopping after the current row');
    expect(cli.exitedEarly()).toBe(false);
    // GitHub answers the row in flight: the CLI records it, then stops before the next row.
    gate.release();
    const code = await cli.exited;
    expect({ code, output: cli.output() }).toEqual({ code: 130, output: expect.stringContaining(`(interrupted): created ${ROWS_BEFORE + 1}, already there 0, skipped 0.`) });
    expect(cli.output()).toContain('Run the same command again to enroll the remaining rows; nothing is created twice.');
    expect(gate.passed).toBe(ROWS_BEFORE + 1);
    expect(enrolled()).toHaveLength(ROWS_BEFORE + 1);
    await bed.settle();

    const again = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`created ${ROWS - ROWS_BEFORE - 1}, already there ${ROWS_BEFORE + 1}, skipped 0`);
    // Every row exactly once, each started by the app (three stages each).
    const customers = enrolled().map((i) => i.title.replace('[Managed Services Onboarding] ', '')).sort();
    expect(customers).toEqual(goodRows(ROWS).map((r) => r.split(',')[0]));
    expect(bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'))).toHaveLength(ROWS * 3);
  }, 60_000);
});

/**
 * The built CLI in a child process, stopped with a real SIGINT halfway through, then run again:
 * the same onboardings, none doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Bed, REPO, startBed } from '../flows/harness.js';
import { ensureBuilt } from '../support/build-once.js';
import { waitUntil } from '../support/wait.js';
import { csvFile, enrollOnBed, goodRows, HEADER } from './support.js';

let bed: Bed;

beforeAll(async () => {
  await ensureBuilt();
  bed = await startBed();
}, 180_000);

afterAll(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
});

const until = (condition: () => boolean, what: string) => waitUntil(condition, what, 30_000);

const enrolled = () => bed.double.issues(REPO).filter((i) => i.body?.includes('embark:enroll-key'));

describe('embark enroll stopped by Ctrl-C', () => {
  it('stops after the current row with exit 130; the rerun opens only the rest', async () => {
    const file = csvFile(`${HEADER}\n${goodRows(28).join('\n')}\n`);
    const child: ChildProcess = spawn(
      process.execPath,
      ['dist/src/cli.js', 'enroll', file, '--repo', REPO, '--template', 'msp', '--rate', '300/min', '--api-url', bed.double.apiUrl],
      { env: { ...process.env, GITHUB_TOKEN: bed.double.tokenFor('alice'), GH_TOKEN: '' }, stdio: 'pipe' },
    );
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => enrolled().length >= 14 || child.exitCode !== null, 'half the rows');
    child.kill('SIGINT');
    const code = await exited;
    expect({ code, output }).toEqual({ code: 130, output: expect.stringContaining('(interrupted): created') });
    const firstRun = enrolled().length;
    expect(firstRun).toBeGreaterThanOrEqual(14);
    expect(firstRun).toBeLessThan(28);
    await bed.settle();

    const again = await enrollOnBed(bed, [file, '--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`created ${28 - firstRun}, already there ${firstRun}, skipped 0`);
    const customers = enrolled().map((i) => i.title.replace('[Managed Services Onboarding] ', '')).sort();
    expect(customers).toEqual(goodRows(28).map((r) => r.split(',')[0]));
    expect(bed.double.issues(REPO).filter((i) => i.body?.includes('embark:stage'))).toHaveLength(28 * 3);
  }, 60_000);
});

/**
 * The built entry (`node dist/src/action.js`) as the Actions runner starts it: a process with the
 * runner's environment and the event in a file, the production client (retries, throttling), the
 * workflow's token. A person's `/onboard` opens and starts an onboarding; the exit code is 0.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from '../support/build-once.js';
import { type ActionBed, REPO, startActionBed } from './action-bed.js';

const run = promisify(execFile);

let bed: ActionBed;
beforeAll(async () => {
  await ensureBuilt();
  bed = await startActionBed();
}, 180_000);
afterAll(async () => {
  bed.double.assertNoViolations();
  await bed.close();
});

describe('the Action entry as a process', () => {
  it('runs one event from GITHUB_EVENT_PATH and exits 0', async () => {
    const issue = bed.double.openIssue(REPO, { title: 'New customer', body: 'Please start it.', user: 'alice' });
    bed.double.comment(REPO, issue.number, '/onboard msp Contoso', 'alice');
    await bed.double.idle();
    const event = bed.pending.find((p) => p.name === 'issue_comment')!;
    const path = join(process.cwd(), 'dist', `.action-event-${process.pid}.json`);
    writeFileSync(path, JSON.stringify(event.payload));
    const { stdout } = await run(process.execPath, ['dist/src/action.js'], { env: { PATH: process.env.PATH, ...bed.envFor('issue_comment', path) } }).finally(() => rmSync(path, { force: true }));
    expect(stdout).toContain('embark: handled');
    const epic = bed.double.issues(REPO).find((i) => i.title === '[Managed Services Onboarding] Contoso')!;
    expect(bed.double.subIssues(REPO, epic.number)).toHaveLength(3);
    expect(bed.double.comments(REPO, issue.number).at(-1)!.body).toContain(`Started the onboarding in #${epic.number}`);
  }, 60_000);
});

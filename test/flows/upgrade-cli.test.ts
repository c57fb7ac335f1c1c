/**
 * `embark upgrade` over ten running onboardings at different stages on the app and the GitHub
 * double: the dry run lists what would change and changes nothing; a run stopped after four
 * requests and run again upgrades every onboarding once, keeping every tick; a third run finds
 * all of them up to date.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { runUpgrade, type UpgradeDeps } from '../../src/cli/upgrade.js';
import { reportUsage, UsageError } from '../../src/cli/usage.js';
import { decodeState } from '../../src/onboarding/state.js';
import { capturingIo } from '../cli/support.js';
import { bedClock } from '../enroll/support.js';
import { type Bed, openOnboarding, REPO, stages, startBed, statusComment } from './harness.js';
import { TEMPLATE_V2 } from './upgrade-template.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

async function upgradeOnBed(b: Bed, args: string[], options: Partial<UpgradeDeps> = {}) {
  const { io, printed } = capturingIo();
  const deps: UpgradeDeps = { env: { GITHUB_TOKEN: b.double.tokenFor('alice') }, clock: bedClock(b), now: () => b.clock.now, ...options };
  let code: number;
  try {
    code = await runUpgrade([...args, '--api-url', b.double.apiUrl], io, deps);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    code = reportUsage(io.stderr, error);
  }
  return { code, ...printed };
}

/** Ticked boxes per onboarding, and the versions their states record. */
function facts(b: Bed, epics: number[]) {
  return epics.map((epic) => ({
    ticked: stages(b, epic).reduce((n, s) => n + readTasks(b.double.issue(REPO, s.number).body ?? '').filter((t) => t.checked).length, 0),
    stages: stages(b, epic).length,
    version: decodeState(statusComment(b, epic)!.body)!.template.version,
  }));
}

const requests = (b: Bed) => b.double.issues(REPO).flatMap((i) => b.double.comments(REPO, i.number)).filter((c) => c.body.startsWith('/upgrade confirm'));

describe('embark upgrade', () => {
  it('ten onboardings at different stages: dry run, interrupted, rerun; every tick kept, each upgraded once', async () => {
    bed = await startBed();
    const epics: number[] = [];
    for (let i = 0; i < 10; i++) {
      const epic = await openOnboarding(bed, `Customer ${String(i + 1).padStart(2, '0')}`);
      epics.push(epic);
      // 0 to 4 of the 5 items ticked, in order: each onboarding stands somewhere else.
      const boxes = stages(bed, epic).flatMap((s) => readTasks(s.body ?? '').map((_, index) => ({ issue: s.number, index })));
      for (const box of boxes.slice(0, i % 5)) {
        bed.double.toggleCheckbox(REPO, box.issue, box.index, 'bob');
        await bed.double.idle();
      }
    }
    await bed.settle();
    const before = facts(bed, epics);
    expect(new Set(before.map((f) => f.ticked))).toEqual(new Set([0, 1, 2, 3, 4]));
    bed.double.setFile(REPO, '.github/ISSUE_TEMPLATE/msp.md', TEMPLATE_V2);

    const dry = await upgradeOnBed(bed, ['--repo', REPO, '--template', 'msp', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^EPIC +CUSTOMER +FROM +TO +STATUS +CHANGES$/m);
    expect(dry.stdout.match(/ would-upgrade /g)).toHaveLength(10);
    expect(dry.stdout).toMatch(/#\d+ +Customer 01 +v2026\.11 +v2027\.01 +would-upgrade +\+1 item, 1 reworded, 1 marked, \+1 stage/);
    expect(dry.stdout).toContain('10 would be upgraded, 0 up to date.');
    expect(requests(bed)).toHaveLength(0);

    // Stopped once four requests are out.
    const controller = new AbortController();
    const clock = bedClock(bed);
    const b = bed;
    const stopping = { ...clock, sleep: async (ms: number) => {
      await clock.sleep(ms);
      if (requests(b).length >= 4) controller.abort();
    } };
    const first = await upgradeOnBed(bed, ['--repo', REPO, '--template', 'msp'], { clock: stopping, signal: controller.signal });
    await bed.settle();
    expect(first.code).toBe(130);
    expect(first.stdout).toContain('Interrupted: 4 requested, 0 up to date.');
    expect(facts(bed, epics).filter((f) => f.version === 'v2027.01')).toHaveLength(4);

    const second = await upgradeOnBed(bed, ['--repo', REPO, '--template', 'msp']);
    await bed.settle();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('6 requested, 4 up to date.');
    expect(requests(bed)).toHaveLength(10);

    const after = facts(bed, epics);
    expect(after.map((f) => f.version)).toEqual(Array(10).fill('v2027.01'));
    expect(after.map((f) => f.stages)).toEqual(Array(10).fill(4));
    // No tick lost anywhere (the dropped item stays, ticked where it was).
    expect(after.map((f) => f.ticked)).toEqual(before.map((f) => f.ticked));

    const third = await upgradeOnBed(bed, ['--repo', REPO, '--template', 'msp', '--dry-run']);
    expect(third.stdout).toContain('0 would be upgraded, 10 up to date.');
  }, 120_000);

  it('names the templates when the one asked for is not there', async () => {
    bed = await startBed();
    const out = await upgradeOnBed(bed, ['--repo', REPO, '--template', 'nope']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('has no template "nope"; its templates: msp');
  });
});

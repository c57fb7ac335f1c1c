/**
 * `/upgrade` end to end on the GitHub double: the template changes in the repository, a person
 * previews and confirms on the EPIC, and Embark edits the running stage issues, creates the new
 * stage and records the version, losing no tick, also one made while it works.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { decodeState } from '../../src/onboarding/state.js';
import { type Bed, openOnboarding, REPO, say, stages, startBed, statusComment } from './harness.js';
import { TEMPLATE_V2 } from './upgrade-template.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const tasks = (b: Bed, issue: number) => readTasks(b.double.issue(REPO, issue).body ?? '').map((t) => `[${t.checked ? 'x' : ' '}] ${t.text}`);

describe('/upgrade on the GitHub double', () => {
  it('previews, confirms, keeps a tick made after it read the onboarding, creates the new stage; a repeat changes nothing', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1, s2] = stages(bed, epic);
    bed.double.toggleCheckbox(REPO, s0!.number, 0, 'alice');
    await bed.double.idle();
    bed.double.setFile(REPO, '.github/ISSUE_TEMPLATE/msp.md', TEMPLATE_V2);

    const preview = await say(bed, epic, '/upgrade');
    expect(preview).toContain('**Upgrade preview**: v2026.11');
    expect(preview).toContain('→ v2027.01');
    expect(preview).toContain('- ➕ New stage “Stage 3: Check-in”: will be created, pending.');
    expect(tasks(bed, s1!.number)).toEqual(['[ ] Engineer >> Admin access granted', '[ ] CSM >> Portal access enabled']);

    // Bob ticks Admin access right as Embark re-reads the bodies it is about to edit.
    bed.double.fail({ route: 'graphql', operation: 'EmbarkBodies', pass: true, before: () => bed!.double.toggleCheckbox(REPO, s1!.number, 0, 'bob') });
    const applied = await say(bed, epic, '/upgrade confirm');
    expect(applied).toContain('**Upgraded** to v2027.01');
    expect(tasks(bed, s1!.number)).toEqual(['[x] Engineer >> Admin access granted', '[ ] CSM >> Tenant ID recorded', '[ ] CSM >> Portal access enabled *(no longer in the template)*']);
    expect(tasks(bed, s2!.number)).toEqual(['[ ] Engineer >> Monitoring enabled', '[ ] Engineer >> Backups configured and tested']);
    expect(tasks(bed, s0!.number)).toEqual(['[x] CSM >> Signed agreement received']);
    const all = stages(bed, epic);
    expect(all).toHaveLength(4);
    const s3 = all[3]!;
    expect(s3.title).toBe('[Managed Services Onboarding] Contoso · Stage 3: Check-in');
    expect(s3.labels.map((l) => l.name)).toContain('stage: pending');
    expect(tasks(bed, s3.number)).toEqual(['[ ] CSM >> First month review held']);
    const state = decodeState(statusComment(bed, epic)!.body)!;
    expect(state.template).toMatchObject({ version: 'v2027.01' });
    expect(state.stages.map((s) => [s.key, s.issue])).toEqual([['stage-0', s0!.number], ['stage-1', s1!.number], ['stage-2', s2!.number], ['stage-3', s3.number]]);
    expect(statusComment(bed, epic)!.body).toMatch(/`bob` ticked “Admin access granted”/);

    bed.double.resetCounts();
    expect(await say(bed, epic, '/upgrade confirm')).toContain('Already up to date with v2027.01');
    expect(stages(bed, epic)).toHaveLength(4);
    // A reaction and the reply; no issue, body or status write.
    expect(bed.double.counts().writes).toBeLessThanOrEqual(2);

    // The stage the upgrade emptied of required work closes once its remaining item is ticked.
    bed.double.toggleCheckbox(REPO, s1!.number, 1, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).state).toBe('closed');
  });

  it('explains what it cannot do and changes nothing', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    expect(await say(bed, epic, '/upgrade confirm')).toMatch(/Already up to date|nothing to confirm/);
    bed.double.setFile(REPO, '.github/ISSUE_TEMPLATE/msp.md', TEMPLATE_V2);
    expect(await say(bed, epic, '/upgrade confirm')).toMatch(/nothing to confirm: comment `\/upgrade` first/);
    expect(await say(bed, s0!.number, '/upgrade')).toMatch(/run it on the EPIC/);
    expect(await say(bed, epic, '/upgrade', 'dave')).toMatch(/needs write access/);
    bed.double.setFile(REPO, '.github/ISSUE_TEMPLATE/msp.md', TEMPLATE_V2.replace('name: Managed Services Onboarding\n', ''));
    expect(await say(bed, epic, '/upgrade')).toMatch(/no longer in this repository|has errors/);
    expect(stages(bed, epic)).toHaveLength(3);
    expect(decodeState(statusComment(bed, epic)!.body)!.template.version).toBe('v2026.11');
  });
});

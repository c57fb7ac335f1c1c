import { describe, expect, it } from '@jest/globals';
import { at, edit, ISSUE, startedWorld, step, views } from './fixture.js';
import { checklists, templateV2, upgrade } from './upgrade-world.js';

const v2 = (edit: (t: string) => string) => templateV2((t) => edit(t.replace('about: v2026.11', 'about: v2027.01')));

describe('/upgrade on a running onboarding', () => {
  it('previews, then applies: items added unticked after their predecessor, reworded in place with their tick, dropped ones marked', () => {
    const world = startedWorld();
    step(world, edit(world, ISSUE['stage-0'], ['Signed agreement received'], true, { at: at(1) }), at(1));
    step(world, edit(world, ISSUE['stage-1'], ['Admin access granted'], true, { at: at(2) }), at(2));
    const template = v2((t) =>
      t
        .replace('- [ ] Engineer >> Admin access granted', '- [ ] Engineer >> Admin access granted and tested\n- [ ] CSM >> Tenant ID recorded')
        .replace('- [ ] Engineer >> Nice to have: dark mode\n', '')
        .replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] Engineer >> Restore tested'),
    );
    const preview = upgrade(world, '/upgrade', template, { now: at(3) });
    expect(preview[0]!.text).toContain('**Upgrade preview**: v2026.11');
    expect(preview[0]!.text).toContain('→ v2027.01');
    expect(preview[0]!.text).toContain('“Admin access granted” → “Admin access granted and tested” (keeps its tick)');
    expect(preview[0]!.text).toContain('- ➕ “Stage 1: Access”: “Tenant ID recorded”.');
    // Nothing changed yet but the preview recorded.
    expect(checklists(world)).not.toContain(`#${ISSUE['stage-1']} [ ] CSM >> Tenant ID recorded`);
    expect(world.state.upgradePreview?.version).toBe('v2027.01');

    const applied = upgrade(world, '/upgrade confirm', template, { now: at(4) });
    expect(applied[0]!.text).toMatch(/^\*\*Upgraded\*\* to v2027\.01/);
    expect(checklists(world)).toEqual([
      `#${ISSUE['stage-0']} [x] CSM >> Signed agreement received`,
      `#${ISSUE['stage-1']} [x] Engineer >> Admin access granted and tested`,
      `#${ISSUE['stage-1']} [ ] CSM >> Tenant ID recorded`,
      `#${ISSUE['stage-1']} [ ] CSM >> Portal access enabled`,
      `#${ISSUE['stage-1']} [ ] Engineer >> Nice to have: dark mode *(no longer in the template)*`,
      `#${ISSUE['stage-2']} [ ] Engineer >> Monitoring enabled`,
      `#${ISSUE['stage-2']} [ ] Engineer >> Backups configured`,
      `#${ISSUE['stage-2']} [ ] Engineer >> Restore tested`,
    ]);
    expect(world.state.template).toMatchObject({ version: 'v2027.01', fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(world.state.upgradePreview).toBeNull();
    // A repeat changes nothing.
    const before = checklists(world);
    expect(upgrade(world, '/upgrade confirm', template, { now: at(5) })[0]!.text).toContain('Already up to date with v2027.01');
    expect(upgrade(world, '/upgrade', template, { now: at(5) })[0]!.text).toContain('Already up to date');
    expect(checklists(world)).toEqual(before);
  });

  it('a dropped item that was never ticked no longer blocks its stage', () => {
    const world = startedWorld();
    step(world, edit(world, ISSUE['stage-0'], ['Signed agreement received'], true, { at: at(1) }), at(1));
    step(world, edit(world, ISSUE['stage-1'], ['Admin access granted'], true, { at: at(2) }), at(2));
    const template = v2((t) => t.replace('- [ ] CSM >> Portal access enabled\n', ''));
    upgrade(world, '/upgrade\n/upgrade confirm', template, { now: at(3) });
    expect(checklists(world)).toContain(`#${ISSUE['stage-1']} [ ] CSM >> Portal access enabled *(no longer in the template)*`);
    expect(views(world).find((s) => s.key === 'stage-1')!.status).toBe('done');
  });

  it('done stages are not edited: what the version adds to them is listed; a ticked item that moved stays where it was done', () => {
    const world = startedWorld();
    step(world, edit(world, ISSUE['stage-0'], ['Signed agreement received'], true, { at: at(1) }), at(1));
    const template = v2((t) =>
      t
        .replace('- [ ] CSM >> Signed agreement received', '- [ ] CSM >> Signed agreement received\n- [ ] CSM >> Countersigned copy filed')
        .replace('- [ ] CSM >> Signed agreement received', '- [ ] Engineer >> Admin access granted')
        .replace(/(### Stage 1: Access\n)- \[ \] Engineer >> Admin access granted\n/, '$1- [ ] CSM >> Signed agreement received\n'),
    );
    const reply = upgrade(world, '/upgrade\n/upgrade confirm', template, { now: at(2) })[1]!.text;
    expect(reply).toContain('**Added by the new version to stages that are done**');
    expect(reply).toContain('- “Stage 0: Agreement”: “Countersigned copy filed”');
    expect(reply).toContain('“Signed agreement received” moved from “Stage 0: Agreement” to “Stage 1: Access”: already ticked, so it stays where it was done.');
    expect(checklists(world).filter((l) => l.startsWith(`#${ISSUE['stage-0']} `))).toEqual([`#${ISSUE['stage-0']} [x] CSM >> Signed agreement received`]);
  });

  it('an unticked item that moved is marked where it was and added where it goes', () => {
    const world = startedWorld();
    const template = v2((t) => t.replace('- [ ] CSM >> Portal access enabled\n', '').replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] CSM >> Portal access enabled'));
    upgrade(world, '/upgrade\n/upgrade confirm', template, { now: at(1) });
    expect(checklists(world)).toContain(`#${ISSUE['stage-1']} [ ] CSM >> Portal access enabled *(moved to Stage 2: Setup in the template)*`);
    expect(checklists(world)).toContain(`#${ISSUE['stage-2']} [ ] CSM >> Portal access enabled`);
    // The stage it left does not wait for it any more.
    expect(views(world).find((s) => s.key === 'stage-1')!.requiredOpen.map((i) => i.text)).toEqual(['Admin access granted']);
  });

  it('a new stage is created where the template puts it, pending; a renamed stage takes its new title', () => {
    const world = startedWorld();
    const template = v2((t) =>
      t.replace('### Stage 1: Access', '### Stage 1: Access and tenant').replace('### Stage 2: Setup', '### Stage 2: Security\n- [ ] Engineer >> Defender enabled\n\n### Stage 3: Setup'),
    );
    const reply = upgrade(world, '/upgrade\n/upgrade confirm', template, { now: at(1) })[1]!.text;
    expect(reply).toContain('- ➕ New stage “Stage 2: Security”: created, pending.');
    expect(reply).toContain('- ✏️ “Stage 1: Access” is now “Stage 1: Access and tenant”.');
    expect(world.state.stages.map((s) => [s.key, s.title])).toEqual([
      ['stage-0', 'Stage 0: Agreement'],
      ['stage-1', 'Stage 1: Access and tenant'],
      ['stage-2-2', 'Stage 2: Security'],
      ['stage-2', 'Stage 3: Setup'],
    ]);
    const added = world.state.stages[2]!;
    expect(added.issue).toBeGreaterThanOrEqual(100);
    expect(views(world).map((s) => s.status)).toEqual(['active', 'pending', 'pending', 'pending']);
    expect(world.snapshot.stageIssues.find((i) => i.stageKey === 'stage-1')!.title).toBe('[Managed Services Onboarding] Contoso · Stage 1: Access and tenant');
  });

  it('items people added by hand are left alone', () => {
    const world = startedWorld();
    const issue = world.snapshot.stageIssues.find((i) => i.stageKey === 'stage-2')!;
    issue.body = issue.body.replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] CSM >> Call the customer’s auditor');
    const template = v2((t) => t.replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] Engineer >> Restore tested'));
    upgrade(world, '/upgrade\n/upgrade confirm', template, { now: at(1) });
    expect(checklists(world).filter((l) => l.startsWith(`#${ISSUE['stage-2']} `))).toEqual([
      `#${ISSUE['stage-2']} [ ] Engineer >> Monitoring enabled`,
      `#${ISSUE['stage-2']} [ ] Engineer >> Backups configured`,
      `#${ISSUE['stage-2']} [ ] Engineer >> Restore tested`,
      `#${ISSUE['stage-2']} [ ] CSM >> Call the customer’s auditor`,
    ]);
  });

  it.each([
    { name: 'confirm with nothing previewed', lines: '/upgrade confirm', want: /nothing to confirm: comment `\/upgrade` first/ },
    { name: 'a fingerprint that is not the template’s now', lines: '/upgrade confirm 0123456789ab', want: /the template changed since that preview/ },
    { name: 'on a template that is gone', lines: '/upgrade', gone: true, want: /is no longer in this repository/ },
  ])('refuses $name and changes nothing', ({ lines, gone, want }) => {
    const world = startedWorld();
    const before = { lists: checklists(world), state: structuredClone(world.state) };
    const template = v2((t) => t.replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] Engineer >> Restore tested'));
    const [reply] = upgrade(world, lines, gone ? null : template, { now: at(1) });
    expect(reply!.ok).toBe(false);
    expect(reply!.text).toMatch(want);
    expect(checklists(world)).toEqual(before.lists);
    expect(world.state.template).toEqual(before.state.template);
  });

  it('refuses a confirm after the template changed again since the preview', () => {
    const world = startedWorld();
    upgrade(world, '/upgrade', v2((t) => t.replace('Backups configured', 'Backups configured nightly')), { now: at(1) });
    const [reply] = upgrade(world, '/upgrade confirm', v2((t) => t.replace('Backups configured', 'Backups configured hourly')), { now: at(2) });
    expect(reply!.text).toMatch(/the template changed since that preview/);
    expect(checklists(world)).toContain(`#${ISSUE['stage-2']} [ ] Engineer >> Backups configured`);
  });

  it('is refused by people without write access', () => {
    const world = startedWorld();
    const [reply] = upgrade(world, '/upgrade', v2((t) => t), { now: at(1), actor: 'dave' });
    expect(reply!.text).toMatch(/needs write access/);
  });
});

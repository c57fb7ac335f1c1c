import { describe, expect, it } from '@jest/globals';
import { itemLabel, type ResolvableStage, resolveItem, resolveStage } from '../../src/commands/resolve-item.js';

/** A stage with items `<key>-i<n>`; all unchecked, owned by the CSM. */
function stage(key: string, number: number | null, title: string, texts: string[]): ResolvableStage {
  return { key, number, title, items: texts.map((text, i) => ({ id: `${key}-i${i + 1}`, text, role: 'CSM', checked: false })) };
}

const onboarding: ResolvableStage[] = [
  stage('stage-0', 0, 'Stage 0: Contract', ['Sales received a signed SLA']),
  stage('stage-1', 1, 'Stage 1: Technical intake', [
    'TenantID: `xxx`',
    'Email address for budget alerts: `xxx`',
    'Enable customer portal access',
    'Start invoice run',
  ]),
  stage('stage-2', 2, 'Stage 2: Welcome', [
    'Plan a `Welcome` meeting',
    'Invite the customer contact to the `Portal`[^5]',
    'Validate the SLA contract in `TOPdesk`[^2]',
    'Check contact persons in `TOPdesk`[^2]',
    'Check contact persons are tagged in **Hubspot**',
  ]),
  stage('stage-3', 3, 'Stage 3: Sign-off', ['Check first invoice', 'Check portal access works', 'Share events link']),
];

describe('resolveItem', () => {
  const found: [string, string, string | null, string][] = [
    ['a number in the active stage', '3', 'stage-1', 'stage-1-i3'],
    ['a number as an ItemRef-like string with a dot', '3.', 'stage-1', 'stage-1-i3'],
    ['stage.item', '2.3', 'stage-1', 'stage-2-i3'],
    ['stage.item for stage 0', '0.1', 'stage-2', 'stage-0-i1'],
    ['a fragment unique across stages', 'tagged', 'stage-1', 'stage-2-i5'],
    ['a fragment in another case', 'TENANTID', 'stage-3', 'stage-1-i1'],
    ['a fragment ignoring code marks', 'to the portal', 'stage-1', 'stage-2-i2'],
    ['a fragment ignoring bold marks', 'tagged in hubspot', 'stage-1', 'stage-2-i5'],
    ['a fragment with collapsed blanks', 'invoice   run', 'stage-2', 'stage-1-i4'],
    ['a fragment that matches in several stages, once in the active one', 'portal access', 'stage-3', 'stage-3-i2'],
    ['the same fragment from the other stage', 'portal access', 'stage-1', 'stage-1-i3'],
    ['an exact match among several in the active stage', 'check first invoice', 'stage-3', 'stage-3-i1'],
  ];

  it.each(found)('finds %s', (_case, ref, active, itemId) => {
    const result = resolveItem(ref, onboarding, active);
    expect(result).toEqual({ ok: true, stageKey: itemId.replace(/-i\d+$/, ''), itemId });
  });

  it('takes a parsed ItemRef as well as text', () => {
    expect(resolveItem({ kind: 'stageItem', stage: 1, item: 2 }, onboarding, null)).toEqual({
      ok: true,
      stageKey: 'stage-1',
      itemId: 'stage-1-i2',
    });
    expect(resolveItem({ kind: 'text', text: '3' }, onboarding, 'stage-1')).toMatchObject({ ok: false });
  });

  it('lists candidates, active stage first, when a fragment is ambiguous', () => {
    const result = resolveItem('contact persons', onboarding, 'stage-1');
    expect(result).toEqual({
      ok: false,
      message:
        '"contact persons" matches 2 items; use its number instead:\n2.4 Check contact persons in `TOPdesk`[^2]\n2.5 Check contact persons are tagged in **Hubspot**',
    });
  });

  it('lists at most 5 candidates and counts the rest', () => {
    const result = resolveItem('e', onboarding, 'stage-3');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.message.split('\n');
    expect(lines[0]).toBe('"e" matches 13 items; use its number instead:');
    expect(lines.slice(1, 4)).toEqual(['3.1 Check first invoice', '3.2 Check portal access works', '3.3 Share events link']);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('(and 8 more)');
  });

  it('shortens long item text in the candidate list', () => {
    const long = [stage('s1', 1, 'One', [`Review ${'very '.repeat(20)}long item`, 'Review the short one'])];
    const result = resolveItem('review', long, 's1');
    expect(result.ok ? '' : result.message).toContain('1.1 Review very very');
    expect(result.ok ? '' : result.message).toMatch(/…\n1\.2 Review the short one$/);
  });

  const failures: [string, string, string | null, string][] = [
    ['an unknown fragment', 'firewall rules', 'stage-1', 'no item matches "firewall rules"; use the item\'s number (3, or 2.3 for stage 2) or other words from its text'],
    ['a number past the active stage’s items', '9', 'stage-1', 'the active stage (Stage 1: Technical intake) has 4 items, so there is no item 9'],
    ['a number with no active stage', '3', null, 'there is no active stage, so name the item as stage.item (e.g. 2.3)'],
    ['a stage that does not exist', '7.1', 'stage-1', 'there is no stage 7; the stages are 0 (Stage 0: Contract), 1 (Stage 1: Technical intake), 2 (Stage 2: Welcome), 3 (Stage 3: Sign-off)'],
    ['an item past a stage’s end', '0.2', 'stage-1', 'stage 0 (Stage 0: Contract) has 1 item, so there is no item 0.2'],
    ['item 0', '0', 'stage-1', 'items are numbered from 1'],
    ['an empty fragment', '  ', 'stage-1', 'name the item by its number (3 or 2.3) or by a piece of its text'],
  ];

  it.each(failures)('explains %s', (_case, ref, active, message) => {
    expect(resolveItem(ref, onboarding, active)).toEqual({ ok: false, message });
  });
});

describe('stages without numbers are named by position', () => {
  const plain = [stage('intake', null, 'Intake', ['Collect tenant id']), stage('setup', null, 'Setup', ['Create subscription'])];

  it('resolves stage.item by position', () => {
    expect(resolveItem('2.1', plain, 'intake')).toEqual({ ok: true, stageKey: 'setup', itemId: 'setup-i1' });
  });

  it('labels items the way they resolve', () => {
    for (const s of [...plain, ...onboarding]) {
      const stages = plain.includes(s) ? plain : onboarding;
      for (const item of s.items) {
        const label = itemLabel(stages, s.key, item.id);
        expect(resolveItem(label!, stages, null)).toEqual({ ok: true, stageKey: s.key, itemId: item.id });
      }
    }
  });

  it('has no label for an unknown item', () => {
    expect(itemLabel(plain, 'intake', 'nope')).toBeNull();
  });
});

describe('resolveStage', () => {
  const found: [string, string | number, string][] = [
    ['a number', '2', 'stage-2'],
    ['a number value', 0, 'stage-0'],
    ['a key', 'stage-3', 'stage-3'],
    ['a key in capitals', 'STAGE-1', 'stage-1'],
    ['"Stage N"', 'Stage 2', 'stage-2'],
    ['a title fragment', 'sign-off', 'stage-3'],
    ['a title fragment in another case', 'WELCOME', 'stage-2'],
  ];

  it.each(found)('finds %s', (_case, ref, stageKey) => {
    expect(resolveStage(ref, onboarding)).toEqual({ ok: true, stageKey });
  });

  it('explains an unknown number and lists the stages', () => {
    expect(resolveStage('9', onboarding)).toEqual({
      ok: false,
      message: 'there is no stage 9; the stages are 0 (Stage 0: Contract), 1 (Stage 1: Technical intake), 2 (Stage 2: Welcome), 3 (Stage 3: Sign-off)',
    });
  });

  it('explains an unknown title', () => {
    expect(resolveStage('go-live', onboarding)).toMatchObject({ ok: false, message: expect.stringMatching(/^no stage matches "go-live"; the stages are 0 \(/) });
  });

  it('lists stages when a title fragment is ambiguous', () => {
    expect(resolveStage('n', onboarding)).toEqual({
      ok: false,
      message: '"n" matches 3 stages; use its number instead:\n0 Stage 0: Contract\n1 Stage 1: Technical intake\n3 Stage 3: Sign-off',
    });
  });

  it('prefers a title that matches exactly', () => {
    const stages = [stage('a', null, 'Setup', []), stage('b', null, 'Setup review', [])];
    expect(resolveStage('setup', stages)).toEqual({ ok: true, stageKey: 'a' });
  });
});

import { describe, expect, it } from '@jest/globals';
import { type ChecklistDiff, type DiffStage, diffChecklists, isEmptyDiff, templateChecklist } from '../../src/template/diff.js';
import { parseTemplate } from '../../src/template/index.js';

/** A template of the given body, parsed (the front matter is always the same). */
function checklist(body: string): DiffStage[] {
  const parsed = parseTemplate(`---\nname: Onboarding\nabout: v1\ntitle: "[Onboarding] %customer%"\n---\n${body}`);
  if (!parsed.template) throw new Error('fixture did not parse');
  return templateChecklist(parsed.template);
}

/** The diff as short lines a table can hold: `same 0.0>0.0`, `added >1.2`, `stage 1>2 renumbered`. */
function lines(diff: ChecklistDiff, before: DiffStage[], after: DiffStage[]): string[] {
  const ref = (r: { stage: number; item: number } | null) => (r ? `${r.stage}.${r.item}` : '');
  const text = (side: DiffStage[], r: { stage: number; item: number } | null) => (r ? side[r.stage]!.items[r.item]!.text : '');
  const stageLines = diff.stages
    .filter((s) => s.old === null || s.new === null || s.renamed || s.renumbered)
    .map((s) => {
      if (s.old === null) return `stage added “${after[s.new!]!.title}”`;
      if (s.new === null) return `stage removed “${before[s.old]!.title}”`;
      return `stage ${before[s.old]!.key}>${after[s.new]!.key}${s.renamed ? ` renamed “${after[s.new]!.title}”` : ''}${s.renumbered ? ' renumbered' : ''}`;
    });
  const itemLines = diff.items
    .filter((i) => i.kind !== 'same')
    .map((i) => `${i.kind} ${ref(i.old)}>${ref(i.new)} ${i.kind === 'removed' ? text(before, i.old) : text(after, i.new)}`);
  return [...stageLines, ...itemLines];
}

const V1 = `### Stage 1: Agreement
- [ ] CSM >> Signed agreement received
- [ ] CSM >> Kick-off call planned

### Stage 2: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled

### Stage 3: Setup
- [ ] Engineer >> Monitoring enabled
- [ ] Engineer >> Backups configured
`;

const CASES: Array<{ name: string; after: string; want: string[] }> = [
  { name: 'nothing changed', after: V1, want: [] },
  {
    name: 'an item added in the middle of a stage',
    after: V1.replace('- [ ] CSM >> Portal access enabled', '- [ ] Engineer >> Tenant ID recorded\n- [ ] CSM >> Portal access enabled'),
    want: ['added >1.1 Tenant ID recorded'],
  },
  {
    name: 'an item removed',
    after: V1.replace('- [ ] CSM >> Kick-off call planned\n', ''),
    want: ['removed 0.1> Kick-off call planned'],
  },
  {
    name: 'an item reworded (typo fixed, word changed) keeps its place',
    after: V1.replace('Backups configured', 'Backups configured and tested'),
    want: ['reworded 2.1>2.1 Backups configured and tested'],
  },
  {
    name: 'only the owner changed',
    after: V1.replace('CSM >> Portal access enabled', 'Engineer >> Portal access enabled'),
    want: ['reworded 1.1>1.1 Portal access enabled'],
  },
  {
    name: 'an item moved to another stage',
    after: V1.replace('- [ ] CSM >> Kick-off call planned\n', '').replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] CSM >> Kick-off call planned'),
    want: ['moved 0.1>2.2 Kick-off call planned'],
  },
  {
    name: 'an item moved and reworded',
    after: V1.replace('- [ ] CSM >> Kick-off call planned\n', '').replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] CSM >> Kick-off call scheduled'),
    want: ['moved 0.1>2.2 Kick-off call scheduled'],
  },
  {
    name: 'a stage inserted first and every later stage renumbered',
    after: `### Stage 1: Discovery\n- [ ] CSM >> Needs assessment call\n\n${V1.replace('Stage 3: Setup', 'Stage 4: Setup').replace('Stage 2: Access', 'Stage 3: Access').replace('Stage 1: Agreement', 'Stage 2: Agreement')}`,
    want: [
      'stage added “Stage 1: Discovery”',
      'stage stage-1>stage-2 renumbered',
      'stage stage-2>stage-3 renumbered',
      'stage stage-3>stage-4 renumbered',
      'added >0.0 Needs assessment call',
    ],
  },
  {
    name: 'a stage renamed, its number and items kept',
    after: V1.replace('Stage 2: Access', 'Stage 2: Access and tenant'),
    want: ['stage stage-2>stage-2 renamed “Stage 2: Access and tenant”'],
  },
  {
    name: 'a stage removed, its items with it',
    after: V1.replace(/### Stage 3: Setup[\s\S]*$/, ''),
    want: ['stage removed “Stage 3: Setup”', 'removed 2.0> Monitoring enabled', 'removed 2.1> Backups configured'],
  },
  {
    name: 'an unrelated item is added, not taken for a reword',
    after: V1.replace('- [ ] Engineer >> Backups configured', '- [ ] Engineer >> Backups configured\n- [ ] CSM >> Invoice run started'),
    want: ['added >2.2 Invoice run started'],
  },
];

describe('diffChecklists', () => {
  it.each(CASES)('$name', ({ after, want }) => {
    const before = checklist(V1);
    const next = checklist(after);
    const diff = diffChecklists(before, next);
    expect(lines(diff, before, next)).toEqual(want);
    expect(isEmptyDiff(diff)).toBe(want.length === 0);
  });

  it('is empty both ways round for the same checklist, and mirrors adds and removes', () => {
    const before = checklist(V1);
    const after = checklist(V1.replace('- [ ] CSM >> Kick-off call planned\n', ''));
    expect(lines(diffChecklists(after, before), after, before)).toEqual(['added >0.1 Kick-off call planned']);
    expect(lines(diffChecklists(before, after), before, after)).toEqual(['removed 0.1> Kick-off call planned']);
  });

  it('matches repeated items one to one, in order', () => {
    const before = checklist('### Stage 1\n- [ ] CSM >> Call\n- [ ] CSM >> Call\n');
    const after = checklist('### Stage 1\n- [ ] CSM >> Call\n- [ ] CSM >> Call\n- [ ] CSM >> Call\n');
    expect(lines(diffChecklists(before, after), before, after)).toEqual(['added >0.2 Call']);
  });
});

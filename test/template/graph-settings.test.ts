/**
 * `after:`, `deadline:`, `optional:` and `when:` in a template's `onboarding.stages`: what they
 * parse to, and each mistake reported at the line of the setting that causes it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';

function template(stages: string, fields = '- Managed Services: CSP, Premium or Full Stack: `xxx`'): string {
  return [
    '---',
    'name: Graph',
    'about: graph settings',
    'title: "[Graph] %customer%"',
    'onboarding:',
    '  stages:',
    stages,
    '---',
    '### Description',
    fields,
    '',
    '### Stage 1: Signed',
    '- [ ] CSM >> Contract filed',
    '',
    '### Stage 2: Access',
    '- [ ] Engineer >> Admin access',
    '',
    '### Stage 3: Setup',
    '- [ ] Engineer >> Monitoring',
    '',
    '### Stage 4: Kickoff',
    '- [ ] CSM >> Kickoff call',
    '',
  ].join('\n');
}

describe('graph settings', () => {
  it('resolve after: by number, key and heading text, and keep deadline, optional and when', () => {
    const parsed = parseTemplate(
      template(
        [
          '    "2": { after: [], deadline: 7 }',
          '    "3": { after: [stage-1, "access"] }',
          '    "Stage 4: Kickoff": { after: "3", optional: true, when: { Managed Services: [Premium, full-stack] } }',
        ].join('\n'),
      ),
    );
    expect(parsed.errors).toEqual([]);
    const stages = parsed.template!.stages.map((s) => ({ key: s.key, after: s.after, deadline: s.deadlineDays, optional: s.optional, when: s.when }));
    expect(stages).toEqual([
      { key: 'stage-1', after: null, deadline: null, optional: false, when: null },
      { key: 'stage-2', after: [], deadline: 7, optional: false, when: null },
      { key: 'stage-3', after: ['stage-1', 'stage-2'], deadline: null, optional: false, when: null },
      { key: 'stage-4', after: ['stage-3'], deadline: null, optional: true, when: { 'Managed Services': ['Premium', 'full-stack'] } },
    ]);
  });

  it.each([
    ['a name that is no stage', '    "2": { after: [9] }', 7, '`after: 9` names no stage'],
    ['a cycle, named', '    "2": { after: [3] }\n    "3": { after: [2] }', 7, 'in a circle: Stage 2: Access → Stage 3: Setup → Stage 2: Access'],
    ['a stage waiting for a cycle', '    "2": { after: [3] }\n    "3": { after: [2] }\n    "4": { after: [3] }', 9, 'Stage 4: Kickoff can never start'],
    ['a when: on a field the template lacks', '    "4": { when: { Tier: [Gold] } }', 7, 'needs the intake field `Tier`'],
    ['after: a stage a when: can remove', '    "3": { when: { Managed Services: Premium } }\n    "4": { after: [3] }', 8, 'waits for Stage 3: Setup, which its `when:` can leave out'],
  ])('reports %s at its line', (_name, stages, line, message) => {
    const parsed = parseTemplate(template(stages));
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line, message: expect.stringContaining(message) })]));
  });

  it('reads an item\'s when: from onboarding.items, and reports one that names no item or an unknown field', () => {
    const source = template('    "2": { due: 2 }').replace('  stages:', '  items:\n    kickoff: { when: { Managed Services: Premium } }\n    nothing here: { when: { Tier: Gold } }\n  stages:');
    const parsed = parseTemplate(source);
    const kickoff = parsed.template!.stages[3]!.items[0]!;
    expect(kickoff.when).toEqual({ 'Managed Services': ['Premium'] });
    expect(parsed.template!.stages[0]!.items[0]!.when).toBeUndefined();
    expect(parsed.errors).toEqual([
      expect.objectContaining({ line: 8, message: expect.stringContaining('`nothing here`, which names no item') }),
      expect.objectContaining({ line: 8, message: expect.stringContaining('needs the intake field `Tier`') }),
    ]);
  });

  it('accepts a stage waiting for a conditional one under the same condition', () => {
    const parsed = parseTemplate(template('    "3": { when: { Managed Services: Premium } }\n    "4": { after: [3], when: { Managed Services: Premium } }'));
    expect(parsed.errors).toEqual([]);
  });

  it('the bundled partner hub template runs four tracks side by side after the enrollment, the transfer optional', () => {
    const parsed = parseTemplate(readFileSync('templates/partner-hub-enrollment.md', 'utf8'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.template!.stages.map((s) => [s.title, s.after, s.optional])).toEqual([
      ['Stage 1: Enrollment', null, false],
      ['Stage 2: Reseller relationship', ['stage-1'], false],
      ['Stage 3: GDAP access', ['stage-1'], false],
      ['Stage 4: Hub access', ['stage-1'], false],
      ['Stage 5: Partner-to-partner transfer (optional)', ['stage-1'], true],
    ]);
  });
});

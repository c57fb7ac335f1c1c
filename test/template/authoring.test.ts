/**
 * Authoring checks, one table per check: each row is a small template, the diagnostics the check
 * must add (severity, line and a message fragment), and templates that must pass untouched.
 */
import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';
import { isNearMiss } from '../../src/template/near-miss.js';

const HEAD = '---\nname: Onboarding\nabout: v2024.01\ntitle: "[Onboarding] %customer%"\n';

/** A template: extra front matter lines (the `onboarding:` block), then the body. */
const template = (frontMatter: string, body: string): string => `${HEAD}${frontMatter}---\n${body}`;

interface Found {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
}

function diagnostics(source: string): Found[] {
  const result = parseTemplate(source);
  return [
    ...result.errors.map((d) => ({ severity: 'error' as const, ...d })),
    ...result.warnings.map((d) => ({ severity: 'warning' as const, ...d })),
  ];
}

type Row = [name: string, source: string, expected: Array<[Found['severity'], line: number, column: number, fragment: string]>];

function check(rows: Row[]): void {
  it.each(rows)('%s', (_name, source, expected) => {
    const found = diagnostics(source);
    expect(found).toEqual(
      expected.map(([severity, line, column, fragment]) => expect.objectContaining({ severity, line, column, message: expect.stringContaining(fragment) })),
    );
  });
}

describe('near-miss role names', () => {
  check([
    [
      'a swapped pair beside the role most items use',
      template('', '### Stage 1\n- [ ] CSM >> a\n- [ ] CSM >> b\n- [ ] CMS >> c\n'),
      [['warning', 9, 1, '`CMS` (1 item) looks like a misspelling of `CSM` (2 items)']],
    ],
    [
      'one letter missing from a long name',
      template('', '### Stage 1\n- [ ] Enginer >> a\n- [ ] Engineer >> b\n- [ ] Engineer >> c\n'),
      [['warning', 7, 1, '`Enginer` (1 item) looks like a misspelling of `Engineer`']],
    ],
    [
      'the undeclared spelling is the misspelt one, even when used more',
      template('onboarding:\n  roles:\n    CSM: []\n', '### Stage 1\n- [ ] CMS >> a\n- [ ] CMS >> b\n- [ ] CSM >> c\n'),
      [['warning', 10, 1, '`CMS` (2 items) looks like a misspelling of `CSM`']],
    ],
    ['short names one letter apart are different roles', template('', '### Stage 1\n- [ ] PM >> a\n- [ ] AM >> b\n'), []],
    ['both spellings declared: the author meant two roles', template('onboarding:\n  roles:\n    CSM: []\n    CMS: []\n', '### Stage 1\n- [ ] CSM >> a\n- [ ] CMS >> b\n'), []],
  ]);

  it.each([
    ['CSM', 'CMS', true],
    ['Engineer', 'Engineers', true],
    ['Engineer', 'Enginear', true],
    ['PM', 'AM', false],
    ['PM', 'PMO', false],
    ['NOC', 'SOC', false],
    ['Sales', 'Support', false],
    ['CSM', 'csm', false],
  ])('isNearMiss(%s, %s) is %s', (a, b, near) => {
    expect(isNearMiss(a, b)).toBe(near);
    expect(isNearMiss(b, a)).toBe(near);
  });
});

describe('onboarding.stages keys that match no stage', () => {
  check([
    [
      'a stage number the body does not have',
      template('onboarding:\n  stages:\n    "1":\n      due: 2\n    "4":\n      due: 3\n', '### Stage 1\n- [ ] CSM >> a\n'),
      [['error', 9, 5, 'settings for `4`, which matches no stage']],
    ],
    [
      'heading text with a typo',
      template('onboarding:\n  stages:\n    Acess:\n      due: 2\n', '### Access\n- [ ] CSM >> a\n'),
      [['error', 7, 5, 'settings for `Acess`']],
    ],
    [
      'number, key and heading text all match',
      template('onboarding:\n  stages:\n    "1":\n      due: 2\n    stage-2:\n      due: 3\n    Stage 3 Go-live:\n      due: 4\n', '### Stage 1\n- [ ] CSM >> a\n### Stage 2\n- [ ] CSM >> b\n### Stage 3 Go-live\n- [ ] CSM >> c\n'),
      [],
    ],
  ]);
});

describe('a stage owner that is not a role', () => {
  check([
    [
      'a misspelt owner, with the role it resembles',
      template('onboarding:\n  stages:\n    "1":\n      owner: Enginer\n', '### Stage 1\n- [ ] Engineer >> a\n- [ ] b\n'),
      [['warning', 8, 7, '`owner: Enginer` is not declared in `onboarding.roles` nor written as `Enginer >>` in any item. Did you mean `Engineer`?']],
    ],
    [
      'an owner used nowhere else',
      template('onboarding:\n  stages:\n    "1":\n      owner: Finance\n', '### Stage 1\n- [ ] CSM >> a\n- [ ] b\n'),
      [['warning', 8, 7, 'declare it in `onboarding.roles`; the roles here are CSM']],
    ],
    ['an owner declared in onboarding.roles', template('onboarding:\n  roles:\n    Finance: []\n  stages:\n    "1":\n      owner: Finance\n', '### Stage 1\n- [ ] a\n'), []],
    ['an owner written as a marker elsewhere', template('onboarding:\n  stages:\n    "2":\n      owner: PM\n', '### Stage 1\n- [ ] PM >> a\n### Stage 2\n- [ ] b\n'), []],
  ]);
});

describe('stage numbers', () => {
  check([
    [
      'the same number twice blocks',
      template('', '### Stage 1\n- [ ] CSM >> a\n### Stage 2\n- [ ] CSM >> b\n### Stage 2\n- [ ] CSM >> c\n'),
      [['error', 10, 1, 'Stage 2 appears twice (lines 8 and 10)']],
    ],
    ['a skipped number warns', template('', '### Stage 1\n- [ ] CSM >> a\n### Stage 3\n- [ ] CSM >> b\n'), [['warning', 8, 1, 'Stage 3 follows Stage 1: there is no Stage 2']]],
    ['several skipped numbers', template('', '### Stage 1\n- [ ] CSM >> a\n### Stage 5\n- [ ] CSM >> b\n'), [['warning', 8, 1, 'there is no Stages 2 to 4']]],
    ['numbers going down warn', template('', '### Stage 2\n- [ ] CSM >> a\n### Stage 1\n- [ ] CSM >> b\n'), [['warning', 8, 1, 'Stage 1 comes after Stage 2']]],
    ['counting from 0 is fine', template('', '### Stage 0\n- [ ] CSM >> a\n### Stage 1\n- [ ] CSM >> b\n### Stage 2\n- [ ] CSM >> c\n'), []],
  ]);
});

describe('an item without a role among items that have one', () => {
  check([
    [
      'one item without a role',
      template('', '### Stage 1\n- [ ] CSM >> a\n- [ ] b\n- [ ] Engineer >> c\n'),
      [['warning', 8, 1, 'This item names no role, unlike the other 2 items of Stage 1']],
    ],
    ['two items without a role: a stage that mixes on purpose', template('', '### Stage 1\n- [ ] CSM >> a\n- [ ] b\n- [ ] c\n- [ ] CSM >> d\n'), []],
    ['a stage owner covers items without a marker', template('onboarding:\n  stages:\n    "1":\n      owner: CSM\n', '### Stage 1\n- [ ] CSM >> a\n- [ ] b\n- [ ] CSM >> c\n'), []],
    ['nested sub-steps need no role', template('', '### Stage 1\n- [ ] CSM >> a\n  - [ ] sub-step\n- [ ] CSM >> b\n- [ ] CSM >> c\n'), []],
    ['intake fields written as items are data', template('', '### Stage 1\n- [ ] Tenant ID: `xxx`\n- [ ] CSM >> a\n- [ ] CSM >> b\n'), []],
  ]);
});

describe('YAML errors at the line to fix', () => {
  check([
    [
      'an unclosed list is reported where it opens, not where YAML gives up',
      template('onboarding:\n  roles:\n    CSM: [Customer Success\n  due: [1]\n', '### Stage 1\n- [ ] CSM >> a\n'),
      [['error', 7, 10, 'The `[` here is not closed before line 8']],
    ],
    [
      'an unclosed list at the end of the front matter',
      template('onboarding:\n  due: [1, 2\n', '### Stage 1\n- [ ] CSM >> a\n'),
      [['error', 6, 8, 'not valid YAML']],
    ],
    [
      'a schema error points at the key',
      template('onboarding:\n  stages:\n    "1":\n      due: soon\n', '### Stage 1\n- [ ] CSM >> a\n'),
      [['error', 8, 7, '`onboarding.stages.1.due`: expected a number']],
    ],
  ]);
});

describe('issue bodies', () => {
  it('are not checked for authoring mistakes: people edit their issue, and that must not stop it', async () => {
    const { parseIssueBody } = await import('../../src/template/index.js');
    const parsed = parseTemplate(template('', '### Stage 1\n- [ ] CSM >> a\n### Stage 2\n- [ ] CSM >> b\n'));
    const edited = parseIssueBody('### Stage 1\n- [ ] CSM >> a\n### Stage 1\n- [ ] CSM >> b\n', parsed.template!);
    expect(edited.errors).toEqual([]);
    expect(edited.warnings).toEqual([]);
  });
});

/**
 * The line scan's one promise: whenever it accepts a body, the items read from it equal the full
 * reader's (remark + remark-gfm, then the template engine's sections, roles and ids). Bodies are
 * built from lines that are mostly what stage issues hold, mixed with the shapes the scan must
 * refuse or get exactly right: code fences, block quotes, HTML, tables, setext underlines,
 * ordered lists, deep or odd indentation, tabs, lazy continuation lines, headings that start or
 * end stages, footnotes and reference definitions.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanChecklist } from '../../src/checklist/scan.js';
import { itemReaderFor, readStageItems } from '../../src/onboarding/items.js';

const state = {
  roleAliases: { CSM: ['Customer Success Manager'], Engineer: ['Eng'] },
  optional: ['nice to have'],
  template: { name: 'Managed Services Onboarding', version: 'v1', file: null },
};

const texts = [
  'CSM >> Send the welcome kit',
  'Engineer >> Configure backup',
  'Eng: tag the resources',
  'Customer Success Manager checks the portal',
  '[PM] Plan the work',
  '(Sales) hand over',
  '**NOC** take over tickets',
  'Nice to have: a welcome pack',
  'Review the invoice (optional)',
  'Store credentials in the vault[^vault]',
  'Use `code` and <b>html</b> &amp; entities \\* here',
  'Link to [the portal](https://portal.example) now',
  'Send the welcome kit',
  'send   the WELCOME kit',
  'trailing spaces  ',
  'ends with a backslash\\',
  '[x] looks like a box',
  'x',
];
const text = fc.constantFrom(...texts);
const indent = fc.constantFrom('', '', '', ' ', '  ', '   ', '   ', '    ', '     ', '      ', '        ');
const marker = fc.constantFrom('-', '-', '-', '*', '+', '1.', '2)');
const box = fc.constantFrom('[ ]', '[x]', '[X]', '[ ]', '[]', '[-]');
const gap = fc.constantFrom(' ', ' ', ' ', '  ', '');

const task = fc.tuple(indent, marker, gap, box, gap, text).map(([i, m, g1, b, g2, t]) => `${i}${m}${g1}${b}${g2}${t}`);
const bullet = fc.tuple(indent, marker, text).map(([i, m, t]) => `${i}${m} ${t}`);
const continuation = fc.tuple(indent, text).map(([i, t]) => `${i}${t}`);
const special = fc.constantFrom(
  '',
  '',
  '### Stage 1: Signed agreement',
  '### Stage 2',
  '## Notes',
  '#### Access',
  '# Phase 3 - Setup ###',
  '### Stage 1',
  '#Stage 4',
  '  ### Stage 5',
  '### **Stage 6**',
  '---',
  '***',
  '- - -',
  '___',
  '===',
  '--',
  '-',
  '- ',
  '- [ ]',
  '- [x]   ',
  '<!-- embark:stage {"epic":7,"stage":"stage-1"} -->',
  '<!-- open comment',
  '-->',
  '<!-->',
  '<div>',
  '```',
  '~~~',
  '    indented code',
  '> - [ ] CSM >> Quoted',
  '>',
  '[^vault]: [Password vault](https://vault.example.com) (replace it)',
  '[^b]: plain text',
  '[x]: https://example.com',
  '[ ]: https://example.com',
  '| a | b |',
  '|---|---|',
  '--- | ---',
  'a | b',
  '\t- [ ] CSM >> Tabbed',
  '-\t[ ] CSM >> Tab after the marker',
  '\u00a0- [ ] CSM >> Non-breaking space',
  'Part of #7: onboarding of **Contoso**, Stage 1: Signed agreement.',
  '**Owners:** CSM: @alice · Engineer: _unassigned_',
  '_This stage has no checklist._',
  '1. First',
  '10) Tenth',
);
const line = fc.oneof({ arbitrary: task, weight: 6 }, { arbitrary: bullet, weight: 2 }, { arbitrary: continuation, weight: 2 }, { arbitrary: special, weight: 4 });
const body = fc.tuple(fc.array(line, { minLength: 1, maxLength: 24 }), fc.constantFrom('\n', '\n', '\r\n'), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''));

// Bodies of the shapes the scan means to accept: nesting, lazy lines, headings, footnotes.
const plainIndent = fc.constantFrom('', '', '', ' ', '  ', '   ', '     ', '      ');
const plainTask = fc.tuple(plainIndent, fc.constantFrom('-', '-', '*', '+'), fc.constantFrom('[ ]', '[x]', '[X]'), fc.constantFrom(' ', ' ', '  '), text).map(([i, m, b, g, t]) => `${i}${m} ${b}${g}${t}`);
const plainLine = fc.oneof(
  { arbitrary: plainTask, weight: 8 },
  { arbitrary: fc.tuple(plainIndent, fc.constantFrom('-', '*'), text).map(([i, m, t]) => `${i}${m} ${t}`), weight: 1 },
  { arbitrary: fc.tuple(plainIndent, text).filter(([, t]) => !t.startsWith('[')).map(([i, t]) => `${i}${t}`), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '',
      '',
      '',
      '### Stage 1: Signed agreement',
      '### Stage 2',
      '### Stage 2',
      '## Notes',
      '#### Access',
      '# Phase 3 - Setup ###',
      '### Gathering requirements',
      '---',
      '***',
      '<!-- embark:stage {"epic":7,"stage":"stage-1"} -->',
      '[^vault]: [Password vault](https://vault.example.com) (replace it)',
      'Part of #7: onboarding of **Contoso**, Stage 1: Signed agreement.',
      '**Owners:** CSM: @alice · Engineer: _unassigned_',
    ),
    weight: 4,
  },
);
const plainBody = fc.tuple(fc.array(plainLine, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

describe('the line scan', () => {
  it('reads the shapes it is meant for exactly as the full reader does, and accepts most of them', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(plainBody, (b) => {
        runs++;
        if (scanChecklist(b) === null) return;
        accepted++;
        expect(itemReaderFor(state, { scan: true })(b)).toEqual(readStageItems(b, state));
      }),
      { numRuns: 1000 },
    );
    expect(accepted / runs).toBeGreaterThan(0.3);
  });

  it('reads every body it accepts exactly as the full reader does', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(body, (b) => {
        runs++;
        if (scanChecklist(b) === null) return;
        accepted++;
        expect(itemReaderFor(state, { scan: true })(b)).toEqual(readStageItems(b, state));
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: a fair share of these bodies is accepted, and so compared.
    expect(accepted / runs).toBeGreaterThan(0.03);
  });

  it('refuses what it cannot read for sure', () => {
    const refused = [
      '- [ ] a\n```\n- [ ] b\n```',
      '> - [ ] quoted',
      '- [ ] a\n\t- [ ] tabbed',
      'Title\n---\n- [ ] a',
      '- [ ] a\n  ===',
      '<div>\n- [ ] a\n</div>',
      '1. [ ] ordered',
      '- [ ] a\n        - [ ] too deep for a child',
      '[x]: https://example.com\n- [x] a',
      '| a |\n|---|\n- [ ] a',
      '- [ ]',
      '\uFEFF- [ ] a',
    ];
    expect(refused.filter((b) => scanChecklist(b) !== null)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { List, ListItem } from 'mdast';
import { parseMarkdownFresh } from '../../src/checklist/fresh-parse.js';
import { diffTasks } from '../../src/checklist/index.js';
import { collectListItems } from '../../src/checklist/list-items.js';
import { type MarkdownDoc, parseMarkdown } from '../../src/checklist/mdast.js';
import { sharedParseCache } from '../../src/checklist/parse-cache.js';
import { deriveSingleFlip } from '../../src/checklist/single-flip.js';
import { tasksOf } from '../../src/checklist/tasks.js';

// Bodies built from the shapes that make task lists tricky: nesting, block quotes, code fences
// and indented code holding `- [ ]`, HTML comments, link reference definitions named `x`,
// footnotes, tables, empty boxes, CRLF and a BOM.
const itemText = fc.oneof(
  fc.constantFrom('Do it', '**Bold** first', '[link](https://a.example) first', '`code` [x] and [ ]', 'Note[^1]', '[x]', 'x', ''),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const taskLine = fc
  .tuple(
    fc.constantFrom('- [ ] ', '- [x] ', '* [X] ', '+ [ ]\t', '1. [ ] ', '2) [x] ', '  - [ ] ', '    - [x] ', '> - [ ] ', '>   - [X] ', '-   [x] ', '- [ ]  '),
    itemText,
  )
  .map(([head, text]) => head + text);
const otherLine = fc.constantFrom(
  '',
  '### Stage 1',
  '## Notes',
  '```',
  '~~~',
  '    - [ ] indented code',
  '<!--',
  '-->',
  '[x]: https://ref.example',
  '[ ]: https://nothing.example',
  '[^1]: [Portal](https://portal.example)',
  '- [ ]',
  '- [x]',
  '> quote',
  '>',
  '- plain',
  '---',
  '| a | b |',
  '|---|---|',
  '| - [ ] cell | x |',
  'text [ ] inline [x]',
  '<details>',
);
const line = fc.oneof({ weight: 4, arbitrary: taskLine }, { weight: 3, arbitrary: otherLine }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const body = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

const replaced = (text: string, at: number, ch: string): string => text.slice(0, at) + ch + text.slice(at + 1);

function fresh(source: string): MarkdownDoc | null {
  return parseMarkdownFresh(source).doc;
}

/** The derived parse must be indistinguishable from the full one: tree, list items and tasks. */
function expectSameAsFullParse(derived: MarkdownDoc, source: string): void {
  const full = fresh(source);
  expect(full).not.toBeNull();
  expect(derived.source).toBe(source);
  expect(derived.shift).toBe(full!.shift);
  expect(derived.root).toEqual(full!.root);
  expect(collectListItems(derived)).toEqual(collectListItems(full!));
  expect(tasksOf(derived)).toEqual(tasksOf(full!));
}

describe('the one-box fast path agrees with a full parse', () => {
  it('accepts every real flip of a task box, and derives exactly the full parse', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom('x', 'X'), (text, pick, tick) => {
        const before = fresh(text);
        fc.pre(before !== null && tasksOf(before).length > 0);
        const tasks = tasksOf(before!);
        const task = tasks[pick % tasks.length]!;
        const after = replaced(text, task.checkboxOffset, task.checked ? ' ' : tick);
        const derived = deriveSingleFlip(before!, after);
        expect(derived).not.toBeNull();
        expectSameAsFullParse(derived!, after);
      }),
      { numRuns: 300 },
    );
  });

  it('whenever it accepts any other one-character edit, the result equals the full parse', () => {
    const anyEdit = fc.tuple(body, fc.nat(), fc.constantFrom(' ', 'x', 'X', 'a', '[', ']', '\n', '-', '>', '`'));
    fc.assert(
      fc.property(anyEdit, fc.boolean(), ([text, pick, ch], inBrackets) => {
        const before = fresh(text);
        fc.pre(before !== null && text.length > 0);
        // Half the edits land just after a `[`: inside boxes in code, quotes, tables and references.
        const brackets = [...text.matchAll(/\[/g)].map((m) => m.index + 1).filter((i) => i < text.length);
        const at = inBrackets && brackets.length > 0 ? brackets[pick % brackets.length]! : pick % text.length;
        const after = replaced(text, at, ch);
        const derived = deriveSingleFlip(before!, after);
        const isTaskBox = tasksOf(before!).some((t) => t.checkboxOffset === at);
        if (!isTaskBox || !' xX'.includes(ch) || after === text) expect(derived).toBeNull();
        else expectSameAsFullParse(derived!, after);
      }),
      { numRuns: 600 },
    );
  });

  it('diffTasks answers a derived one-box edit exactly as its general matching would', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom(' ', 'x', 'X'), (text, pick, ch) => {
        const before = fresh(text);
        fc.pre(before !== null && tasksOf(before).length > 0);
        const tasks = tasksOf(before!);
        const after = replaced(text, tasks[pick % tasks.length]!.checkboxOffset, ch);
        fc.pre(after !== text);
        // General path: the new body's parse is a full one, with nothing to derive from.
        sharedParseCache.clear();
        parseMarkdown(after);
        const general = diffTasks(text, after);
        // Fast path: the new body's parse is derived from the old one.
        sharedParseCache.clear();
        const seeded = sharedParseCache.stats().seeded;
        const quick = diffTasks(text, after);
        expect(sharedParseCache.stats().seeded).toBe(seeded + 1);
        expect(quick).toEqual(general);
      }),
      { numRuns: 200 },
    );
  });

  it('declines edits that are not one character', () => {
    const text = '- [ ] a\n- [ ] b\n';
    const before = fresh(text)!;
    expect(deriveSingleFlip(before, '- [x] a\n- [x] b\n')).toBeNull();
    expect(deriveSingleFlip(before, '- [x] a\n- [ ] b')).toBeNull();
    expect(deriveSingleFlip(before, text)).toBeNull();
  });

  it('declines a box in a code fence, an empty box and a box in a comment', () => {
    for (const [text, box] of [
      ['```\n- [ ] fenced\n```\n- [ ] real\n', 7],
      ['- [ ]\n- [ ] real\n', 3],
      ['<!--\n- [ ] hidden\n-->\n- [ ] real\n', 8],
    ] as const) {
      expect(text[box]).toBe(' ');
      expect(deriveSingleFlip(fresh(text)!, replaced(text, box, 'x'))).toBeNull();
    }
  });

  it('carries a flip inside a nested item up to its ancestors', () => {
    const text = '> - [ ] parent\n>   - [ ] child\n>     - [ ] grandchild\n';
    const before = fresh(text)!;
    const grandchild = tasksOf(before)[2]!;
    const derived = deriveSingleFlip(before, replaced(text, grandchild.checkboxOffset, 'x'))!;
    expectSameAsFullParse(derived, replaced(text, grandchild.checkboxOffset, 'x'));
    // Every ancestor entry points into the new tree, not the old one.
    const entries = collectListItems(derived);
    const nestedList = (item: ListItem) => item.children.find((c): c is List => c.type === 'list')!;
    expect(nestedList(entries[0]!.node).children[0]).toBe(entries[1]!.node);
    expect(nestedList(entries[1]!.node).children[0]).toBe(entries[2]!.node);
    expect(entries[2]!.node.checked).toBe(true);
    expect(tasksOf(before)[2]!.checked).toBe(false);
  });
});

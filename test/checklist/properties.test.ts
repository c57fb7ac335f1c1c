import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffTasks, readTasks, setCheckbox } from '../../src/checklist/index.js';

const itemText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => /[\p{L}\p{N}]/u.test(s));
const line = fc.oneof(
  fc.tuple(fc.constantFrom('- [ ] ', '- [x] ', '* [X] ', '1. [ ] ', '  - [ ] ', '> - [ ] ', '   - [x] '), itemText).map(([a, b]) => a + b),
  fc.constantFrom('', '### Stage 1', '```', '<!--', '-->', 'Some text', '- plain', '- [ ]'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const body = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

describe('checklist properties', () => {
  it('readTasks never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), body), (text) => {
        for (const task of readTasks(text)) expect('[ xX]'.includes(text[task.checkboxOffset]!)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('setCheckbox changes exactly one character, and diffTasks reports exactly that change', () => {
    fc.assert(
      fc.property(body, fc.nat(), (text, pick) => {
        const tasks = readTasks(text);
        fc.pre(tasks.length > 0);
        const task = tasks[pick % tasks.length]!;
        const result = setCheckbox(text, { index: task.index }, !task.checked);
        expect(result?.changed).toBe(true);
        const after = result!.body;
        expect(after.length).toBe(text.length);
        const differing = [...after].flatMap((ch, i) => (ch === [...text][i] ? [] : [i]));
        expect(differing).toHaveLength(1);
        expect(diffTasks(text, after)).toEqual([{ text: task.text, index: task.index, from: task.checked, to: !task.checked }]);
        expect(readTasks(after).map((t) => t.text)).toEqual(tasks.map((t) => t.text));
      }),
      { numRuns: 300 },
    );
  });

  it('diffTasks of a body with itself is empty', () => {
    fc.assert(
      fc.property(body, (text) => {
        expect(diffTasks(text, text)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseTemplate } from '../../src/template/index.js';
import { SAMPLE } from './sample.js';

/** Lines that look like template markdown, to reach deeper than random text does. */
const markdownLine = fc.oneof(
  fc.constantFrom('---', '### Stage 1', '### Stage 2 - Portal', '## Phase 3', '```', '> ', '<!--', '-->', '', '[^1]: [x](https://x.example)'),
  fc.tuple(fc.constantFrom('- [ ] ', '* [x] ', '1. [ ] ', '   - [ ] ', '  - ', '- '), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('name: ', 'about: ', 'title: ', 'labels: ', 'onboarding: ', '  due: '), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
// The line ending is part of the generated value (not picked outside the run), so a failure
// replays from the seed and path fast-check prints, and shrinks with the lines.
const markdownish = fc.tuple(fc.array(markdownLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

describe('parseTemplate properties', () => {
  it('draw their markdown from the seed alone (so a printed seed replays a failure), in both line endings', () => {
    // Seeded on purpose: two draws from one seed must be the same values.
    const draw = () => fc.sample(markdownish, { seed: 20260101, numRuns: 100 });
    const first = draw();
    expect(draw()).toEqual(first);
    expect(first.some((text) => text.includes('\r\n'))).toBe(true);
    expect(first.some((text) => /(^|[^\r])\n/.test(text))).toBe(true);
  });

  it('never throws, and ok matches errors, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), markdownish), (source) => {
        const result = parseTemplate(source);
        expect(result.ok).toBe(result.errors.length === 0);
        for (const d of [...result.errors, ...result.warnings]) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('points every checkbox offset at the box inside the body', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const template = parseTemplate(`---\nname: a\nabout: b\n---\n${text}`).template;
        for (const item of template?.stages.flatMap((s) => s.items) ?? []) {
          expect(template!.body!.slice(item.checkboxOffset - 1, item.checkboxOffset + 2)).toMatch(/^\[[ xX]\]$/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps item ids when an unrelated line is inserted or changed', () => {
    const ids = (source: string) => parseTemplate(source).template!.stages.flatMap((s) => s.items.map((i) => `${i.text}=${i.id}`));
    const before = ids(SAMPLE);
    const lines = SAMPLE.split('\n');
    const bodyStart = lines.indexOf('---', 1) + 1;
    fc.assert(
      fc.property(
        fc.integer({ min: bodyStart, max: lines.length }),
        // Blank lines around the insert keep it a block of its own: a bare line right under an
        // item would continue that item's text, which is a real edit of the item.
        fc.constantFrom('Some notes for the team.', '- [ ] CSM >> A brand-new item', '> quoted remark', '#### Notes', '<!-- hidden -->'),
        (at, extra) => {
          const edited = [...lines.slice(0, at), '', extra, '', ...lines.slice(at)].join('\n');
          const after = ids(edited).filter((entry) => !entry.startsWith('A brand-new item='));
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the ids of other items when one item is reworded', () => {
    const ids = (source: string) => parseTemplate(source).template!.stages.flatMap((s) => s.items.map((i) => i.id));
    const before = ids(SAMPLE);
    const itemLines = SAMPLE.split('\n').flatMap((line, i) => (line.startsWith('- [') ? [i] : []));
    fc.assert(
      fc.property(fc.constantFrom(...itemLines), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /^[\w ]+$/.test(s) && s.trim() !== ''), (at, words) => {
        const lines = SAMPLE.split('\n');
        lines[at] = `- [ ] CSM >> ${words} reworded`;
        const after = ids(lines.join('\n'));
        const index = itemLines.indexOf(at);
        expect(after.filter((_, i) => i !== index)).toEqual(before.filter((_, i) => i !== index));
      }),
      { numRuns: 100 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffTasks, readTasks } from '../../src/checklist/index.js';
import { sharedParseCache } from '../../src/checklist/parse-cache.js';
import { itemReaderFor, readStageItems, type StageItem } from '../../src/onboarding/items.js';

const state = {
  roleAliases: { CSM: ['CSM'], Engineer: ['Engineer', 'Eng'] },
  optional: ['nice to have'],
  template: { name: 'Managed Services Onboarding', version: 'v1', file: null },
};

// Tasks before the first stage, nested tasks, an optional item, a box in a code fence and a
// task under `## Notes` (outside every stage, so not an item).
const BODY = [
  '- [ ] CSM >> Before every stage',
  '',
  '### Stage 0: Agreement',
  ...Array.from({ length: 12 }, (_, i) => `- [ ] ${i % 2 ? 'CSM' : 'Eng'} >> Agreement step ${i + 1}`),
  '- [ ] Nice to have: a welcome pack',
  '  - [x] Engineer >> Nested under it',
  '',
  '```',
  '- [ ] not a task',
  '```',
  '### Stage 1: Access',
  '> - [ ] Engineer >> Quoted access step',
  '- [X] CSM >> Portal access enabled',
  '',
  '## Notes',
  '- [ ] Outside every stage',
  '',
].join('\r\n');

const flip = (body: string, at: number): string => body.slice(0, at) + (body[at] === ' ' ? 'x' : ' ') + body.slice(at + 1);

describe('stage items after one-box edits', () => {
  it('equal a fresh read of the same body, tick after tick, with no parse at all', () => {
    const boxes = readTasks(BODY).map((t) => t.checkboxOffset);
    itemReaderFor(state)(BODY);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: boxes.length - 1 }), { minLength: 1, maxLength: 12 }), (picks) => {
        let body = BODY;
        const parses = sharedParseCache.stats().fullParses;
        const seen: StageItem[][] = [];
        for (const pick of picks) {
          const after = flip(body, boxes[pick]!);
          // As the progress handler does: the diff first, then a fresh reader per event.
          expect(diffTasks(body, after)).toHaveLength(1);
          seen.push(itemReaderFor(state)(after));
          body = after;
        }
        expect(sharedParseCache.stats().fullParses).toBe(parses);
        // The oracle runs last: reading afresh must not be what made the readers' answers right.
        let check = BODY;
        picks.forEach((pick, k) => {
          check = flip(check, boxes[pick]!);
          expect(seen[k]).toEqual(readStageItems(check, state));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('hands each caller its own array of frozen items', () => {
    const read = itemReaderFor(state);
    const first = read(BODY);
    first.reverse();
    expect(read(BODY)[0]!.text).toBe('Before every stage');
    expect(() => {
      first[0]!.checked = true;
    }).toThrow(TypeError);
  });

  it('keeps items apart for onboardings that read roles differently', () => {
    const noEngAlias = { ...state, roleAliases: { CSM: ['CSM'], Engineer: ['Engineer'] } };
    expect(itemReaderFor(state)(BODY)[1]!.role).toBe('Engineer');
    expect(itemReaderFor(noEngAlias)(BODY)[1]!.role).not.toBe('Engineer');
  });
});

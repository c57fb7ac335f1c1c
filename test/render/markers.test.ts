import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  epicMarker,
  isStatusComment,
  parseEpicMarker,
  parseStageMarker,
  stageMarker,
  statusMarker,
} from '../../src/render/markers.js';

describe('stage marker', () => {
  it('is one hidden line naming the EPIC, the stage and the template', () => {
    expect(stageMarker({ epic: 12, stage: 'stage-1', template: 'Managed Services' })).toBe(
      '<!-- embark:stage {"epic":12,"stage":"stage-1","template":"Managed Services"} -->',
    );
  });

  it('reads back what it wrote, inside a body', () => {
    const body = `${stageMarker({ epic: 7, stage: 'stage-3', template: 'x' })}\nPart of #7\n\n- [ ] CSM >> call`;
    expect(parseStageMarker(body)).toEqual({ epic: 7, stage: 'stage-3', template: 'x' });
  });

  it('tolerates blanks and line breaks around the JSON', () => {
    expect(parseStageMarker('<!--embark:stage{"epic":1,"stage":"stage-0","template":"t"}-->')).toEqual({
      epic: 1,
      stage: 'stage-0',
      template: 't',
    });
    expect(parseStageMarker('\n\n<!--   embark:stage\n  {"epic": 2, "stage": "s", "template": "t"}\n -->')).toEqual({
      epic: 2,
      stage: 's',
      template: 't',
    });
  });

  it('uses only the first marker, even when a later one is valid', () => {
    const first = stageMarker({ epic: 3, stage: 'stage-1', template: 't' });
    const second = stageMarker({ epic: 99, stage: 'stage-9', template: 'u' });
    expect(parseStageMarker(`${first}\n${second}`)?.epic).toBe(3);
    expect(parseStageMarker(`<!-- embark:stage {broken -->\n${second}`)).toBeNull();
  });

  it.each([
    ['no marker', 'just text'],
    ['another kind of marker', '<!-- embark:status -->'],
    ['a longer kind name', '<!-- embark:stages {"epic":1,"stage":"s","template":"t"} -->'],
    ['no closing', '<!-- embark:stage {"epic":1,"stage":"s","template":"t"}'],
    ['invalid JSON', '<!-- embark:stage {epic:1} -->'],
    ['an array', '<!-- embark:stage [1,2] -->'],
    ['a string epic', '<!-- embark:stage {"epic":"1","stage":"s","template":"t"} -->'],
    ['a fractional epic', '<!-- embark:stage {"epic":1.5,"stage":"s","template":"t"} -->'],
    ['a zero epic', '<!-- embark:stage {"epic":0,"stage":"s","template":"t"} -->'],
    ['an empty stage', '<!-- embark:stage {"epic":1,"stage":" ","template":"t"} -->'],
    ['no template', '<!-- embark:stage {"epic":1,"stage":"s"} -->'],
    ['nothing inside', '<!-- embark:stage -->'],
  ])('is null for %s', (_case, body) => {
    expect(parseStageMarker(body)).toBeNull();
  });

  it('drops fields it does not know', () => {
    expect(parseStageMarker('<!-- embark:stage {"epic":1,"stage":"s","template":"t","x":true} -->')).toEqual({
      epic: 1,
      stage: 's',
      template: 't',
    });
  });

  it('cannot be closed early by a value holding -->', () => {
    const marker = stageMarker({ epic: 5, stage: 'stage-1', template: 'Evil --> <!-- embark:stage {"epic":1} -->' });
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker.slice(4).includes('<!--')).toBe(false);
    expect(parseStageMarker(marker)?.template).toBe('Evil --> <!-- embark:stage {"epic":1} -->');
  });

  it('round-trips any text and never throws on any body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (epic, stage, template) => {
        fc.pre(stage.trim() !== '' && template.trim() !== '');
        expect(parseStageMarker(stageMarker({ epic, stage, template }))).toEqual({ epic, stage, template });
      }),
    );
    fc.assert(
      fc.property(fc.string(), (body) => {
        parseStageMarker(body);
        parseStageMarker(`<!-- embark:stage ${body} -->`);
        parseEpicMarker(`<!-- embark:epic ${body}`);
      }),
    );
  });
});

describe('EPIC marker', () => {
  it('writes only the fields given', () => {
    expect(epicMarker({ template: 'Managed Services' })).toBe('<!-- embark:epic {"template":"Managed Services"} -->');
    expect(epicMarker({ template: 't', file: 'bundled:x.md', customer: 'Contoso', version: null })).toBe(
      '<!-- embark:epic {"template":"t","file":"bundled:x.md","customer":"Contoso","version":null} -->',
    );
  });

  it('reads back what it wrote from anywhere in the body', () => {
    const marker = { template: 't', file: '.github/ISSUE_TEMPLATE/x.md', customer: 'A & B <Ltd>', version: 'v2026.11' };
    expect(parseEpicMarker(`### Description\n\n- Key: \`x\`\n\n${epicMarker(marker)}\n`)).toEqual(marker);
  });

  it('keeps the template when optional fields have the wrong type', () => {
    expect(parseEpicMarker('<!-- embark:epic {"template":"t","file":3,"customer":[],"version":1} -->')).toEqual({ template: 't' });
  });

  it('is null without a template name, and is not a stage marker', () => {
    expect(parseEpicMarker('<!-- embark:epic {"customer":"c"} -->')).toBeNull();
    expect(parseEpicMarker(stageMarker({ epic: 1, stage: 's', template: 't' }))).toBeNull();
    expect(parseStageMarker(epicMarker({ template: 't' }))).toBeNull();
  });
});

describe('status marker', () => {
  it('recognises the status comment by its first line', () => {
    expect(statusMarker).toBe('<!-- embark:status -->');
    expect(isStatusComment(`${statusMarker}\n## Onboarding status`)).toBe(true);
    expect(isStatusComment(`\n  ${statusMarker}`)).toBe(true);
  });

  it('ignores the marker when it is quoted later in a comment', () => {
    expect(isStatusComment(`Look at this:\n${statusMarker}`)).toBe(false);
    expect(isStatusComment('<!-- embark:stage {} -->')).toBe(false);
  });
});

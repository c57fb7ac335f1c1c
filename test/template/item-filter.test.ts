import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';
import { stageWithoutItems } from '../../src/template/item-filter.js';

function stageOf(body: string) {
  const parsed = parseTemplate(`---\nname: T\nabout: t\ntitle: "[T] %customer%"\n---\n${body}`);
  return { stage: parsed.template!.stages[0]!, body: parsed.template!.body! };
}

describe('a stage without the items whose when: does not hold', () => {
  it.each([
    ['a top-level item', '### Stage 1: A\n- [ ] CSM >> Keep\n- [ ] CSM >> Drop me\n- [ ] CSM >> Also keep\n', ['Drop me'], '- [ ] CSM >> Keep\n- [ ] CSM >> Also keep'],
    ['with the steps nested under it', '### Stage 1: A\n- [ ] CSM >> Drop me\n  - [ ] CSM >> Sub step\n    more text\n- [ ] CSM >> Keep\n', ['Drop me'], '- [ ] CSM >> Keep'],
    ['a nested item alone', '### Stage 1: A\n- [ ] CSM >> Keep\n  - [ ] CSM >> Drop me\n  - [ ] CSM >> Keep too\n', ['Drop me'], '- [ ] CSM >> Keep\n  - [ ] CSM >> Keep too'],
    ['CRLF line endings', '### Stage 1: A\r\n- [ ] CSM >> Drop me\r\n- [ ] CSM >> Keep\r\n', ['Drop me'], '- [ ] CSM >> Keep'],
  ])('%s', (_name, body, drop, markdown) => {
    const { stage, body: written } = stageOf(body);
    const ids = new Set(stage.items.filter((i) => drop.includes(i.text)).map((i) => i.id));
    const out = stageWithoutItems(stage, written, ids);
    expect(out.markdown.replace(/\r/g, '')).toBe(markdown);
    expect(out.items.map((i) => i.text)).toEqual(stage.items.filter((i) => markdown.includes(i.text)).map((i) => i.text));
  });

  it('returns the stage itself when nothing is dropped', () => {
    const { stage, body } = stageOf('### Stage 1: A\n- [ ] CSM >> Keep\n');
    expect(stageWithoutItems(stage, body, new Set())).toBe(stage);
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';
import { SAMPLE } from './sample.js';

describe('stage sections and offsets', () => {
  const template = parseTemplate(SAMPLE).template!;
  const body = template.body!;

  it('counts offsets within the body after the front matter', () => {
    expect(body.startsWith('### Description')).toBe(true);
    for (const stage of template.stages) {
      expect(body.slice(stage.startOffset).startsWith(`### ${stage.title}`)).toBe(true);
      for (const item of stage.items) expect(body.slice(item.checkboxOffset - 1, item.checkboxOffset + 2)).toMatch(/^\[[ x]\]$/);
    }
  });

  it('ends each stage where the next begins, and the last before the footnotes', () => {
    const [one, two] = template.stages;
    expect(one!.endOffset).toBe(two!.startOffset);
    expect(body.slice(two!.endOffset).trimStart().startsWith('---\n[^1]:')).toBe(true);
    expect(two!.markdown).toBe('- [ ] CSM >> Book the kickoff\n- [x] CSM checked the invoice address');
  });

  it('keeps the stage markdown as written, heading excluded', () => {
    expect(template.stages[0]!.markdown).toBe(
      '- [ ] CSM >> Send the welcome mail\n- [ ] Engineer >> Request admin consent[^1]',
    );
  });

  it('drops a naming sub-heading from the markdown, since it is in the title', () => {
    const named = parseTemplate('---\nname: a\nabout: b\ntitle: "[X] %customer%"\n---\n### Stage 1\n\n### Kickoff\n\n- [ ] CSM >> Call\n').template!;
    expect(named.stages[0]!.title).toBe('Stage 1: Kickoff');
    expect(named.stages[0]!.markdown).toBe('- [ ] CSM >> Call');
  });

  it('takes due days from `onboarding.due` by stage position', () => {
    expect(template.stages.map((s) => s.dueDays)).toEqual([2, 5]);
  });

  it('keeps 3-space indented lists at the indentation people wrote', () => {
    const indented = parseTemplate('---\nname: a\nabout: b\ntitle: "[X] %customer%"\n---\n### Stage 1\n   - [ ] CSM >> One\n   - [ ] CSM >> Two\n').template!;
    expect(indented.stages[0]!.markdown).toBe('   - [ ] CSM >> One\n   - [ ] CSM >> Two');
    expect(indented.stages[0]!.items.map((i) => i.depth)).toEqual([0, 0]);
  });

  it('gives footnote definitions their markdown, and items the resolved links', () => {
    expect(template.footnotes).toEqual({ '1': '[Consent guide](https://docs.example.com/consent)' });
    expect(template.stages[0]!.items[1]!.links).toEqual(['https://docs.example.com/consent']);
  });
});

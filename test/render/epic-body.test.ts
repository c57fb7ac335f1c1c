import { describe, expect, it } from '@jest/globals';
import { linkStagesInEpicBody, type StageLink } from '../../src/render/epic-body.js';
import { parseIssueBody, parseTemplate, type Template } from '../../src/template/index.js';

type Section = { key: string; startOffset: number; endOffset: number };

/**
 * Stage sections the way the template parser reports them: from each `Stage N` heading to the
 * next one, or to a thematic break (before the footnotes), or to the end. Kept independent of the
 * parser so these tests pin the renderer alone.
 */
function sections(body: string): Section[] {
  const headings = [...body.matchAll(/^#{1,6} Stage (\d+)[^\n]*$/gm)];
  const breaks = [...body.matchAll(/^---[ \t]*\r?$/gm)].map((m) => m.index);
  return headings.map((heading, i) => {
    const next = headings[i + 1]?.index ?? body.length;
    const rule = breaks.find((at) => at > heading.index && at < next);
    return { key: `stage-${heading[1]}`, startOffset: heading.index, endOffset: rule ?? next };
  });
}

const link = (stageKey: string, issueNumber: number, done = false): StageLink => ({ stageKey, issueNumber, done });

const BODY = `### Description

- Tenant ID: \`xxx\`
- Tenant name: \`Contoso Ltd\`

---
### Stage 0: Signed agreement
   - [ ] CSM >> Receive the signed agreement from Sales

### Stage 1: Access and tenant details
   - [ ] Engineer >> Confirm admin access[^2]
      - [ ] Engineer >> Note the tenant ID
   - [x] CSM >> Open the portal

Our own note: the customer prefers calls on Tuesdays.

### Stage 2: Checks and sign-off
   - [ ] CSM >> Walk the customer through the portal[^2]

---
[^2]: [Portal](https://portal.example.com)
`;

const LINKED = `### Description

- Tenant ID: \`xxx\`
- Tenant name: \`Contoso Ltd\`

---
### Stage 0: Signed agreement
- [x] #41

### Stage 1: Access and tenant details
- [ ] #42

### Stage 2: Checks and sign-off
- [ ] #43

---
[^2]: [Portal](https://portal.example.com)
`;

const ALL = [link('stage-0', 41, true), link('stage-1', 42), link('stage-2', 43)];

describe('linkStagesInEpicBody', () => {
  it('replaces each stage section by its heading and a link, the rest byte for byte', () => {
    expect(linkStagesInEpicBody({ body: BODY, stages: sections(BODY), links: ALL })).toBe(LINKED);
  });

  it('is idempotent on its own output', () => {
    const once = linkStagesInEpicBody({ body: BODY, stages: sections(BODY), links: ALL });
    expect(linkStagesInEpicBody({ body: once, stages: sections(once), links: ALL })).toBe(once);
  });

  it('ticks or unticks an already linked section to match the stage', () => {
    const done = ALL.map((l) => ({ ...l, done: l.stageKey === 'stage-1' }));
    const relinked = linkStagesInEpicBody({ body: LINKED, stages: sections(LINKED), links: done });
    expect(relinked).toBe(LINKED.replace('- [x] #41', '- [ ] #41').replace('- [ ] #42', '- [x] #42'));
  });

  it('keeps CRLF line endings, in the sections and around them', () => {
    const crlf = BODY.replace(/\n/g, '\r\n');
    const out = linkStagesInEpicBody({ body: crlf, stages: sections(crlf), links: ALL });
    expect(out).toBe(LINKED.replace(/\n/g, '\r\n'));
    expect(linkStagesInEpicBody({ body: out, stages: sections(out), links: ALL })).toBe(out);
  });

  it('leaves stages without a link untouched', () => {
    const out = linkStagesInEpicBody({ body: BODY, stages: sections(BODY), links: [link('stage-1', 42)] });
    expect(out).toContain('### Stage 0: Signed agreement\n   - [ ] CSM >> Receive the signed agreement from Sales\n\n### Stage 1');
    expect(out).toContain('### Stage 1: Access and tenant details\n- [ ] #42\n\n### Stage 2');
    expect(out).toContain('### Stage 2: Checks and sign-off\n   - [ ] CSM >> Walk the customer');
  });

  it('links a last stage that ends the body without a line break', () => {
    const body = '### Stage 1: Only\n- [ ] CSM >> Do it';
    expect(linkStagesInEpicBody({ body, stages: sections(body), links: [link('stage-1', 5)] })).toBe('### Stage 1: Only\n- [ ] #5');
    const bare = '### Stage 1: Only';
    expect(linkStagesInEpicBody({ body: bare, stages: sections(bare), links: [link('stage-1', 5)] })).toBe('### Stage 1: Only\n- [ ] #5');
  });

  it('links an implicit first stage that has no heading', () => {
    const body = 'Intro line.\n\n- [ ] CSM >> First thing\n- [ ] CSM >> Second thing\n\n### Stage 2: Next\n- [ ] CSM >> x\n';
    const implicit = { key: 'stage-0', startOffset: body.indexOf('- [ ] CSM >> First'), endOffset: body.indexOf('### Stage 2') };
    const out = linkStagesInEpicBody({ body, stages: [implicit, ...sections(body)], links: [link('stage-0', 7), link('stage-2', 8)] });
    expect(out).toBe('Intro line.\n\n- [ ] #7\n\n### Stage 2: Next\n- [ ] #8\n');
  });

  it('keeps a setext heading', () => {
    const body = 'Stage 1: Access\n---------------\n- [ ] CSM >> x\n';
    const out = linkStagesInEpicBody({ body, stages: [{ key: 'stage-1', startOffset: 0, endOffset: body.length }], links: [link('stage-1', 3)] });
    expect(out).toBe('Stage 1: Access\n---------------\n- [ ] #3\n');
  });

  it('returns the body unchanged when there is nothing to link', () => {
    expect(linkStagesInEpicBody({ body: BODY, stages: sections(BODY), links: [] })).toBe(BODY);
  });

  it('refuses stages whose offsets belong to another body', () => {
    expect(() =>
      linkStagesInEpicBody({ body: 'short', stages: [{ key: 'stage-1', startOffset: 0, endOffset: 50 }], links: [link('stage-1', 1)] }),
    ).toThrow(RangeError);
    expect(() =>
      linkStagesInEpicBody({
        body: BODY,
        stages: [
          { key: 'stage-1', startOffset: 10, endOffset: 40 },
          { key: 'stage-2', startOffset: 30, endOffset: 60 },
        ],
        links: [link('stage-1', 1), link('stage-2', 2)],
      }),
    ).toThrow(/stage-2 spans 30\.\.60/);
  });
});

describe('linkStagesInEpicBody with stages from the template parser', () => {
  const TEMPLATE = `---
name: Small
about: v2026.01 small
title: "[Small] %customer%"
---
${BODY}`;

  function stagesOf(body: string, template: Template) {
    const parsed = parseIssueBody(body, template);
    expect(parsed.errors).toEqual([]);
    return parsed.template!.stages;
  }

  it('links a CRLF body the person edited, idempotently, keeping everything outside the stages', () => {
    const template = parseTemplate(TEMPLATE, { file: 'small.md' }).template!;
    const edited = BODY.replace('Contoso Ltd', 'Fabrikam').replace(/\n/g, '\r\n');
    const once = linkStagesInEpicBody({ body: edited, stages: stagesOf(edited, template), links: ALL });
    expect(once).toBe(LINKED.replace('Contoso Ltd', 'Fabrikam').replace(/\n/g, '\r\n'));
    expect(linkStagesInEpicBody({ body: once, stages: stagesOf(once, template), links: ALL })).toBe(once);
  });

  it('moves a note written inside a stage section along with that stage (it is part of the stage issue)', () => {
    const template = parseTemplate(TEMPLATE, { file: 'small.md' }).template!;
    const stages = stagesOf(BODY, template);
    expect(stages.find((s) => s.key === 'stage-1')?.markdown).toContain('Our own note');
    const once = linkStagesInEpicBody({ body: BODY, stages, links: ALL });
    expect(once).not.toContain('Our own note');
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseIssueBody, parseTemplate } from '../../src/template/index.js';
import { SAMPLE } from './sample.js';

describe('parseIssueBody', () => {
  const template = parseTemplate(SAMPLE).template!;

  it('reads an unedited issue body like the template', () => {
    const result = parseIssueBody(template.body!, template);
    expect(result.ok).toBe(true);
    expect(result.template!.stages.map((s) => s.items.map((i) => i.id))).toEqual(
      template.stages.map((s) => s.items.map((i) => i.id)),
    );
    expect(result.template!.name).toBe('Acme | Onboarding');
  });

  it('lets the edited body win, with lines counted from the body', () => {
    const edited = template.body!
      .replace('- Tenant ID: `xxx`', '- Tenant ID: `8f1c-22`')
      .replace('- [ ] CSM >> Book the kickoff', '- [ ] CSM >> Book the kickoff\n- [ ] CSM >> Send the minutes');
    const result = parseIssueBody(edited, template);
    const parsed = result.template!;
    expect(parsed.fields).toEqual([{ name: 'Tenant ID', value: '8f1c-22', placeholder: false, line: 2, itemId: null }]);
    expect(parsed.stages[1]!.items.map((i) => i.text)).toEqual([
      'Book the kickoff',
      'Send the minutes',
      'CSM checked the invoice address',
    ]);
    expect(parsed.stages[1]!.items[1]!.line).toBe(10);
    expect(parsed.body).toBe(edited);
  });

  it("uses the template's settings and roles", () => {
    const result = parseIssueBody('### Stage 1\n- [ ] engineer checked the consent\n### Stage 2\n- [ ] x\n', template);
    const stages = result.template!.stages;
    expect(stages[0]!.items[0]!.role).toBe('Engineer');
    expect(stages.map((s) => s.dueDays)).toEqual([2, 5]);
  });

  it('reports a body whose checklist was deleted', () => {
    const result = parseIssueBody('Nothing left here.', template);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('No checklist found') });
  });

  it('does not treat a body starting with `---` as front matter', () => {
    const result = parseIssueBody('---\n### Stage 1\n- [ ] CSM >> Go\n', template);
    expect(result.template!.stages[0]!.items[0]!.line).toBe(3);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Root } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { parseStageMarker } from '../../src/render/markers.js';
import { MAX_ASSIGNEES, MAX_TITLE_LENGTH, renderStageIssue, stageRoles } from '../../src/render/stage-issue.js';
import { parseTemplate } from '../../src/template/index.js';
import type { Template, TemplateItem, TemplateStage } from '../../src/template/model.js';
import { defaultTemplateSettings, type TemplateSettings } from '../../src/template/settings.js';

function item(text: string, role: string | null, extra: Partial<TemplateItem> = {}): TemplateItem {
  return {
    id: `stage-1:${text.toLowerCase().replace(/\W+/g, '-')}`,
    text,
    role,
    checked: false,
    optional: false,
    line: 1,
    column: 1,
    checkboxOffset: 0,
    depth: 0,
    links: [],
    ...extra,
  };
}

function stage(markdown: string, items: TemplateItem[], extra: Partial<TemplateStage> = {}): TemplateStage {
  return {
    key: 'stage-1',
    number: 1,
    title: 'Stage 1: Access and tenant details',
    line: 10,
    startOffset: 0,
    endOffset: 0,
    markdown,
    items,
    dueDays: 3,
    ...extra,
  };
}

function template(extra: { footnotes?: Record<string, string>; body?: string; settings?: Partial<TemplateSettings> } = {}): Template {
  return {
    name: 'Managed Services Onboarding',
    about: 'v2026.11 Standard onboarding',
    version: 'v2026.11',
    title: '[Managed Services Onboarding] %customer%',
    titlePrefix: '[Managed Services Onboarding]',
    labels: ['onboarding'],
    assignees: [],
    type: null,
    settings: { ...defaultTemplateSettings, ...extra.settings },
    roles: ['CSM', 'Engineer'],
    fields: [],
    stages: [],
    footnotes: extra.footnotes ?? {},
    body: extra.body ?? '',
  };
}

const epic = { number: 12, title: '[Managed Services Onboarding] Contoso' };
const twoRoles = stage('\n- [ ] CSM >> Send the welcome pack\n- [ ] Engineer >> Create the app registration\n', [
  item('Send the welcome pack', 'CSM'),
  item('Create the app registration', 'Engineer'),
]);

/** Task items a GitHub rendering of the body shows, with their checked state. */
function tasks(body: string): { text: string; checked: boolean | null | undefined }[] {
  const out: { text: string; checked: boolean | null | undefined }[] = [];
  visit(remark().use(remarkGfm).parse(body) as Root, 'listItem', (node) => {
    const first = node.children[0];
    const text = first?.type === 'paragraph' ? first.children.map((c) => ('value' in c ? c.value : '')).join('') : '';
    out.push({ text, checked: node.checked });
  });
  return out;
}

describe('renderStageIssue', () => {
  it('titles the issue after the EPIC and the stage', () => {
    const issue = renderStageIssue({ template: template(), stage: twoRoles, customer: 'Contoso', epic, owners: {} });
    expect(issue.title).toBe('[Managed Services Onboarding] Contoso · Stage 1: Access and tenant details');
  });

  it('opens the body with its marker and a link back to the EPIC', () => {
    const issue = renderStageIssue({ template: template(), stage: twoRoles, customer: 'Contoso', epic, owners: {} });
    const [marker, partOf] = issue.body.split('\n');
    expect(parseStageMarker(marker!)).toEqual({ epic: 12, stage: 'stage-1', template: 'Managed Services Onboarding' });
    expect(partOf).toContain('Part of #12');
    expect(partOf).toContain('**Contoso**');
  });

  it('carries the checklist exactly as written, nested items and notes included', () => {
    const markdown = [
      '',
      '   - [ ] CSM >> Collect the tenant details',
      '      - [ ] CSM >> Tenant ID',
      '      - [x] CSM >> Tenant name',
      '',
      '> Ask the customer for a global admin during the call.',
      '',
      '   - [ ] Engineer >> Confirm admin access',
      '',
    ].join('\n');
    const issue = renderStageIssue({
      template: template(),
      stage: stage(markdown, [item('Collect the tenant details', 'CSM'), item('Confirm admin access', 'Engineer')]),
      customer: 'Contoso',
      epic,
      owners: {},
    });
    expect(issue.body).toContain(markdown.trim());
    expect(tasks(issue.body)).toEqual([
      { text: 'CSM >> Collect the tenant details', checked: false },
      { text: 'CSM >> Tenant ID', checked: false },
      { text: 'CSM >> Tenant name', checked: true },
      { text: 'Engineer >> Confirm admin access', checked: false },
    ]);
  });

  it('names the owners by role, and the roles nobody owns yet', () => {
    const issue = renderStageIssue({
      template: template(),
      stage: twoRoles,
      customer: 'Contoso',
      epic,
      owners: { CSM: ['alice', '@bob'] },
    });
    expect(issue.body).toContain('**Owners:** CSM: @alice, @bob · Engineer: _unassigned_');
  });

  it('assigns the owners of the roles with items in the stage, once each', () => {
    const csmOnly = stage('- [ ] CSM >> Plan the welcome call', [item('Plan the welcome call', 'CSM')]);
    const issue = renderStageIssue({
      template: template(),
      stage: csmOnly,
      customer: 'Contoso',
      epic,
      owners: { csm: ['alice', 'Alice'], Engineer: ['eve'], Sales: ['sam'] },
    });
    expect(issue.assignees).toEqual(['alice']);
  });

  it('assigns at most ten people, and never a team or a malformed login', () => {
    const owners = {
      CSM: ['acme/onboarding', 'not a login', ...Array.from({ length: 8 }, (_, i) => `csm${i}`)],
      Engineer: Array.from({ length: 5 }, (_, i) => `eng${i}`),
    };
    const issue = renderStageIssue({ template: template(), stage: twoRoles, customer: 'Contoso', epic, owners });
    expect(issue.assignees).toHaveLength(MAX_ASSIGNEES);
    expect(issue.assignees.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => `csm${i}`));
    expect(issue.assignees).toEqual(expect.not.arrayContaining(['acme/onboarding', 'not a login']));
    // The team is still named as an owner; the malformed login is shown, not mentioned.
    expect(issue.body).toContain('@acme/onboarding');
    expect(issue.body).toContain('`not a login`');
  });

  it('gives items with no role marker to the stage owner the template names', () => {
    const plain = stage('- [ ] Send the invoice', [item('Send the invoice', null)]);
    const settings = { stages: { '1': { owner: 'Finance' } } };
    expect(stageRoles(template({ settings }), plain)).toEqual(['Finance']);
    const issue = renderStageIssue({ template: template({ settings }), stage: plain, customer: 'C', epic, owners: { Finance: ['fin'] } });
    expect(issue.assignees).toEqual(['fin']);
  });

  it('says so when no item names a role', () => {
    const plain = stage('- [ ] Send the invoice', [item('Send the invoice', null)]);
    const issue = renderStageIssue({ template: template(), stage: plain, customer: 'C', epic, owners: {} });
    expect(issue.assignees).toEqual([]);
    expect(issue.body).toContain('**Owners:** none');
  });

  it('appends the footnote definitions the checklist references, as written, so the links keep working', () => {
    const markdown = '- [ ] CSM >> Invite the contacts to the portal[^5]\n- [ ] CSM >> Check the contract in the desk[^Desk] and portal[^5]';
    const body = [
      '### Stage 1: Access',
      markdown,
      '',
      '---',
      '[^5]: [Portal](https://portal.example.com/)',
      '[^desk]: [Service desk](https://desk.example.com) (ask Sam for access)',
      '[^9]: [Unused](https://unused.example.com)',
      '',
    ].join('\n');
    const issue = renderStageIssue({
      template: template({ body }),
      stage: stage(markdown, [item('a', 'CSM'), item('b', 'CSM')]),
      customer: 'C',
      epic,
      owners: {},
    });
    expect(
      issue.body.endsWith('\n[^5]: [Portal](https://portal.example.com/)\n[^desk]: [Service desk](https://desk.example.com) (ask Sam for access)\n'),
    ).toBe(true);
    expect(issue.body).not.toContain('unused.example.com');
    const definitions: string[] = [];
    const references: string[] = [];
    visit(remark().use(remarkGfm).parse(issue.body) as Root, (node) => {
      if (node.type === 'footnoteDefinition') definitions.push(node.identifier);
      if (node.type === 'footnoteReference') references.push(node.identifier);
    });
    expect(definitions).toEqual(['5', 'desk']);
    expect(references).toEqual(['5', 'desk', '5']);
  });

  it('takes the definitions from the EPIC body it is given, else the template’s links, and skips undefined ones', () => {
    const markdown = '- [ ] CSM >> Book the call[^1] with the notes[^2] in the tool[^3]';
    const issue = renderStageIssue({
      template: template({ body: '[^1]: old\n', footnotes: { '1': 'https://old.example.com', '3': 'https://tool.example.com' } }),
      stage: stage(markdown, [item('Book the call', 'CSM')]),
      customer: 'C',
      epic,
      owners: {},
      source: `${markdown}\n\n[^1]: [Calendar](https://cal.example.com)\n`,
    });
    expect(issue.body).toContain('[^1]: [Calendar](https://cal.example.com)');
    expect(issue.body).toContain('[^3]: https://tool.example.com');
    expect(issue.body).not.toContain('[^2]:');
    expect(issue.body).not.toContain('old');
  });

  it('escapes the customer name: no mention, no HTML, no fake marker', () => {
    const issue = renderStageIssue({
      template: template(),
      stage: twoRoles,
      customer: '@everyone <!-- embark:stage {"epic":1,"stage":"x","template":"y"} --> **Corp**',
      epic,
      owners: {},
    });
    expect(issue.body).not.toContain('@everyone');
    expect(issue.body.match(/<!--/g)).toHaveLength(1);
    expect(parseStageMarker(issue.body)?.epic).toBe(12);
  });

  it('uses the labels it is given, else the default stage label', () => {
    expect(renderStageIssue({ template: template(), stage: twoRoles, customer: 'C', epic, owners: {} }).labels).toEqual(['onboarding-stage']);
    expect(
      renderStageIssue({ template: template(), stage: twoRoles, customer: 'C', epic, owners: {}, labels: ['stage', 'stage: active'] }).labels,
    ).toEqual(['stage', 'stage: active']);
  });

  it('shortens a long EPIC title so the whole title fits GitHub’s limit and the stage stays readable', () => {
    const long = { number: 12, title: `[Managed Services Onboarding] ${'Contoso '.repeat(40)}` };
    const { title } = renderStageIssue({ template: template(), stage: twoRoles, customer: 'C', epic: long, owners: {} });
    expect([...title].length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.endsWith('… · Stage 1: Access and tenant details')).toBe(true);
  });

  it('says when the stage has no checklist', () => {
    const empty = stage('\n\n', []);
    const issue = renderStageIssue({ template: template(), stage: empty, customer: 'C', epic, owners: {} });
    expect(issue.body).toContain('_This stage has no checklist._');
    expect(issue.assignees).toEqual([]);
  });
});

describe('renderStageIssue on a parsed template', () => {
  const SOURCE = `---
name: Footnoted
about: v2026.01 footnotes everywhere
title: "[Footnoted] %customer%"
---
### Stage 1: Access
- [ ] Engineer >> Store the keys in the vault[^vault]
- [ ] CSM >> Share the portal[^portal] link

### Stage 2: Welcome
- [ ] CSM >> Show the portal[^portal] again
   - [ ] CSM >> Note questions for the engineer

---
[^vault]: [Vault](https://vault.example.com)
[^portal]: [Portal](https://portal.example.com)
`;

  it('keeps every footnote reference of every stage working, and every item', () => {
    const parsed = parseTemplate(SOURCE, { file: 'footnoted.md' });
    expect(parsed.errors).toEqual([]);
    const template = parsed.template!;
    for (const stage of template.stages) {
      const issue = renderStageIssue({ template, stage, customer: 'C', epic, owners: { CSM: ['alice'], Engineer: ['eve'] } });
      const referenced = new Set<string>();
      const defined = new Set<string>();
      visit(remark().use(remarkGfm).parse(issue.body) as Root, (node) => {
        if (node.type === 'footnoteReference') referenced.add(node.identifier);
        if (node.type === 'footnoteDefinition') defined.add(node.identifier);
      });
      expect([...referenced].sort()).toEqual([...defined].sort());
      // Rendered footnote references are not text: the task texts read without them.
      const written = stage.items.map((i) => `${i.role} >> ${i.text}`.replace(/\[\^\w+\]/g, ''));
      expect(tasks(issue.body).map((t) => t.text)).toEqual(written);
    }
  });
});

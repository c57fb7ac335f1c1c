/**
 * The line scan on the bodies that matter: every stage issue Embark renders from the bundled
 * templates and from the template fixtures, fresh and with boxes ticked. Where the scan accepts
 * a body, its items equal the full reader's; on the bundled templates it must accept every
 * body, or it saves nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { sharedParseCache } from '../../src/checklist/parse-cache.js';
import { scanChecklist } from '../../src/checklist/scan.js';
import { itemReaderFor, readStageItems } from '../../src/onboarding/items.js';
import { roleAliases } from '../../src/onboarding/start.js';
import { renderStageIssue } from '../../src/render/stage-issue.js';
import { parseIssueBody, parseTemplate, type Template } from '../../src/template/index.js';

const TEMPLATES = resolve('templates');
const FIXTURES = resolve('test/template/fixtures');

interface StageBody {
  name: string;
  body: string;
  state: { roleAliases: Record<string, string[]>; optional: string[]; template: { name: string; version: string | null; file: null } };
}

/** The stage issue bodies of one template file, as Embark opens them for customer "Contoso". */
function stageBodies(name: string, path: string): StageBody[] {
  const parsed = parseTemplate(readFileSync(path, 'utf8'));
  const template = parsed.template;
  if (!parsed.ok || !template) return [];
  const epicBody = template.body ?? '';
  const fromEpic: Template = parseIssueBody(epicBody, template).template ?? template;
  const state = { roleAliases: roleAliases(template), optional: template.settings.optional, template: { name: template.name, version: template.version, file: null } };
  return fromEpic.stages.map((stage) => ({
    name: `${name} / ${stage.key}`,
    body: renderStageIssue({ template: fromEpic, stage, customer: 'Contoso', epic: { number: 7, title: `[${template.name}] Contoso` }, owners: { CSM: ['alice'] }, source: epicBody }).body,
    state,
  }));
}

const tick = (body: string, every: number): string => {
  let out = body;
  readTasks(body).forEach((t, i) => {
    if (i % every === 0) out = `${out.slice(0, t.checkboxOffset)}x${out.slice(t.checkboxOffset + 1)}`;
  });
  return out;
};

const bundled = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.md'))
  .flatMap((f) => stageBodies(f, join(TEMPLATES, f)));
const fixtures = readdirSync(FIXTURES).flatMap((dir) => stageBodies(dir, join(FIXTURES, dir, 'template.md')));

const variants = (body: string): string[] => [body, tick(body, 2), tick(body, 1), body.replace(/\n/g, '\r\n')];

describe('the line scan on rendered stage issues', () => {
  it('accepts every stage body of every bundled template, fresh, ticked and with CRLF line ends', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(20);
    const refused = bundled.flatMap((s) => variants(s.body).filter((body) => scanChecklist(body) === null).map(() => s.name));
    expect(refused).toEqual([]);
  });

  it("gives the full reader's items for them, and the reader then parses nothing", () => {
    for (const s of bundled) {
      for (const body of variants(s.body)) {
        const before = sharedParseCache.stats();
        const items = itemReaderFor(s.state, { scan: true })(body);
        const after = sharedParseCache.stats();
        expect({ parses: after.fullParses - before.fullParses, lookups: after.hits - before.hits }).toEqual({ parses: 0, lookups: 0 });
        expect(items.length).toBeGreaterThan(0);
        expect(items).toEqual(readStageItems(body, s.state));
      }
    }
  });

  it("agrees with the full reader wherever it accepts a fixture template's stage body", () => {
    let accepted = 0;
    for (const s of fixtures) {
      for (const body of variants(s.body)) {
        if (scanChecklist(body) === null) continue;
        accepted++;
        expect({ name: s.name, items: itemReaderFor(s.state, { scan: true })(body) }).toEqual({ name: s.name, items: readStageItems(body, s.state) });
      }
    }
    // Most fixtures are ordinary templates: a scan that refused them all would save nothing.
    expect(accepted).toBeGreaterThan(fixtures.length * 2);
  });
});

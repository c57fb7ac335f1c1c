/**
 * What a report over many onboardings costs, counted, not timed: the stage issue bodies Embark
 * renders from the bundled templates are read by the line scan, so building every row and the
 * KPIs runs the markdown parser zero times, and the progress counted is the templates' items.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { sharedParseCache } from '../../src/checklist/parse-cache.js';
import { roleAliases } from '../../src/onboarding/start.js';
import { type StoredState, storedStateSchema } from '../../src/onboarding/state.js';
import { buildReport } from '../../src/portfolio/report.js';
import { onboardingEntry, type PortfolioSource } from '../../src/portfolio/row.js';
import { renderStageIssue } from '../../src/render/stage-issue.js';
import { parseTemplate, type Template } from '../../src/template/index.js';
import { calendarFrom } from './support.js';

const TEMPLATES = resolve('templates');
const NOW = new Date('2026-11-25T09:00:00Z');

const templates = new Map<string, Template>();
function templateOf(file: string): Template {
  if (!templates.has(file)) templates.set(file, parseTemplate(readFileSync(join(TEMPLATES, file), 'utf8')).template!);
  return templates.get(file)!;
}

/** One onboarding of `file` for customer `i`: its stored state and its search-page entry, with `ticked` boxes per stage. */
function onboardingOf(file: string, i: number, ticked: number): { state: StoredState; source: PortfolioSource; items: number } {
  const template = templateOf(file);
  const epic = 1000 + i;
  let items = 0;
  const stages = template.stages.map((stage, k) => {
    let body = renderStageIssue({ template, stage, customer: `Customer ${i}`, epic: { number: epic, title: `Customer ${i}` }, owners: { CSM: ['alice'] }, source: template.body }).body;
    const boxes = readTasks(body).map((t) => t.checkboxOffset);
    items += boxes.length;
    for (const at of boxes.slice(0, ticked)) body = `${body.slice(0, at)}x${body.slice(at + 1)}`;
    return { key: stage.key, title: stage.title, number: 100 * epic + k, body };
  });
  const state = storedStateSchema.parse({
    v: 1,
    epic,
    template: { name: template.name, version: template.version, file: `bundled:${file}` },
    customer: `Customer ${i}`,
    startedAt: '2026-11-16T09:00:00Z',
    roles: { CSM: ['alice'] },
    roleAliases: roleAliases(template),
    optional: template.settings.optional,
    targetDays: 15,
    stages: stages.map((s, k) => ({ key: s.key, title: s.title, number: k, issue: s.number, dueDays: 5, startedAt: k === 0 ? '2026-11-16T09:00:00Z' : null, completedAt: null, reopened: false })),
    blocked: null,
    cancelled: null,
    completedAt: null,
    log: [],
  });
  const source: PortfolioSource = {
    owner: 'acme',
    repo: 'onboarding',
    epic,
    url: `https://github.com/acme/onboarding/issues/${epic}`,
    state: 'open',
    stateReason: null,
    closedAt: null,
    stages: stages.map((s) => ({ number: s.number, body: s.body, state: 'open' })),
  };
  return { state, source, items };
}

describe('a report over the onboardings of every bundled template', () => {
  it('parses no markdown at all, and counts every item of every stage', () => {
    const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.md'));
    const onboardings = Array.from({ length: 100 }, (_, i) => onboardingOf(files[i % files.length]!, i, i % 3));
    // Stage bodies an earlier test may have parsed would hide parses behind cache hits.
    sharedParseCache.clear();
    const before = sharedParseCache.stats();
    const calendar = calendarFrom();
    const entries = onboardings.map((o) => onboardingEntry({ source: o.source, state: o.state, calendar, now: NOW }));
    const report = buildReport({ entries, now: NOW });
    const after = sharedParseCache.stats();
    expect({ parses: after.fullParses - before.fullParses, cacheLookups: after.hits - before.hits }).toEqual({ parses: 0, cacheLookups: 0 });
    expect(report.onboardings).toHaveLength(100);
    expect(report.onboardings.map((r) => r.progress.total)).toEqual(onboardings.map((o) => o.items));
    expect(report.onboardings.map((r) => r.progress.done)).toEqual(onboardings.map((o, i) => ticks(o, i % 3)));
  });
});

/** Boxes ticked across the stages of one onboarding when `perStage` are ticked in each. */
function ticks(o: { source: PortfolioSource }, perStage: number): number {
  return o.source.stages.reduce((n, s) => n + Math.min(perStage, readTasks(s.body).length), 0);
}

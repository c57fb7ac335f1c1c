/**
 * `/upgrade` on an onboarding whose template has a stage graph and `when:` conditions (issue 20
 * meets issue 21): the upgrade reads the customer's intake fields as the start did, so what was
 * left out stays out, and a new stage takes its place in the graph.
 */
import { describe, expect, it } from '@jest/globals';
import { itemReaderFor } from '../../src/onboarding/items.js';
import { planStart } from '../../src/onboarding/start.js';
import { linkStagesInEpicBody } from '../../src/render/epic-body.js';
import { createCalendar } from '../../src/schedule/index.js';
import { evaluateVariants } from '../../src/template/conditions.js';
import { parseIssueBody, parseTemplate, type Template } from '../../src/template/index.js';
import { at, config, epicIssue, stageIssueFrom, step, T0, type World } from './fixture.js';
import { checklists, upgrade } from './upgrade-world.js';

const V1 = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
onboarding:
  roles:
    CSM: []
    Engineer: []
  items:
    portal tour: { when: { Tier: Premium } }
  stages:
    "2": { when: { Tier: Premium } }
---
### Description
- Tier: \`xxx\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal tour given

### Stage 2: Premium setup
- [ ] Engineer >> Monitoring enabled
`;

/** V2: an item in an applicable stage and one in the left-out stage, a Premium-only stage, and a stage after Access only. */
const V2 = V1.replace('about: v2026.11', 'about: v2027.01')
  .replace('    "2": { when: { Tier: Premium } }', '    "2": { when: { Tier: Premium } }\n    "3": { when: { Tier: Premium } }\n    "4": { after: [1], deadline: 10 }')
  .replace('- [ ] CSM >> Portal tour given', '- [ ] CSM >> Portal tour given\n- [ ] Engineer >> Access reviewed')
  .replace(
    '- [ ] Engineer >> Monitoring enabled\n',
    '- [ ] Engineer >> Monitoring enabled\n- [ ] Engineer >> Alerts tuned\n\n### Stage 3: Premium review\n- [ ] CSM >> Quarterly review booked\n\n### Stage 4: Handover\n- [ ] CSM >> Handover call held\n',
  );

function parsed(text: string): Template {
  const result = parseTemplate(text, { file: '.github/ISSUE_TEMPLATE/msp.md' });
  if (!result.ok || !result.template) throw new Error(JSON.stringify(result.errors));
  return result.template;
}

/** A CSP customer started from V1: Stage 2 and the portal tour left out. */
function cspWorld(): World {
  const template = parsed(V1);
  const cfg = config();
  const body = template.body!.replace('- Tier: `xxx`', '- Tier: `CSP`');
  const epic = epicIssue(body);
  const filled = parseIssueBody(body, template).template!;
  const { applies } = evaluateVariants(filled.stages, filled.fields);
  const plan = planStart({ template, templateFile: '.github/ISSUE_TEMPLATE/msp.md', stages: filled.stages, customer: 'Contoso', epic, existing: [], config: cfg, now: T0, fields: filled.fields, applies });
  const stageIssues = plan.specs.map((spec, n) => stageIssueFrom(spec, 2 + n));
  for (const s of plan.state.stages) s.issue = stageIssues.find((i) => i.stageKey === s.key)?.number ?? null;
  epic.body = linkStagesInEpicBody({ body, stages: filled.stages, links: stageIssues.map((i) => ({ stageKey: i.stageKey, issueNumber: i.number, done: false })) });
  const world: World = {
    template, config: cfg, calendar: createCalendar(cfg.calendar),
    snapshot: { repo: { owner: 'acme', name: 'onboarding', nodeId: 'R_1' }, epic, stageIssues, otherSubIssues: [], statusComment: null, epicNotices: [] },
    state: plan.state, readItems: itemReaderFor(plan.state), nextId: 500,
  };
  step(world, { type: 'recompute' }, T0);
  return world;
}

describe('/upgrade with a stage graph and when: conditions', () => {
  it('the start left out Stage 2 and the portal tour for a CSP customer', () => {
    const world = cspWorld();
    expect(world.state.stages.map((s) => [s.key, s.issue, s.applicable ?? true])).toEqual([['stage-0', 2, true], ['stage-1', 3, true], ['stage-2', null, false]]);
    expect(checklists(world)).toEqual(['#2 [ ] CSM >> Signed agreement received', '#3 [ ] Engineer >> Admin access granted']);
  });

  it('adds what applies, leaves out what does not, and places a new stage in the graph', () => {
    const world = cspWorld();
    const template = parsed(V2);
    const preview = upgrade(world, '/upgrade', template, { now: at(1) })[0]!;
    expect(preview.ok).toBe(true);
    expect(preview.text).toContain('“Access reviewed”');
    expect(preview.text).toContain('Stage 4: Handover');
    // Neither the item left out by its when: nor the Premium-only stage is offered to a CSP customer.
    expect(preview.text).not.toContain('Portal tour given');
    expect(preview.text).not.toContain('Premium review');

    const applied = upgrade(world, '/upgrade confirm', template, { now: at(2) })[0]!;
    expect(applied.ok).toBe(true);
    expect(checklists(world)).toEqual([
      '#2 [ ] CSM >> Signed agreement received',
      '#3 [ ] Engineer >> Admin access granted',
      '#3 [ ] Engineer >> Access reviewed',
      '#100 [ ] CSM >> Handover call held',
    ]);
    const stages = Object.fromEntries(world.state.stages.map((s) => [s.key, s]));
    // The left-out stage keeps no issue; the new Premium-only stage is recorded as not applicable (`/replan` adds it later).
    expect(stages['stage-2']).toMatchObject({ issue: null, applicable: false });
    expect(stages['stage-3']).toMatchObject({ issue: null, applicable: false, addedAt: at(2) });
    expect(stages['stage-4']).toMatchObject({ issue: 100, after: ['stage-1'], deadlineDays: 10, addedAt: at(2) });
    const handover = world.snapshot.stageIssues.find((i) => i.stageKey === 'stage-4')!;
    expect(handover.body).toContain('**Starts after:** Stage 1: Access.');

    const before = checklists(world);
    expect(upgrade(world, '/upgrade', template, { now: at(3) })[0]!.text).toContain('Already up to date');
    expect(checklists(world)).toEqual(before);
  });
});

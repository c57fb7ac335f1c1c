/**
 * planStart(), ownersByRole() and withOwnerOverrides(), row by row: which stage issues a start
 * plans, with which labels and assignees, and the state it begins from.
 */
import { describe, expect, it } from '@jest/globals';
import type { EmbarkConfig } from '../../src/config.js';
import { ownersByRole, planStart, withOwnerOverrides } from '../../src/onboarding/start.js';
import { config, epicIssue, ISSUE, parsedTemplate, stageIssueFrom, T0 } from './fixture.js';

interface Row {
  name: string;
  /** Stage keys whose issues already exist (an earlier start was cut short). */
  existing?: (keyof typeof ISSUE)[];
  owners?: Record<string, string[]> | null;
  config?: Record<string, unknown>;
  /** Per spec: stage key, labels, assignees. */
  specs: [string, string[], string[]][];
  roles: Record<string, string[]>;
  issues: (number | null)[];
  sent: string[];
}

const rows: Row[] = [
  {
    name: 'a fresh start: every stage planned, the first active and the rest pending, owners assigned',
    specs: [
      ['stage-0', ['onboarding-stage', 'stage: active'], ['alice']],
      ['stage-1', ['onboarding-stage', 'stage: pending'], ['bob', 'carol', 'alice']],
      ['stage-2', ['onboarding-stage', 'stage: pending'], ['bob', 'carol']],
    ],
    roles: { CSM: ['alice'], Engineer: ['bob', 'carol'] },
    issues: [null, null, null],
    sent: ['activate:stage-0'],
  },
  {
    name: 'half started: only the missing stages are planned, existing issue numbers are kept',
    existing: ['stage-0', 'stage-2'],
    specs: [['stage-1', ['onboarding-stage', 'stage: pending'], ['bob', 'carol', 'alice']]],
    roles: { CSM: ['alice'], Engineer: ['bob', 'carol'] },
    issues: [2, null, 4],
    sent: ['activate:stage-0'],
  },
  {
    name: 'owner overrides replace the configured owners of the roles they name (any case), and only those',
    owners: { engineer: ['dave'] },
    specs: [
      ['stage-0', ['onboarding-stage', 'stage: active'], ['alice']],
      ['stage-1', ['onboarding-stage', 'stage: pending'], ['dave', 'alice']],
      ['stage-2', ['onboarding-stage', 'stage: pending'], ['dave']],
    ],
    roles: { CSM: ['alice'], Engineer: ['dave'] },
    issues: [null, null, null],
    sent: ['activate:stage-0'],
  },
  {
    name: 'a role with nobody configured stays in the state, empty, and nobody is assigned for it',
    config: { roles: { CSM: ['alice'] } },
    specs: [
      ['stage-0', ['onboarding-stage', 'stage: active'], ['alice']],
      ['stage-1', ['onboarding-stage', 'stage: pending'], ['alice']],
      ['stage-2', ['onboarding-stage', 'stage: pending'], []],
    ],
    roles: { CSM: ['alice'], Engineer: [] },
    issues: [null, null, null],
    sent: ['activate:stage-0'],
  },
  {
    name: 'a role with nobody configured stays in the state, empty; a config role spelt in another case is the template role',
    config: { roles: { csm: ['alice'], Sales: ['erin'] } },
    specs: [
      ['stage-0', ['onboarding-stage', 'stage: active'], ['alice']],
      ['stage-1', ['onboarding-stage', 'stage: pending'], ['alice']],
      ['stage-2', ['onboarding-stage', 'stage: pending'], []],
    ],
    roles: { CSM: ['alice'], Engineer: [], Sales: ['erin'] },
    issues: [null, null, null],
    sent: ['activate:stage-0'],
  },
];

describe('planStart, row by row', () => {
  const check = (row: Row) => {
    const template = parsedTemplate();
    const cfg: EmbarkConfig = config(row.config);
    const full = planStart({ template, templateFile: 'msp.md', stages: template.stages, customer: 'Contoso', epic: epicIssue(template.body!), existing: [], config: cfg, now: T0 });
    const existing = (row.existing ?? []).map((k) => stageIssueFrom(full.specs.find((s) => s.stageKey === k)!, ISSUE[k]));
    const plan = planStart({
      template, templateFile: 'msp.md', stages: template.stages, customer: 'Contoso', epic: epicIssue(template.body!), existing, config: cfg, now: T0, owners: row.owners,
    });

    expect(plan.specs.map((s) => [s.stageKey, s.labels, s.assignees])).toEqual(row.specs);
    for (const spec of plan.specs) {
      expect(spec.title).toMatch(/^\[Managed Services Onboarding\] Contoso · Stage \d: /);
      expect(spec.body).toContain('<!-- embark:stage {"epic":1,');
    }
    expect(plan.state.roles).toEqual(row.roles);
    expect(plan.state.stages.map((s) => s.issue)).toEqual(row.issues);
    expect(plan.state.sent).toEqual(row.sent);
    expect(plan.state).toMatchObject({
      epic: 1,
      customer: 'Contoso',
      startedAt: T0,
      template: { name: 'Managed Services Onboarding', version: 'v2026.11', file: 'msp.md' },
      roleAliases: { CSM: ['Customer Success'], Engineer: [] },
      optional: ['nice to have'],
      targetDays: 15,
      checkins: [30],
      checkinItems: ['Ask how the first month went'],
      blocked: null,
      cancelled: null,
      completedAt: null,
      log: [{ at: T0, actor: 'embark', text: 'onboarding started from “Managed Services Onboarding”', key: 'started' }],
    });
    expect(plan.state.stages.map((s) => [s.key, s.title, s.number, s.dueDays, s.startedAt, s.completedAt])).toEqual([
      ['stage-0', 'Stage 0: Agreement', 0, 5, null, null],
      ['stage-1', 'Stage 1: Access', 1, 5, null, null],
      ['stage-2', 'Stage 2: Setup', 2, 5, null, null],
    ]);
  };
  // A config role spelled in another case is the template's role, kept once under its spelling
  // (it used to be stored twice, and `/unassign` then left the other copy naming people).
  it.each(rows)('$name', check);
});

describe('ownersByRole and withOwnerOverrides', () => {
  const template = parsedTemplate();
  interface OwnersRow {
    name: string;
    roles: Record<string, string[]>;
    overrides: Record<string, string[]> | null;
    want: Record<string, string[]>;
  }
  const run = ({ roles, overrides, want }: OwnersRow) => {
    const owners = ownersByRole(template, config({ roles }));
    expect(withOwnerOverrides(owners, overrides)).toEqual(want);
    // The input is not changed.
    expect(withOwnerOverrides(owners, { CSM: ['zed'] })).not.toBe(owners);
    expect(owners).toEqual(ownersByRole(template, config({ roles })));
  };
  // The same, at its source.
  it.each<OwnersRow>([
    { name: 'config roles match template roles case-insensitively, under the template spelling only', roles: { csm: ['alice'], ENGINEER: ['bob'] }, overrides: null, want: { CSM: ['alice'], Engineer: ['bob'] } },
  ])('$name', run);
  it.each<OwnersRow>([
    { name: 'config roles the template lacks are kept', roles: { CSM: ['alice'], Sales: ['erin'] }, overrides: null, want: { CSM: ['alice'], Engineer: [], Sales: ['erin'] } },
    { name: 'an override replaces, it does not add', roles: { CSM: ['alice'], Engineer: ['bob', 'carol'] }, overrides: { csm: ['dave'] }, want: { CSM: ['dave'], Engineer: ['bob', 'carol'] } },
    { name: 'an override for an unknown role adds that role', roles: { CSM: ['alice'] }, overrides: { Legal: ['erin'] }, want: { CSM: ['alice'], Engineer: [], Legal: ['erin'] } },
    { name: 'an empty override clears the role', roles: { CSM: ['alice'] }, overrides: { CSM: [] }, want: { CSM: [], Engineer: [] } },
  ])('$name', run);
});

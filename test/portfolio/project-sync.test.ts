/**
 * What the project sync decides (pure): current items and rows in, one action per EPIC that is
 * missing or differs (naming only the fields that differ) and warnings for what the project lacks.
 */
import { describe, expect, it } from '@jest/globals';
import { type ProjectSnapshot, planProjectSync, projectSyncNotice } from '../../src/portfolio/project-sync.js';
import type { OnboardingRow } from '../../src/portfolio/row.js';

const OPTIONS = [
  { id: 'o-active', name: 'Active' },
  { id: 'o-blocked', name: 'BLOCKED' },
  { id: 'o-overdue', name: 'Overdue' },
  { id: 'o-completed', name: 'Completed' },
  { id: 'o-cancelled', name: 'Cancelled' },
];

const FIELDS = [
  { id: 'f-title', name: 'Title', dataType: 'TEXT' },
  { id: 'f-status', name: 'Status', dataType: 'SINGLE_SELECT', options: OPTIONS },
  { id: 'f-stage', name: 'Stage', dataType: 'TEXT' },
  { id: 'f-due', name: 'due', dataType: 'DATE' },
  { id: 'f-owner', name: 'Owner', dataType: 'TEXT' },
  { id: 'f-customer', name: 'Customer', dataType: 'TEXT' },
];

function row(patch: Partial<OnboardingRow> = {}): OnboardingRow {
  return {
    repo: 'acme/onboarding',
    epic: 1,
    url: 'https://github.com/acme/onboarding/issues/1',
    customer: 'Contoso',
    template: 'Managed Services Onboarding',
    templateVersion: 'v2026.11',
    status: 'active',
    stage: { index: 1, title: 'Stage 1: Access' },
    progress: { done: 1, total: 5 },
    owners: { Engineer: ['bob', 'carol'], CSM: ['alice', 'bob'] },
    startedAt: '2026-11-02T09:00:00Z',
    dueAt: '2026-11-23T23:30:00Z',
    completedAt: null,
    onTime: null,
    businessDaysOpen: 3,
    businessDaysBlocked: 0,
    survey: { answers: 0, satisfied: 0, averageScore: null, latestScore: null, latestCheckin: null },
    forecastAt: null,
    slipDays: null,
    templateFingerprint: null,
    ...patch,
  };
}

/** The values a synced item of `row()` holds (the due date is local to Amsterdam: the next day). */
const SYNCED = { 'f-title': 'EPIC title', 'f-status': 'o-active', 'f-stage': 'Stage 1: Access', 'f-due': '2026-11-24', 'f-owner': 'bob, carol, alice', 'f-customer': 'Contoso' };

function project(values: Record<string, string> | null, fields = FIELDS): ProjectSnapshot {
  return {
    id: 'P1',
    name: 'acme/7',
    fields,
    items: [
      { id: 'item-other', repo: 'acme/elsewhere', number: 1, values: { 'f-status': 'o-blocked' } },
      ...(values ? [{ id: 'item-1', repo: 'ACME/onboarding', number: 1, values }] : []),
    ],
  };
}

const amsterdam = (iso: string) => new Date(new Date(iso).getTime() + 3_600_000).toISOString().slice(0, 10);

function plan(p: ProjectSnapshot, r: OnboardingRow = row(), contentIds: Record<number, string> = { 1: 'I_1' }) {
  return planProjectSync({ project: p, rows: [r], contentIds, localDate: amsterdam });
}

describe('planProjectSync', () => {
  const cases: { name: string; project: ProjectSnapshot; row?: OnboardingRow; actions: unknown[]; warnings?: RegExp[] }[] = [
    { name: 'an item that matches: no action', project: project(SYNCED), actions: [] },
    {
      name: 'a changed stage: one action with only that field',
      project: project(SYNCED),
      row: row({ stage: { index: 2, title: 'Stage 2: Setup' } }),
      actions: [{ kind: 'syncProjectItem', projectId: 'P1', epic: 1, target: { itemId: 'item-1' }, fields: [{ fieldId: 'f-stage', name: 'Stage', value: { text: 'Stage 2: Setup' } }] }],
    },
    {
      name: 'a changed status maps to the option of that name, case aside',
      project: project(SYNCED),
      row: row({ status: 'blocked' }),
      actions: [{ kind: 'syncProjectItem', projectId: 'P1', epic: 1, target: { itemId: 'item-1' }, fields: [{ fieldId: 'f-status', name: 'Status', value: { singleSelectOptionId: 'o-blocked' } }] }],
    },
    {
      name: 'a completed onboarding: status set, stage and owners that went away are cleared',
      project: project(SYNCED),
      row: row({ status: 'completed', stage: null, owners: {} }),
      actions: [
        {
          kind: 'syncProjectItem',
          projectId: 'P1',
          epic: 1,
          target: { itemId: 'item-1' },
          fields: [
            { fieldId: 'f-status', name: 'Status', value: { singleSelectOptionId: 'o-completed' } },
            { fieldId: 'f-stage', name: 'Stage', value: null },
            { fieldId: 'f-owner', name: 'Owner', value: null },
          ],
        },
      ],
    },
    {
      name: 'a value someone changed by hand is put back',
      project: project({ ...SYNCED, 'f-customer': 'Contoso Ltd (typo)' }),
      actions: [{ kind: 'syncProjectItem', projectId: 'P1', epic: 1, target: { itemId: 'item-1' }, fields: [{ fieldId: 'f-customer', name: 'Customer', value: { text: 'Contoso' } }] }],
    },
    {
      name: 'a missing item: added with every field',
      project: project(null),
      actions: [
        {
          kind: 'syncProjectItem',
          projectId: 'P1',
          epic: 1,
          target: { contentId: 'I_1' },
          fields: [
            { fieldId: 'f-status', name: 'Status', value: { singleSelectOptionId: 'o-active' } },
            { fieldId: 'f-stage', name: 'Stage', value: { text: 'Stage 1: Access' } },
            { fieldId: 'f-due', name: 'due', value: { date: '2026-11-24' } },
            { fieldId: 'f-owner', name: 'Owner', value: { text: 'bob, carol, alice' } },
            { fieldId: 'f-customer', name: 'Customer', value: { text: 'Contoso' } },
          ],
        },
      ],
    },
    {
      name: 'a missing item with no due date: the empty fields are not written',
      project: project(null),
      row: row({ dueAt: null, owners: {} }),
      actions: [
        {
          kind: 'syncProjectItem',
          projectId: 'P1',
          epic: 1,
          target: { contentId: 'I_1' },
          fields: [
            { fieldId: 'f-status', name: 'Status', value: { singleSelectOptionId: 'o-active' } },
            { fieldId: 'f-stage', name: 'Stage', value: { text: 'Stage 1: Access' } },
            { fieldId: 'f-customer', name: 'Customer', value: { text: 'Contoso' } },
          ],
        },
      ],
    },
    {
      name: 'a missing status option: a warning, the status left alone, the rest synced',
      project: project(SYNCED, FIELDS.map((f) => (f.id === 'f-status' ? { ...f, options: OPTIONS.filter((o) => o.id !== 'o-overdue') } : f))),
      row: row({ status: 'overdue', stage: { index: 2, title: 'Stage 2: Setup' } }),
      actions: [{ kind: 'syncProjectItem', projectId: 'P1', epic: 1, target: { itemId: 'item-1' }, fields: [{ fieldId: 'f-stage', name: 'Stage', value: { text: 'Stage 2: Setup' } }] }],
      warnings: [/project acme\/7: the Status field has no option "overdue"/],
    },
    {
      name: 'a missing field and one of the wrong type: warnings, the others synced',
      project: project(SYNCED, FIELDS.filter((f) => f.name !== 'Owner').map((f) => (f.name === 'due' ? { ...f, dataType: 'TEXT' } : f))),
      row: row({ customer: 'Contoso BV' }),
      actions: [{ kind: 'syncProjectItem', projectId: 'P1', epic: 1, target: { itemId: 'item-1' }, fields: [{ fieldId: 'f-customer', name: 'Customer', value: { text: 'Contoso BV' } }] }],
      warnings: [/field "due" is text, Embark needs date/, /has no field "Owner" \(text\)/],
    },
  ];

  it.each(cases)('$name', (c) => {
    const result = plan(c.project, c.row);
    expect(result.actions).toEqual(c.actions);
    expect(result.warnings).toHaveLength(c.warnings?.length ?? 0);
    for (const w of c.warnings ?? []) expect(result.warnings.some((x) => w.test(x))).toBe(true);
  });

  it('never touches items of other issues, and skips an EPIC whose node id is unknown', () => {
    const result = plan(project(null), row(), {});
    expect(result.actions).toEqual([]);
  });

  it('warns once per missing option, however many onboardings have that status', () => {
    const noBlocked = FIELDS.map((f) => (f.id === 'f-status' ? { ...f, options: OPTIONS.filter((o) => o.id !== 'o-blocked') } : f));
    const rows = [1, 2, 3].map((epic) => row({ epic, status: 'blocked' }));
    const result = planProjectSync({ project: project(null, noBlocked), rows, contentIds: { 1: 'I_1', 2: 'I_2', 3: 'I_3' }, localDate: amsterdam });
    expect(result.actions).toHaveLength(3);
    expect(result.warnings).toEqual(['project acme/7: the Status field has no option "blocked": add it to show blocked onboardings (Status left as it was)']);
  });
});

describe('projectSyncNotice', () => {
  it('is empty without warnings, a GitHub warning alert listing them otherwise', () => {
    expect(projectSyncNotice([])).toBe('');
    expect(projectSyncNotice(['one', 'two'])).toBe('\n> [!WARNING]\n> **GitHub Project sync:**\n> - one\n> - two\n');
  });
});

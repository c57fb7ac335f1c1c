/** A small onboarding as plain data (snapshot, stored state, stage views) for the pure tests. */
import { defaultConfig, type EmbarkConfig } from '../../src/config.js';
import { calendarFor, dueInfo } from '../../src/onboarding/due.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import type { IssueSnapshot, OnboardingSnapshot, StageIssueSnapshot } from '../../src/onboarding/snapshot.js';
import { type StoredState, storedStateSchema } from '../../src/onboarding/state.js';
import { deriveStages } from '../../src/onboarding/view.js';
import { buildStatusView } from '../../src/status-page/view-model.js';

export const NOW = new Date('2026-11-25T10:00:00Z');

function issue(number: number, title: string, body: string, state: 'open' | 'closed'): IssueSnapshot {
  return {
    number,
    nodeId: `I_${number}`,
    databaseId: 1000 + number,
    title,
    body,
    state,
    stateReason: state === 'closed' ? 'completed' : null,
    createdAt: '2026-11-23T09:00:00Z',
    closedAt: state === 'closed' ? '2026-11-24T09:00:00Z' : null,
    assignees: [],
    labels: [],
  };
}

export interface FixtureOptions {
  customer?: string;
  stage1Items?: string[];
  config?: Partial<EmbarkConfig['statusPage']>;
  customerItems?: string[];
  state?: Partial<StoredState>;
}

/** Stage 0 done, stage 1 active (a customer item, a CSM item, an engineer item), stage 2 pending. */
export function fixture(options: FixtureOptions = {}) {
  const stage1 = options.stage1Items ?? ['Customer >> Confirm the go-live date', 'CSM >> Book the kickoff call', 'Engineer >> Grant admin access in the tenant'];
  const bodies = {
    'stage-0': '### Stage 0: Agreement\n- [x] CSM >> Signed agreement received\n',
    'stage-1': `### Stage 1: Access\n${stage1.map((t) => `- [ ] ${t}`).join('\n')}\n`,
    'stage-2': '### Stage 2: Go-live\n- [ ] Client >> Sign off the onboarding\n- [ ] Engineer >> Monitoring enabled\n',
  };
  const stageIssues: StageIssueSnapshot[] = [
    { ...issue(2, 'Contoso · Stage 0: Agreement', bodies['stage-0'], 'closed'), stageKey: 'stage-0', comments: [] },
    { ...issue(3, 'Contoso · Stage 1: Access', bodies['stage-1'], 'open'), stageKey: 'stage-1', comments: [] },
    { ...issue(4, 'Contoso · Stage 2: Go-live', bodies['stage-2'], 'open'), stageKey: 'stage-2', comments: [] },
  ];
  const snapshot: OnboardingSnapshot = {
    repo: { owner: 'acme', name: 'onboarding', nodeId: 'R_1' },
    epic: issue(1, `[Onboarding] ${options.customer ?? 'Contoso'}`, 'epic body', 'open'),
    stageIssues,
    otherSubIssues: [],
    statusComment: null,
    epicNotices: [],
  };
  const state = storedStateSchema.parse({
    v: 1,
    epic: 1,
    template: { name: 'Managed Services Onboarding', version: null, file: 'msp.md' },
    customer: options.customer ?? 'Contoso',
    startedAt: '2026-11-23T09:00:00Z',
    roles: { CSM: ['alice'], Engineer: ['bob'], Customer: [] },
    roleAliases: { CSM: [], Engineer: [], Customer: [], Client: [] },
    targetDays: 15,
    stages: [
      { key: 'stage-0', title: 'Stage 0: Agreement', number: 0, issue: 2, dueDays: 2, startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-11-24T09:00:00Z' },
      { key: 'stage-1', title: 'Stage 1: Access', number: 1, issue: 3, dueDays: 3, startedAt: '2026-11-24T09:00:00Z', completedAt: null },
      { key: 'stage-2', title: 'Stage 2: Go-live', number: 2, issue: 4, dueDays: 2, startedAt: null, completedAt: null },
    ],
    log: [{ at: '2026-11-24T09:00:00Z', actor: 'alice', text: 'INTERNAL: customer is slow to pay' }],
    ...options.state,
  });
  const config: EmbarkConfig = { ...defaultConfig, statusPage: { ...defaultConfig.statusPage, ...options.config } };
  const stages = deriveStages(snapshot, state, itemReaderFor(state));
  const due = dueInfo(state, stages, calendarFor(config.calendar, new WeakMap()), NOW);
  const view = buildStatusView({ state, stages, due, settings: config.statusPage, customerItems: options.customerItems ?? [] });
  return { snapshot, state, stages, due, config, view };
}

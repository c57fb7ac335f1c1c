/**
 * One running onboarding as a row of `embark upgrade` (pure): what the template's current version
 * would change in it, planned with the same planner `/upgrade` uses, from the sweep's search page
 * (stage bodies and state), so a dry run costs no request per onboarding.
 */
import type { EmbarkConfig } from '../config.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import type { StoredState } from '../onboarding/state.js';
import { planUpgrade } from '../onboarding/upgrade-plan.js';
import type { Template } from '../template/model.js';

/** The part of a search-page entry a row is planned from. */
export interface RowSource {
  epic: number;
  url: string;
  title: string;
  state: 'open' | 'closed';
  stages: { number: number; body: string; state: 'open' | 'closed' }[];
}

/** What an upgrade of one onboarding does, counted. */
export interface UpgradeCounts {
  added: number;
  reworded: number;
  moved: number;
  marked: number;
  stagesAdded: number;
  /** Changes to stages that are done: listed in the reply only. */
  listed: number;
}

export type RowStatus = 'up-to-date' | 'would-upgrade' | 'requested' | 'failed' | 'closed';

export interface UpgradeRow {
  epic: number;
  url: string;
  customer: string;
  from: { version: string | null; fingerprint: string | null };
  to: { version: string | null; fingerprint: string };
  status: RowStatus;
  counts: UpgradeCounts;
  reason: string | null;
}

/** True when the onboarding runs `template` (from `file`, or a template of that name). */
export function runsTemplate(state: StoredState, template: Template, file: string): boolean {
  return state.template.file === file || state.template.name.toLowerCase() === template.name.toLowerCase();
}

function snapshotOf(source: RowSource, state: StoredState): OnboardingSnapshot {
  const keys = new Map(state.stages.filter((s) => s.issue !== null).map((s) => [s.issue!, s.key]));
  const issue = (number: number, title: string, body: string, st: 'open' | 'closed') => ({
    number, nodeId: '', databaseId: 0, title, body, state: st, stateReason: null, createdAt: '', closedAt: null, assignees: [], labels: [],
  });
  return {
    repo: { owner: '', name: '', nodeId: '' },
    epic: issue(source.epic, source.title, '', source.state),
    stageIssues: source.stages.filter((s) => keys.has(s.number)).map((s) => ({ ...issue(s.number, '', s.body, s.state), stageKey: keys.get(s.number)!, comments: [] })),
    otherSubIssues: [],
    statusComment: null,
    epicNotices: [],
  };
}

/** Plan the upgrade of one onboarding and count what it would do. */
export function planRow(input: { source: RowSource; state: StoredState; template: Template; file: string; config: EmbarkConfig; now: string }): UpgradeRow {
  const { source, state, template } = input;
  const base = {
    epic: source.epic,
    url: source.url,
    customer: state.customer,
    from: { version: state.template.version, fingerprint: state.template.fingerprint ?? null },
  };
  const counts: UpgradeCounts = { added: 0, reworded: 0, moved: 0, marked: 0, stagesAdded: 0, listed: 0 };
  if (state.cancelled || state.completedAt) return { ...base, to: { version: template.version, fingerprint: '' }, status: 'closed', counts, reason: 'closed' };
  const plan = planUpgrade({ state, snapshot: snapshotOf(source, state), readItems: itemReaderFor(state, { scan: true }), template, file: input.file, config: input.config, now: input.now });
  for (const note of plan.notes) {
    if (note.effect !== 'apply') counts.listed++;
    else if (note.kind === 'item-added') counts.added++;
    else if (note.kind === 'item-reworded' || note.kind === 'item-restored') counts.reworded++;
    else if (note.kind === 'item-moved') counts.moved++;
    else if (note.kind === 'item-removed') counts.marked++;
    else if (note.kind === 'stage-added') counts.stagesAdded++;
  }
  const upToDate = plan.empty && base.from.fingerprint === plan.fingerprint;
  return { ...base, to: { version: plan.version, fingerprint: plan.fingerprint }, status: upToDate ? 'up-to-date' : 'would-upgrade', counts, reason: null };
}

/**
 * Derive what each stage looks like right now from GitHub's state (issue open/closed, bodies)
 * plus Embark's stored state. Progress is always recomputed from scratch, never by adding deltas,
 * so repeated and out-of-order deliveries converge on the same view.
 */
import type { StageItem } from './items.js';
import type { OnboardingSnapshot, StageIssueSnapshot } from './snapshot.js';
import type { StageState, StoredState } from './state.js';

/** `not-applicable`: the stage's `when:` did not hold for this customer, so it has no issue. */
export type StageStatus = 'pending' | 'active' | 'reopened' | 'done' | 'missing' | 'not-applicable';

export interface StageView {
  key: string;
  title: string;
  number: number | null;
  issue: StageIssueSnapshot | null;
  status: StageStatus;
  items: StageItem[];
  /** Items that block completion: not optional and not skipped. */
  required: StageItem[];
  requiredOpen: StageItem[];
  done: number;
  total: number;
  /** Roles owning items in this stage, in first-seen order. */
  roles: string[];
  owners: Record<string, string[]>;
  unassignedRoles: string[];
  startedAt: string | null;
  completedAt: string | null;
  stored: StageState;
}

export type ItemReader = (body: string) => StageItem[];

/** Is this item skipped by `/skip`? Keys are `<stageKey>/<itemId>`. */
export function skipKey(stageKey: string, itemId: string): string {
  return `${stageKey}/${itemId}`;
}

/** Build the per-stage view in stage order. */
export function deriveStages(snapshot: OnboardingSnapshot, stored: StoredState, readItems: ItemReader): StageView[] {
  const byKey = new Map(snapshot.stageIssues.map((s) => [s.stageKey, s]));
  return stored.stages.map((stage) => {
    const issue = byKey.get(stage.key) ?? null;
    const items = issue ? readItems(issue.body) : [];
    const required = items.filter((i) => !i.optional && !stored.skipped[skipKey(stage.key, i.id)]);
    const requiredOpen = required.filter((i) => !i.checked);
    const roles = [...new Set(items.map((i) => i.role).filter((r): r is string => r !== null))];
    const owners = Object.fromEntries(roles.map((r) => [r, stored.roles[r] ?? []]));
    const status: StageStatus = stage.applicable === false
      ? 'not-applicable'
      : !issue
      ? 'missing'
      : issue.state === 'closed'
        ? 'done'
        : stage.reopened
          ? 'reopened'
          : stage.startedAt
            ? 'active'
            : 'pending';
    return {
      key: stage.key,
      title: stage.title,
      number: stage.number,
      issue,
      status,
      items,
      required,
      requiredOpen,
      done: items.filter((i) => i.checked || stored.skipped[skipKey(stage.key, i.id)]).length,
      total: items.length,
      roles,
      owners,
      unassignedRoles: roles.filter((r) => (owners[r] ?? []).length === 0),
      startedAt: stage.startedAt,
      completedAt: issue?.state === 'closed' ? (stage.completedAt ?? issue.closedAt) : null,
      stored: stage,
    };
  });
}

const finished = (s: StageView) => s.status === 'done' || s.status === 'missing' || s.status === 'not-applicable';

/**
 * Index of the frontier of the work: the first active stage (stages run side by side in a graph),
 * else the first stage that is not finished; -1 when every stage is. In a linear template this is
 * the first stage that is neither done nor missing.
 */
export function frontierIndex(stages: StageView[]): number {
  const active = stages.findIndex((s) => s.status === 'active' || s.status === 'reopened');
  return active >= 0 ? active : stages.findIndex((s) => !finished(s));
}

/**
 * What GitHub's issues say about progress, in one short string: stage status and item counts.
 * Stored in the status comment; the sweep recomputes it from its search results, and a mismatch
 * means an event was lost (GitHub never redelivers by itself) and the onboarding needs a recompute.
 */
export function progressDigest(stages: StageView[]): string {
  const text = stages.map((s) => `${s.key}:${s.status}:${s.done}/${s.total}`).join('|');
  // FNV-1a: short, stable, no crypto needed for change detection.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

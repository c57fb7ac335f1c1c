/**
 * What the customer may see of an onboarding (pure). Built from the same stage views and due
 * dates the status comment uses, then filtered: no comments, no reasons people typed, no item
 * text meant for the team (unless `statusPage.showAllItems`), no GitHub logins (unless
 * `statusPage.showOwners`). Everything the page shows comes from this object, so the tests of
 * this filter are the tests of what leaks.
 */
import type { EmbarkConfig } from '../config.js';
import { isCustomerItem } from '../onboarding/customer-items.js';
import type { DueInfo } from '../onboarding/due.js';
import type { StoredState } from '../onboarding/state.js';
import { frontierIndex, type StageView, skipKey } from '../onboarding/view.js';

export type PageStageStatus = 'done' | 'in-progress' | 'not-started' | 'unavailable' | 'not-applicable';
export type PageItemState = 'done' | 'open' | 'not-needed';

export interface PageStage {
  key: string;
  title: string;
  status: PageStageStatus;
  /** ISO instant, or null when the stage has no due date (not started, or none set). */
  dueAt: string | null;
  overdue: boolean;
  done: number;
  total: number;
}

export interface PageItem {
  /** `<stageKey>/<itemId>`: what the sign-off form names. */
  key: string;
  stageTitle: string;
  text: string;
  role: string | null;
  state: PageItemState;
  /** True when the customer can tick it here: theirs, open, and its stage issue is open. */
  canSignOff: boolean;
}

export interface StatusView {
  customer: string;
  template: string;
  overall: 'in-progress' | 'on-hold' | 'completed' | 'cancelled';
  progress: { stagesDone: number; stagesTotal: number; itemsDone: number; itemsTotal: number; percent: number };
  stages: PageStage[];
  /** The stage being worked on and the roles with open work in it (logins only with showOwners). */
  next: { stageTitle: string; owners: { role: string; people: string[] }[] } | null;
  targetAt: string | null;
  /** When the onboarding is expected to finish, while it is open. */
  forecastAt: string | null;
  /** Customer items (every item with showAllItems), in stage order. */
  items: PageItem[];
}

export interface StatusViewInput {
  state: StoredState;
  stages: StageView[];
  due: DueInfo;
  settings: EmbarkConfig['statusPage'];
  /** `onboarding.customerItems` of the template: text fragments or item ids. */
  customerItems: string[];
}

function stageStatus(view: StageView): PageStageStatus {
  if (view.status === 'done') return 'done';
  if (view.status === 'missing') return 'unavailable';
  if (view.status === 'not-applicable') return 'not-applicable';
  return view.status === 'pending' ? 'not-started' : 'in-progress';
}

export function buildStatusView(input: StatusViewInput): StatusView {
  const { state, stages, due, settings } = input;
  const closed = state.cancelled !== null || state.completedAt !== null;
  const pageStages = stages.map((s): PageStage => {
    const d = due.due[s.key];
    return {
      key: s.key,
      title: s.title,
      status: stageStatus(s),
      dueAt: d?.dueAt ?? null,
      overdue: d?.status === 'overdue',
      done: s.done,
      total: s.total,
    };
  });
  const items: PageItem[] = stages.flatMap((s) =>
    s.items
      .filter((item) => settings.showAllItems || isCustomerItem(item, input.customerItems))
      .map((item): PageItem => {
        const skipped = state.skipped[skipKey(s.key, item.id)] !== undefined;
        const itemState: PageItemState = item.checked ? 'done' : skipped ? 'not-needed' : 'open';
        const mine = isCustomerItem(item, input.customerItems);
        return {
          key: skipKey(s.key, item.id),
          stageTitle: s.title,
          text: item.text,
          role: item.role,
          state: itemState,
          canSignOff: mine && itemState === 'open' && !closed && s.issue?.state === 'open',
        };
      }),
  );
  const f = frontierIndex(stages);
  const frontier = f >= 0 && !closed ? stages[f]! : null;
  const openRoles = frontier ? [...new Set(frontier.requiredOpen.map((i) => i.role).filter((r): r is string => r !== null))] : [];
  const stagesDone = stages.filter((s) => s.status === 'done').length;
  const itemsDone = stages.reduce((n, s) => n + s.done, 0);
  const itemsTotal = stages.reduce((n, s) => n + s.total, 0);
  return {
    customer: state.customer,
    template: state.template.name,
    overall: state.cancelled ? 'cancelled' : state.completedAt ? 'completed' : state.blocked ? 'on-hold' : 'in-progress',
    progress: {
      stagesDone,
      stagesTotal: stages.length,
      itemsDone,
      itemsTotal,
      percent: itemsTotal === 0 ? (stagesDone === stages.length ? 100 : 0) : Math.round((100 * itemsDone) / itemsTotal),
    },
    stages: pageStages,
    next: frontier
      ? { stageTitle: frontier.title, owners: openRoles.map((role) => ({ role, people: settings.showOwners ? (frontier.owners[role] ?? []) : [] })) }
      : null,
    targetAt: due.targetAt,
    forecastAt: closed ? null : (due.forecast?.forecastAt ?? null),
    items,
  };
}

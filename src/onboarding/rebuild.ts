/**
 * Rebuild stored state from GitHub alone, for when the status comment is missing, does not
 * validate, or was edited by someone other than Embark (hidden state is never trusted then).
 * Stage order and issues come from the sub-issue links and markers; start times from the
 * previous stage's close; notices sent from Embark's marked comments.
 */
import type { EmbarkConfig } from '../config.js';
import { emptyMailLog } from '../customer/mail-log.js';
import { readNoticeKey } from '../render/notice-marker.js';
import type { OnboardingSnapshot } from './snapshot.js';
import { newStageState, type StoredState } from './state.js';

export interface RebuildInput {
  snapshot: OnboardingSnapshot;
  config: EmbarkConfig;
  /** From the EPIC's hidden marker, when present. */
  template: { name: string; version: string | null; file: string | null } | null;
  customer: string;
  now: string;
}

/** Title of a stage issue after Embark's ` · ` separator, or the whole title. */
function stageTitle(issueTitle: string): string {
  const at = issueTitle.lastIndexOf(' · ');
  return at >= 0 ? issueTitle.slice(at + 3) : issueTitle;
}

export function rebuildState(input: RebuildInput): StoredState {
  const { snapshot, config, now } = input;
  const sent = new Set<string>();
  for (const c of snapshot.epicNotices) {
    const key = readNoticeKey(c.body);
    if (key) sent.add(key);
  }
  let previousClose: string | null = snapshot.epic.createdAt;
  const stages = snapshot.stageIssues.map((issue) => {
    for (const c of issue.comments) {
      const key = c.byApp ? readNoticeKey(c.body) : null;
      if (key) sent.add(key);
    }
    const number = /(?:stage|phase)\s+(\d+)/i.exec(issue.title)?.[1];
    const completedAt = issue.state === 'closed' ? issue.closedAt : null;
    const started = previousClose ?? completedAt;
    previousClose = completedAt;
    return newStageState({
      key: issue.stageKey,
      title: stageTitle(issue.title),
      number: number ? Number(number) : null,
      issue: issue.number,
      dueDays: config.defaultStageDays,
      startedAt: started,
      completedAt,
    });
  });
  if (stages[0]) sent.add(`activate:${stages[0].key}`);
  return {
    v: 1,
    epic: snapshot.epic.number,
    template: input.template ?? { name: 'unknown', version: null, file: null },
    customer: input.customer,
    startedAt: snapshot.epic.createdAt,
    roles: Object.fromEntries(Object.entries(config.roles).map(([r, who]) => [r, [...who]])),
    roleAliases: {},
    optional: [],
    customerItems: [],
    targetDays: config.target,
    checkins: config.checkins,
    checkinItems: [],
    stages,
    skipped: {},
    blocked: null,
    blockedSpans: [],
    cancelled: null,
    completedAt: snapshot.epic.state === 'closed' ? snapshot.epic.closedAt : null,
    snoozedUntil: null,
    sent: [...sent],
    log: [{ at: now, actor: 'embark', text: 'status rebuilt from GitHub (the saved state was missing or edited)', key: `rebuilt:${now}` }],
    // Contacts and mail keys live only in the saved state: after a rebuild there are none, so
    // nothing is mailed until someone adds a contact again (no welcome goes out twice).
    contacts: [],
    mail: emptyMailLog(),
    surveys: [],
  };
}

/** Hidden state is trusted only when Embark wrote it and nobody else edited it since. */
export function trustedStateBody(snapshot: OnboardingSnapshot): string | null {
  const c = snapshot.statusComment;
  if (!c?.byApp) return null;
  if (c.editor && c.editor !== c.author) return null;
  return c.body;
}

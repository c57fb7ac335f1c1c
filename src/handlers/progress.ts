/**
 * Stage issue events: checkbox edits, hand closes and reopens, deletions and transfers.
 * Thin: find the EPIC from the stage marker, turn the payload into a core event, run one step.
 * Edits that change no checkbox cost no request at all.
 */
import { diffTasks } from '../checklist/index.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import type { ProgressEvent } from '../onboarding/events.js';
import { parseStageMarker } from '../render/markers.js';
import { type Deps, onboardingKey } from './deps.js';
import { loadOnboarding, type StepResult, step } from './session.js';

export interface StageIssuePayload {
  action: 'edited' | 'closed' | 'reopened' | 'deleted' | 'transferred';
  issue: { number: number; body: string | null; updated_at: string; closed_at?: string | null };
  changes?: { body?: { from: string } };
  sender: { login: string; type: string };
}

export type ProgressOutcome = { kind: 'ignored'; reason: string } | { kind: 'stepped'; result: StepResult };

/** Translate a payload into the core's event; null when nothing checkbox- or state-related happened. */
export function toProgressEvent(payload: StageIssuePayload, now: string): ProgressEvent | null {
  const { action, issue, sender } = payload;
  const at = issue.updated_at ?? now;
  if (action === 'edited') {
    const from = payload.changes?.body?.from;
    if (from === undefined) return null;
    const changes = diffTasks(from, issue.body ?? '').filter((c) => c.from !== c.to);
    if (changes.length === 0) return null;
    return { type: 'edited', issue: issue.number, actor: sender.login, at, changes };
  }
  if (action === 'closed') return { type: 'closed', issue: issue.number, actor: sender.login, at: issue.closed_at ?? at };
  if (action === 'reopened') return { type: 'reopened', issue: issue.number, actor: sender.login, at };
  return { type: 'removed', issue: issue.number, actor: sender.login, at, how: action === 'deleted' ? 'deleted' : 'transferred' };
}

export async function onStageIssueEvent(deps: Deps, octokit: Octokit, ref: RepoRef, payload: StageIssuePayload): Promise<ProgressOutcome> {
  // Embark's own edits never get here (see `isOwnEvent`); another app's or a workflow's tick counts like a person's.
  const marker = parseStageMarker(payload.issue.body ?? '') ?? parseStageMarker(payload.changes?.body?.from ?? '');
  if (!marker) return { kind: 'ignored', reason: 'not a stage issue' };
  const event = toProgressEvent(payload, deps.now().toISOString());
  if (!event) return { kind: 'ignored', reason: 'no checkbox changed' };
  return deps.lock.run(onboardingKey(ref.owner, ref.repo, marker.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic: marker.epic });
    if (!loaded?.state) return { kind: 'ignored', reason: 'EPIC not found or not an onboarding' } as const;
    const result = await step(deps, octokit, ref, { ...loaded, state: loaded.state }, event);
    return { kind: 'stepped', result } as const;
  });
}

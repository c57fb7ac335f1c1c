/**
 * The job of one API start, run on the start lane (one at a time per process, at the pace):
 * under a lock on the start's key (held across replicas with Redis), look for the issue an
 * earlier run of the same key opened; open it when there is none, once the pace allows; then
 * start it the normal way (`startOnboarding`, which finishes a start cut short). So a repeated,
 * concurrent or retried request converges on one EPIC; the outcome is recorded for the request
 * that waits on it.
 */
import type { StartRecord } from '../../coordination/start-ledger.js';
import { SEARCH_LAG_MS } from '../../enroll/github.js';
import { readRowKey } from '../../enroll/row-key.js';
import { applyPlan } from '../../github/apply-plan.js';
import { classifyFailure } from '../../github/failure.js';
import type { Octokit, RepoRef } from '../../github/octokit.js';
import { findStartIssue } from '../../github/start-lookup.js';
import type { Attempt, WebhookJob } from '../../jobs/job.js';
import { parseEpicMarker } from '../../render/markers.js';
import type { Deps } from '../deps.js';
import { startOnboarding } from '../start-onboarding.js';

/** The job's name (its payload's action is `requested`). */
export const START_JOB = 'start_api';

/** What the request decided: the issue to open, and what its start costs. */
export interface StartJobData {
  key: string;
  title: string;
  body: string;
  labels: string[];
  /** Stage count of the template: the pace charges the issue, its stages and the status comment. */
  stages: number;
}

/** The ledger's id of a start: keys are per repository. */
export function ledgerId(ref: RepoRef, key: string): string {
  return `${ref.owner}/${ref.repo}#${key}`.toLowerCase();
}

/** A start as a job of the queue; its id makes a repeat a no-op while the first is queued or running. */
export function startJob(args: { ref: RepoRef; installationId: number; start: StartJobData }): WebhookJob {
  const { ref, installationId, start } = args;
  return {
    // BullMQ ids may not hold `:`; owners cannot hold `.`, so `owner.repo` is unambiguous.
    id: `s-${ref.owner}.${ref.repo}-${start.key}`.toLowerCase(),
    delivery: `start-${start.key}`,
    name: START_JOB,
    installationId,
    payload: {
      action: 'requested',
      repository: { full_name: `${ref.owner}/${ref.repo}`, name: ref.repo, owner: { login: ref.owner } },
      installation: { id: installationId },
      start,
    },
  };
}

/** Run a start job; records the outcome (and, when the job gives up, why). */
export async function runStartJob(deps: Deps, octokit: Octokit, job: WebhookJob, attempt: Attempt): Promise<StartRecord> {
  const api = deps.startApi;
  if (!api) throw new Error('API starts run in the app runtime only (no start ledger here)');
  const ref: RepoRef = { owner: job.payload.repository.owner.login, repo: job.payload.repository.name };
  const start = job.payload.start as StartJobData;
  const id = ledgerId(ref, start.key);
  try {
    const record = await deps.lock.run(`start:${id}`, () => openAndStart(deps, api.pace, octokit, ref, start));
    await api.ledger.set(id, record);
    return record;
  } catch (error) {
    const failure = classifyFailure(error);
    if (attempt.final || failure.kind === 'permanent') {
      await api.ledger.set(id, { status: 'failed', epic: null, problems: [failure.message] }).catch(() => undefined);
    }
    throw error;
  }
}

async function openAndStart(deps: Deps, pace: { take(stages: number): Promise<void> }, octokit: Octokit, ref: RepoRef, start: StartJobData): Promise<StartRecord> {
  const lookup = await findStartIssue(octokit, { ...ref, key: start.key, carries: (body) => readRowKey(body) === start.key, now: deps.now().getTime(), lagMs: SEARCH_LAG_MS });
  if (lookup.found && parseEpicMarker(lookup.found.body)) {
    return { status: 'started', epic: { number: lookup.found.number, url: lookup.found.url }, problems: [] };
  }
  let epic = lookup.found ? { number: lookup.found.number, url: lookup.found.url } : null;
  if (!epic) {
    await pace.take(start.stages);
    const opened = await applyPlan({ octokit, ...ref }, [{ kind: 'openIssue', title: start.title, body: start.body, labels: start.labels }]);
    epic = { number: opened.opened!, url: `${lookup.repoUrl}/issues/${opened.opened}` };
  }
  // Embark's own `issues.opened` is ignored, so the start happens here (as after `/onboard`).
  const outcome = await startOnboarding(deps, octokit, { ...ref, epic: epic.number });
  if (outcome.kind === 'problem') return { status: 'problem', epic, problems: outcome.problems };
  if (outcome.kind === 'ignored') return { status: 'problem', epic, problems: [`the issue did not start: ${outcome.reason}`] };
  return { status: 'started', epic, problems: [] };
}

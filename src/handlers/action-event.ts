/**
 * One run of Embark's GitHub Action: the event the Actions runner hands over, handled in-process
 * by the same handlers and the same writer as the app's jobs, with the workflow's token.
 * - `issues` and `issue_comment`: Embark's own events and pull requests are skipped as in the
 *   app; the rest runs as a job would, retried here with the jobs' policy, and a run that gives
 *   up leaves the same notice on the EPIC.
 * - `schedule` and `workflow_dispatch`: the sweep over the repository's owner (reminders,
 *   escalation, check-ins, and the repair of whatever a dropped run left undone).
 * No queue: the workflow's `concurrency` group runs one event of a repository at a time.
 */
import { classifyFailure } from '../github/failure.js';
import type { Octokit, RepoRef } from '../github/octokit.js';
import { webhookJob } from '../jobs/job.js';
import { nextAttempt, type RetrySettings } from '../jobs/retry-policy.js';
import type { Deps } from './deps.js';
import { isWork, runJob } from './dispatch.js';
import { type SweepReport, sweepAccount } from './sweep.js';

/** Events that run the sweep. */
export const SWEEP_EVENTS = ['schedule', 'workflow_dispatch'] as const;

export interface ActionEvent {
  /** `GITHUB_EVENT_NAME`. */
  name: string;
  /** The contents of `GITHUB_EVENT_PATH`. */
  // biome-ignore lint/suspicious/noExplicitAny: GitHub's event payload, narrowed by the handlers
  payload: any;
  /** `GITHUB_REPOSITORY`. */
  repository: RepoRef;
  /** `GITHUB_RUN_ID`-`GITHUB_RUN_ATTEMPT`: names the run in notices, as a delivery id does. */
  runId: string;
}

export type ActionOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'handled'; outcome: unknown; attempts: number }
  | { kind: 'swept'; report: SweepReport };

export interface ActionEventOptions {
  /** The login the token writes as (`github-actions[bot]` for `GITHUB_TOKEN`): its events are Embark's own. */
  self: string;
  repairDays: number;
  retry: RetrySettings;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep: (ms: number) => Promise<void>;
  log?: { warn(obj: object, msg: string): void };
}

/** Handle one event; throws when it failed for good (the run then fails, and says why). */
export async function runActionEvent(deps: Deps, octokit: Octokit, event: ActionEvent, options: ActionEventOptions): Promise<ActionOutcome> {
  if ((SWEEP_EVENTS as readonly string[]).includes(event.name)) {
    const report = await sweepAccount(deps, octokit, event.repository.owner, { repairDays: options.repairDays, log: options.log, repo: event.repository.repo });
    return { kind: 'swept', report };
  }
  if (event.name !== 'issues' && event.name !== 'issue_comment') {
    return { kind: 'skipped', reason: `Embark acts on issues, issue_comment, schedule and workflow_dispatch, not ${event.name}` };
  }
  if (!isWork(event.name, event.payload, options.self)) {
    return { kind: 'skipped', reason: `nothing for Embark in ${event.name}.${event.payload?.action}${event.payload?.sender?.login === options.self ? ' (its own write)' : ''}` };
  }
  const job = webhookJob({ delivery: event.runId, name: event.name, payload: event.payload });
  for (let number = 1; ; number++) {
    try {
      const outcome = await runJob(deps, octokit, job, { number, final: number >= options.retry.attempts });
      return { kind: 'handled', outcome, attempts: number };
    } catch (error) {
      const decision = nextAttempt({ attempt: number, failure: classifyFailure(error), settings: options.retry, random: 0.5 });
      if (!decision.retry) throw error;
      options.log?.warn({ err: error, attempt: number }, `attempt ${number} failed; retrying in ${decision.delayMs} ms`);
      await options.sleep(decision.delayMs);
    }
  }
}

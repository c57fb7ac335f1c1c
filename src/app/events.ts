/**
 * Event wiring: each delivery Embark acts on becomes a job and the webhook is answered at once,
 * so GitHub's 10 s limit never cuts work short. The job runs the handler with retries; see
 * `handlers/dispatch.ts`. Errors are logged with the delivery id and repository.
 */
import type { Probot } from 'probot';
import { installationClient } from '../github/app-client.js';
import type { Deps } from '../handlers/deps.js';
import { HANDLED_EVENTS, runJob, worthQueueing } from '../handlers/dispatch.js';
import { type JobQueue, type Processor, webhookJob } from '../jobs/job.js';

/** Queue every delivery worth handling; the job id is the delivery id. */
export function registerHandlers(app: Probot, queue: JobQueue): void {
  app.on([...HANDLED_EVENTS], async (context) => {
    const payload = context.payload as { action?: string };
    if (!worthQueueing(context.name, payload)) return;
    const result = await queue.add(webhookJob({ delivery: context.id, name: context.name, payload }));
    context.log.debug({ delivery: context.id, result }, `${context.name}.${payload.action} ${result}`);
  });
}

/** The function queues call for each job: an installation client with deadlines, then the handler. */
export function createProcessor(app: Probot, deps: Deps, options: { requestTimeoutMs: number }): Processor {
  return async (job, attempt) => {
    const repo = job.payload?.repository?.full_name;
    const what = `${job.name}.${job.payload?.action}`;
    try {
      const octokit = await installationClient(app, job.installationId, options);
      const outcome = await runJob(deps, octokit, job, attempt);
      app.log.debug({ outcome, delivery: job.delivery, repo }, `${what} done`);
    } catch (error) {
      const level = attempt.final ? 'error' : 'warn';
      app.log[level]({ err: error, delivery: job.delivery, repo, attempt: attempt.number }, `${what} failed for ${repo} (delivery ${job.delivery}, attempt ${attempt.number})`);
      throw error;
    }
  };
}

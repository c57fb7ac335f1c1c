/**
 * Event wiring: each delivery Embark acts on becomes a job and the webhook is answered at once,
 * so GitHub's 10 s limit never cuts work short. The job runs the handler with retries; see
 * `handlers/dispatch.ts`. Errors are logged with the delivery id and repository.
 */
import type { Probot } from 'probot';
import { installationClient } from '../github/app-client.js';
import { botLoginOf, readAppBotLogin } from '../github/app-identity.js';
import type { Deps } from '../handlers/deps.js';
import { HANDLED_EVENTS, runJob, worthQueueing } from '../handlers/dispatch.js';
import { type JobQueue, type Processor, webhookJob } from '../jobs/job.js';

/**
 * Embark's own bot login: from `EMBARK_APP_SLUG`, or asked of GitHub (`GET /app`) the first time
 * a bot's event arrives and kept; a failed ask is logged and tried again with the next one.
 */
export function selfIdentity(app: Pick<Probot, 'auth' | 'log'>, slug: string | null): () => Promise<string | null> {
  if (slug) {
    const login = botLoginOf(slug);
    return async () => login;
  }
  let known: string | null = null;
  let asking: Promise<string | null> | null = null;
  return async () => {
    if (known) return known;
    asking ??= readAppBotLogin(app)
      .then(
        (login) => {
          known = login;
          app.log.info(`embark: ignoring events sent by ${login} (its own)`);
          return login;
        },
        (error: unknown) => {
          app.log.warn({ err: error }, 'embark: could not ask GitHub for the app\'s slug (GET /app); bots\' events are ignored until it answers. Set EMBARK_APP_SLUG to skip the question');
          return null;
        },
      )
      .finally(() => {
        asking = null;
      });
    return asking;
  };
}

/** Queue every delivery worth handling; the job id is the delivery id. */
export function registerHandlers(app: Probot, queue: JobQueue, self: () => Promise<string | null> = selfIdentity(app, null)): void {
  app.on([...HANDLED_EVENTS], async (context) => {
    const payload = context.payload as { action?: string; sender?: { type?: string } };
    // Only a bot's event needs to know who Embark is (a person's never is Embark's own).
    const login = payload.sender?.type === 'Bot' ? await self() : null;
    if (!worthQueueing(context.name, payload, login)) return;
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

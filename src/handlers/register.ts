/**
 * Event wiring. Each callback only unpacks the payload and calls a handler; errors are logged
 * with the delivery id and repository, then rethrown so Probot reports the delivery as failed.
 */
import type { Context, Probot } from 'probot';
import { type CommentPayload, onComment } from './commands.js';
import type { Deps } from './deps.js';
import { onStageIssueEvent, type StageIssuePayload } from './progress.js';
import { startOnboarding } from './start-onboarding.js';

type AnyContext = Context<'issues' | 'issue_comment'>;

async function guarded(context: AnyContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    const outcome = await work();
    context.log.debug({ outcome }, `${what} done`);
  } catch (error) {
    const repo = context.payload.repository.full_name;
    context.log.error({ err: error, delivery: context.id, repo }, `${what} failed for ${repo} (delivery ${context.id})`);
    throw error;
  }
}

export function registerHandlers(app: Probot, deps: Deps): void {
  app.on('issues.opened', async (context) => {
    const { issue, repository, sender } = context.payload;
    if (sender.type === 'Bot' || 'pull_request' in issue) return;
    await guarded(context, 'start onboarding', () =>
      startOnboarding(deps, context.octokit, { owner: repository.owner.login, repo: repository.name, epic: issue.number }),
    );
  });

  app.on(['issues.edited', 'issues.closed', 'issues.reopened', 'issues.deleted', 'issues.transferred'], async (context) => {
    const { repository } = context.payload;
    await guarded(context, `issues.${context.payload.action}`, () =>
      onStageIssueEvent(deps, context.octokit, { owner: repository.owner.login, repo: repository.name }, context.payload as unknown as StageIssuePayload),
    );
  });

  app.on('issue_comment.created', async (context) => {
    const { repository } = context.payload;
    await guarded(context, 'commands', () =>
      onComment(deps, context.octokit, { owner: repository.owner.login, repo: repository.name }, context.payload as unknown as CommentPayload),
    );
  });
}

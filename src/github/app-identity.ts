/**
 * Who Embark is on GitHub, so that only its own events are ignored: GitHub sends an app's writes
 * with `sender.login === '<app-slug>[bot]'` and `sender.type === 'Bot'`; another app's or a
 * workflow's writes are events like a person's.
 */
import type { Probot } from 'probot';

/** The login an app's writes carry. */
export function botLoginOf(slug: string): string {
  return `${slug.replace(/\[bot\]$/, '')}[bot]`;
}

/** The app's own bot login, asked of GitHub (`GET /app`, with the app's JWT). */
export async function readAppBotLogin(app: Pick<Probot, 'auth'>): Promise<string> {
  const octokit = await app.auth();
  const { data } = await octokit.rest.apps.getAuthenticated();
  if (!data?.slug) throw new Error('GitHub did not say the app\'s slug (GET /app); set EMBARK_APP_SLUG');
  return botLoginOf(data.slug);
}

/** Whether an event's sender is this login (GitHub logins compare without case). */
export function isSender(sender: { login?: string } | undefined, login: string): boolean {
  return (sender?.login ?? '').toLowerCase() === login.toLowerCase();
}

/**
 * Run the sweep over every installation of the app: on an interval inside `npm start`, and from
 * an authenticated `POST /embark/sweep` (for serverless deployments and scheduled workflows).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import type { Octokit } from '../github/octokit.js';
import type { Deps } from './deps.js';
import { type SweepReport, sweepAccount } from './sweep.js';

export async function sweepAll(app: Probot, deps: Deps): Promise<SweepReport> {
  const total: SweepReport = { onboardings: 0, due: 0, posted: 0, failed: [] };
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = (await app.auth(installation.id)) as Octokit;
    const account = installation.account && 'login' in installation.account ? installation.account.login : null;
    if (!account) continue;
    try {
      const r = await sweepAccount(deps, octokit, account);
      total.onboardings += r.onboardings;
      total.due += r.due;
      total.posted += r.posted;
      total.failed.push(...r.failed);
    } catch (error) {
      app.log.error({ err: error, installation: installation.id }, `sweep failed for ${account}`);
    }
  }
  return total;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `POST /embark/sweep` with `Authorization: Bearer <EMBARK_SWEEP_TOKEN>`; off when no token is set. */
export function sweepRoute(app: Probot, deps: Deps, token: string | undefined) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/embark/sweep') return false;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const auth = req.headers.authorization ?? '';
    if (req.method !== 'POST') send(405, { error: 'use POST' });
    else if (!token) send(404, { error: 'sweep route disabled: set EMBARK_SWEEP_TOKEN' });
    else if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token)) send(401, { error: 'bad or missing bearer token' });
    else await runAndAnswer();
    return true;

    async function runAndAnswer(): Promise<void> {
      try {
        send(200, await sweepAll(app, deps));
      } catch (error) {
        app.log.error({ err: error }, 'sweep failed');
        send(500, { error: (error as Error).message });
      }
    }
  };
}

/** Start the in-process interval; returns a stop function. The timer never keeps the process alive. */
export function startSweepInterval(app: Probot, deps: Deps, minutes: number): () => void {
  if (!(minutes > 0)) return () => undefined;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow sweep is never overlapped by the next one
    running = true;
    try {
      const r = await sweepAll(app, deps);
      app.log.info(r, 'sweep done');
    } catch (error) {
      app.log.error({ err: error }, 'sweep failed');
    } finally {
      running = false;
    }
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

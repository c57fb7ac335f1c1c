/**
 * Run the sweep over every installation of the app: on an interval inside `npm start` (one
 * replica per interval, through the sweep gate), and from an authenticated `POST /embark/sweep`
 * (for serverless deployments and scheduled workflows).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import type { SweepGate } from '../coordination/sweep-gate.js';
import { type ClientSettings, installationClient, listInstallations } from '../github/app-client.js';
import { bearerMatches, sendJson } from './admin-routes.js';
import type { Deps } from './deps.js';
import { type SweepReport, sweepAccount } from './sweep.js';

export interface SweepAllReport extends SweepReport {
  /** Installations whose sweep failed as a whole (search or token), by account. */
  failedInstallations: { account: string; error: string }[];
}

/** What the sweep takes from the process's settings. */
export interface SweepSettings extends ClientSettings {
  /** Days back the repair pass looks for onboardings that never started. */
  repairDays: number;
}

export async function sweepAll(app: Probot, deps: Deps, settings: SweepSettings): Promise<SweepAllReport> {
  const total: SweepAllReport = { onboardings: 0, due: 0, posted: 0, mailed: 0, repaired: 0, failed: [], warnings: [], failedInstallations: [] };
  for (const { id, account } of await listInstallations(app)) {
    try {
      const octokit = await installationClient(app, id, settings);
      const r = await sweepAccount(deps, octokit, account, { log: app.log, repairDays: settings.repairDays });
      total.onboardings += r.onboardings;
      total.due += r.due;
      total.posted += r.posted;
      total.mailed += r.mailed;
      total.repaired += r.repaired;
      total.failed.push(...r.failed);
      total.warnings.push(...r.warnings);
    } catch (error) {
      app.log.error({ err: error, installation: id }, `sweep failed for ${account}`);
      total.failedInstallations.push({ account, error: (error as Error).message });
    }
  }
  return total;
}

/**
 * `POST /embark/sweep` with `Authorization: Bearer <EMBARK_SWEEP_TOKEN>`; off when no token is set.
 * Answers 200 with the report, 502 when some installation or onboarding failed (so a scheduled
 * `curl --fail` notices), 202 when another sweep is already running.
 */
export function sweepRoute(app: Probot, deps: Deps, gate: SweepGate, settings: SweepSettings & { token: string | null }) {
  const { token } = settings;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/embark/sweep') return false;
    if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
    else if (!token) sendJson(res, 404, { error: 'sweep route disabled: set EMBARK_SWEEP_TOKEN' });
    else if (!bearerMatches(req, token)) sendJson(res, 401, { error: 'bad or missing bearer token' });
    else await runAndAnswer();
    return true;

    async function runAndAnswer(): Promise<void> {
      try {
        const report = await gate.run(() => sweepAll(app, deps, settings));
        if (report === null) sendJson(res, 202, { skipped: 'another sweep is running' });
        else sendJson(res, report.failed.length > 0 || report.failedInstallations.length > 0 ? 502 : 200, report);
      } catch (error) {
        app.log.error({ err: error }, 'sweep failed');
        sendJson(res, 500, { error: (error as Error).message });
      }
    }
  };
}

/** Start the interval; returns a stop function. The timer never keeps the process alive. */
export function startSweepInterval(app: Probot, deps: Deps, gate: SweepGate, settings: SweepSettings & { minutes: number }): () => void {
  const { minutes } = settings;
  if (!(minutes > 0)) return () => undefined;
  const every = minutes * 60_000;
  const timer = setInterval(async () => {
    try {
      const slot = { id: String(Math.floor(Date.now() / every)), ttlMs: every };
      const r = await gate.run(() => sweepAll(app, deps, settings), { slot });
      if (r) app.log.info(r, 'sweep done');
      else app.log.debug('sweep skipped: another replica has this interval');
    } catch (error) {
      app.log.error({ err: error }, 'sweep failed');
    }
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The composition root: from the settings read once at start, build the runtime (queue, lock,
 * sweep gate, shared deps), register the event dispatch and the HTTP routes, start the sweep
 * interval and the shutdown. Every behaviour is one hop from here: events go to
 * `handlers/dispatch.ts`, routes to `handlers/sweep-runner.ts`, `handlers/admin-routes.ts`,
 * `handlers/status-page/` and `handlers/start-api/`.
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { adminRoutes } from '../handlers/admin-routes.js';
import { installationsOf } from '../handlers/installations.js';
import { startApiRoute } from '../handlers/start-api/route.js';
import { mountStatusPage } from '../handlers/status-page/index.js';
import { startSweepInterval, sweepRoute } from '../handlers/sweep-runner.js';
import { mailOff } from '../mail/mail-deps.js';
import { registerHandlers, selfIdentity } from './events.js';
import { createRuntime } from './runtime.js';
import type { AppSettings } from './settings.js';

/** Wire Embark into a Probot app; returns a stop function (used by shutdown). */
export function composeEmbark(app: Probot, options: Partial<ApplicationFunctionOptions> | undefined, settings: AppSettings): () => Promise<void> {
  for (const warning of settings.warnings) app.log.warn(`embark: ${warning}`);
  const runtime = createRuntime(app, { settings });
  registerHandlers(app, runtime.queue, selfIdentity(app, settings.appSlug));
  app.log.info(`embark: ${runtime.queue.kind === 'redis' ? 'jobs on Redis (BullMQ)' : 'jobs in memory (set REDIS_URL for durable jobs and replicas)'}`);
  logMailState(app, settings, runtime.deps.mail !== null);
  const ways = Object.entries({ bearer: settings.api.secrets.token, signature: settings.api.secrets.secret, HubSpot: settings.api.secrets.hubspotSecret }).filter(([, v]) => v).map(([k]) => k);
  app.log.info(`embark: start API ${ways.length > 0 ? `on (${ways.join(', ')})` : 'off (set EMBARK_API_TOKEN, EMBARK_API_SECRET or EMBARK_HUBSPOT_SECRET)'}`);
  if (!options?.addHandler) return () => runtime.close();
  const sweep = { ...settings.sweep, requestTimeoutMs: settings.requestTimeoutMs };
  options.addHandler(sweepRoute(app, runtime.deps, runtime.sweepGate, sweep));
  options.addHandler(adminRoutes(runtime.queue, settings.sweep.token ?? undefined));
  mountStatusPage(app, runtime.deps, options.addHandler, settings);
  options.addHandler(
    startApiRoute({
      deps: runtime.deps,
      secrets: settings.api.secrets,
      publicUrl: settings.api.publicUrl,
      queue: runtime.starts,
      installationFor: installationsOf(app, { requestTimeoutMs: settings.requestTimeoutMs }),
      log: app.log,
    }),
  );
  const stopSweeps = startSweepInterval(app, runtime.deps, runtime.sweepGate, sweep);
  return async () => {
    stopSweeps();
    await runtime.close();
  };
}

/** Say once at start whether customer mail is on, and if not, what to set (a wrong setting is a warning). */
function logMailState(app: Probot, settings: AppSettings, on: boolean): void {
  if (on && settings.mail.ok) {
    app.log.info(`embark: customer mail on through ${settings.mail.settings.safeUrl}, at most ${settings.mail.settings.perMinute} a minute`);
    return;
  }
  const why = mailOff(settings.mail, settings.statusPage) ?? { reason: 'customer mail off in this process', misconfigured: false };
  if (why.misconfigured) app.log.warn(`embark: ${why.reason}`);
  else app.log.info(`embark: ${why.reason}`);
}

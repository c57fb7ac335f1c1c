/**
 * Probot entry: wires events, routes, the sweep interval and shutdown. Do not add logic here.
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { adminRoutes } from './handlers/admin-routes.js';
import { registerHandlers } from './handlers/register.js';
import { mountStatusPage } from './handlers/status-page/index.js';
import { startSweepInterval, sweepRoute } from './handlers/sweep-runner.js';
import { createRuntime } from './runtime.js';

export default function embark(app: Probot, options?: Partial<ApplicationFunctionOptions>): void {
  const runtime = createRuntime(app, { env: process.env });
  registerHandlers(app, runtime.queue);
  app.log.info(`embark: ${runtime.queue.kind === 'redis' ? 'jobs on Redis (BullMQ)' : 'jobs in memory (set REDIS_URL for durable jobs and replicas)'}`);
  if (!options?.addHandler) return;
  const token = process.env.EMBARK_SWEEP_TOKEN;
  options.addHandler(sweepRoute(app, runtime.deps, runtime.sweepGate, token));
  options.addHandler(adminRoutes(runtime.queue, token));
  mountStatusPage(app, runtime.deps, options.addHandler, process.env);
  const stopSweeps = startSweepInterval(app, runtime.deps, runtime.sweepGate, Number(process.env.EMBARK_SWEEP_MINUTES ?? 15));
  // Finish running jobs before exiting, so a deploy does not cut a start in half (a killed
  // process is covered too: BullMQ hands its jobs to another replica, the sweep repairs the rest).
  const shutdown = () => {
    stopSweeps();
    void runtime.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

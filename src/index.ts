/**
 * Probot entry: wires events, the sweep route and the sweep interval. Do not add logic here.
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { createDeps } from './handlers/create-deps.js';
import { registerHandlers } from './handlers/register.js';
import { startSweepInterval, sweepRoute } from './handlers/sweep-runner.js';

export default function embark(app: Probot, options?: Partial<ApplicationFunctionOptions>): void {
  const deps = createDeps();
  registerHandlers(app, deps);
  options?.addHandler?.(sweepRoute(app, deps, process.env.EMBARK_SWEEP_TOKEN));
  if (options?.addHandler) startSweepInterval(app, deps, Number(process.env.EMBARK_SWEEP_MINUTES ?? 15));
}

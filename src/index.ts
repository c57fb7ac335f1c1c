/**
 * Probot entry: read the settings once and hand over to the composition root. Do not add logic here.
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { composeEmbark } from './app/index.js';
import { readSettings } from './app/settings.js';

export default function embark(app: Probot, options?: Partial<ApplicationFunctionOptions>): void {
  const stop = composeEmbark(app, options, readSettings(process.env));
  if (!options?.addHandler) return;
  // Finish running jobs before exiting, so a deploy does not cut a start in half (a killed
  // process is covered too: BullMQ hands its jobs to another replica, the sweep repairs the rest).
  const shutdown = () => void stop().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

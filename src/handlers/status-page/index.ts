/**
 * The customer status page: `/share` links, the read-only page, and sign-off of customer items.
 * Wiring for `src/app/`: one call that mounts the routes, or logs once why they are off.
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import type { ClientSettings } from '../../github/app-client.js';
import type { StatusPageSettings } from '../../status-page/settings.js';
import type { Deps } from '../deps.js';
import { installationClients } from './installation.js';
import { statusPageRoute } from './routes.js';

export { type StatusPageSettings, statusPageSettings } from '../../status-page/settings.js';
export { type ShareInput, type ShareResult, shareCommand } from '../../status-page/share-command.js';
export { newNonce } from '../../status-page/token.js';

/** What the page takes from the process's settings. */
export interface PageSettings extends ClientSettings {
  statusPage: { ok: true; settings: StatusPageSettings } | { ok: false; reason: string };
  trustProxy: boolean;
}

/** Mount the status page routes when `EMBARK_STATUS_SECRET` is set; otherwise say once that they are off. */
export function mountStatusPage(app: Probot, deps: Deps, addHandler: ApplicationFunctionOptions['addHandler'], settings: PageSettings): void {
  const result = settings.statusPage;
  if (!result.ok) {
    app.log.info(`embark: ${result.reason}`);
    return;
  }
  if (!result.settings.publicUrl) app.log.warn('embark: status page on, but EMBARK_PUBLIC_URL is unset, so /share cannot build links');
  addHandler(
    statusPageRoute({
      deps,
      settings: result.settings,
      octokitFor: installationClients(app, settings),
      log: app.log,
      trustProxy: settings.trustProxy,
    }),
  );
  app.log.info('embark: status page on at /embark/status/<token> (with /embark/unsubscribe and /embark/survey for customer mail links)');
}

/** Build the shared dependencies once per app instance. */

import { loadBundledTemplates } from '../bundled-templates.js';
import { RepoSetupCache } from '../github/load-repo-setup.js';
import { createKeyedLock } from '../lock.js';
import { statusPageSettings } from '../status-page/settings.js';
import { ViewCache } from '../status-page/view-cache.js';
import type { Deps } from './deps.js';

function statusPageOf(env: NodeJS.ProcessEnv): Deps['statusPage'] {
  const result = statusPageSettings(env);
  return result.ok ? result.settings : null;
}

export function createDeps(overrides: Partial<Deps> = {}): Deps {
  const deps: Omit<Deps, 'statusViews'> & Partial<Pick<Deps, 'statusViews'>> = {
    lock: createKeyedLock(),
    cache: new RepoSetupCache(),
    bundled: loadBundledTemplates(),
    now: () => new Date(),
    calendars: new WeakMap(),
    permissions: new Map(),
    statusPage: statusPageOf(process.env),
    ...overrides,
  };
  return { ...deps, statusViews: deps.statusViews ?? new ViewCache(() => deps.now()) };
}

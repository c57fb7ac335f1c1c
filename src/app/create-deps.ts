/** Build the shared dependencies once per app instance, from the process's settings. */
import { loadBundledTemplates } from '../bundled-templates.js';
import { createKeyedLock } from '../coordination/lock.js';
import { RepoSetupCache } from '../github/load-repo-setup.js';
import type { Deps } from '../handlers/deps.js';
import { mailDeps } from '../mail/mail-deps.js';
import { ViewCache } from '../status-page/view-cache.js';
import type { AppSettings } from './settings.js';

export function createDeps(settings: Pick<AppSettings, 'statusPage' | 'mail'>, overrides: Partial<Deps> = {}): Deps {
  const deps: Omit<Deps, 'statusViews'> & Partial<Pick<Deps, 'statusViews'>> = {
    lock: createKeyedLock(),
    cache: new RepoSetupCache(),
    bundled: loadBundledTemplates(),
    now: () => new Date(),
    calendars: new WeakMap(),
    permissions: new Map(),
    statusPage: settings.statusPage.ok ? settings.statusPage.settings : null,
    ...overrides,
    // Built only when no test handed its own in: a transport is a resource to close.
    mail: 'mail' in overrides ? (overrides.mail ?? null) : mailDeps(settings.mail, settings.statusPage),
  };
  return { ...deps, statusViews: deps.statusViews ?? new ViewCache(() => deps.now()) };
}

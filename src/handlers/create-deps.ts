/** Build the shared dependencies once per app instance. */

import { loadBundledTemplates } from '../bundled-templates.js';
import { RepoSetupCache } from '../github/load-repo-setup.js';
import { createKeyedLock } from '../lock.js';
import type { Deps } from './deps.js';

export function createDeps(overrides: Partial<Deps> = {}): Deps {
  return {
    lock: createKeyedLock(),
    cache: new RepoSetupCache(),
    bundled: loadBundledTemplates(),
    now: () => new Date(),
    calendars: new WeakMap(),
    permissions: new Map(),
    ...overrides,
  };
}

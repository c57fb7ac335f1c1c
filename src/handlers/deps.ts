/**
 * What handlers share, created once per process by `app/create-deps.ts` and passed down: no
 * module-level state.
 */

import type { KeyedLock } from '../coordination/lock.js';
import type { StartLedger } from '../coordination/start-ledger.js';
import type { RepoSetupCache, TemplateSource } from '../github/load-repo-setup.js';
import type { MailDeps } from '../mail/mail-deps.js';
import type { BusinessCalendar } from '../schedule/index.js';
import type { StartPace } from '../start-api/start-pace.js';
import type { StatusPageSettings } from '../status-page/settings.js';
import type { ViewCache } from '../status-page/view-cache.js';

export interface Deps {
  lock: KeyedLock;
  cache: RepoSetupCache;
  /** Embark's bundled templates, parsed once at startup. */
  bundled: TemplateSource[];
  /** The clock; tests pass a fake one. */
  now: () => Date;
  /** Business calendars per config object (holiday tables are cached inside each). */
  calendars: WeakMap<object, BusinessCalendar>;
  /** Commenters' repository permissions, kept briefly (login -> permission, expiry). */
  permissions: Map<string, { permission: string; until: number }>;
  /** The customer status page's secret and public URL, or null when it is off (read once at start). */
  statusPage: StatusPageSettings | null;
  /** Status page views kept 30 s; `/share revoke` drops its onboarding's so old links die at once here. */
  statusViews: ViewCache;
  /** Customer mail (SMTP transport, pace, link signing), or null when it is off in this deployment. */
  mail: MailDeps | null;
  /** The start API's record of each start and its pace (set where API starts run: the app's runtime). */
  startApi?: { ledger: StartLedger; pace: StartPace };
}

/** Lock key of one onboarding. */
export function onboardingKey(owner: string, repo: string, epic: number): string {
  return `${owner}/${repo}#${epic}`.toLowerCase();
}

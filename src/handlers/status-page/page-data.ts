/**
 * One read of an onboarding turned into what its status page needs: the filtered view, the
 * nonce links must carry, and the zone dates are shown in. This is the only GitHub read a page
 * view makes (the repository's config and templates come from the setup cache, keyed by commit).
 */
import type { Octokit } from '../../github/octokit.js';
import { calendarFor, dueInfo } from '../../onboarding/due.js';
import { itemReaderFor } from '../../onboarding/items.js';
import type { StoredState } from '../../onboarding/state.js';
import { deriveStages } from '../../onboarding/view.js';
import { cachedContacts } from '../../status-page/contacts-view.js';
import type { CachedOnboarding } from '../../status-page/view-cache.js';
import { buildStatusView } from '../../status-page/view-model.js';
import type { TemplateSettings } from '../../template/settings.js';
import type { Deps } from '../deps.js';
import { type Loaded, loadOnboarding } from '../session.js';

/** The `onboarding:` settings of the template this onboarding was started from, if it is still there. */
function templateSettingsOf(loaded: Pick<Loaded, 'setup'>, state: Pick<StoredState, 'template'>): TemplateSettings | undefined {
  const source = loaded.setup.templates.find(
    (t) => (state.template.file !== null && t.file === state.template.file) || t.result.template?.name === state.template.name,
  );
  return source?.result.template?.settings;
}

/** `onboarding.customerItems` of the template this onboarding was started from. */
export function customerItemsOf(loaded: Pick<Loaded, 'setup'>, state: Pick<StoredState, 'template'>): string[] {
  return templateSettingsOf(loaded, state)?.customerItems ?? [];
}

/** `onboarding.customerFields` of the template this onboarding was started from. */
export function customerFieldsOf(loaded: Pick<Loaded, 'setup'>, state: Pick<StoredState, 'template'>): string[] {
  return templateSettingsOf(loaded, state)?.customerFields ?? [];
}

/**
 * The page data of a loaded onboarding, or null when it is not one Embark manages. A state that
 * was rebuilt (status comment missing or edited by a person) is not trusted to hold the nonce,
 * nor the contacts.
 */
export function pageData(loaded: Loaded, now: Date, calendars: Deps['calendars']): CachedOnboarding | null {
  const { state, config } = loaded;
  if (!state) return null;
  const stages = deriveStages(loaded.snapshot, state, itemReaderFor(state));
  const due = dueInfo(state, stages, calendarFor(config.calendar, calendars), now);
  const view = buildStatusView({
    state,
    stages,
    due,
    settings: config.statusPage,
    customerItems: customerItemsOf(loaded, state),
    epicBody: loaded.snapshot.epic.body,
    customerFields: customerFieldsOf(loaded, state),
  });
  return {
    view,
    nonce: loaded.trusted ? (state.statusPage?.nonce ?? null) : null,
    timeZone: config.calendar.timezone,
    contacts: loaded.trusted ? cachedContacts(state.contacts ?? []) : [],
    answered: loaded.trusted ? (state.surveys ?? []).map((a) => ({ contact: a.contact, checkin: a.checkin })) : [],
  };
}

/** Read an onboarding and build its page data. */
export async function readPageData(deps: Deps, octokit: Octokit, ref: { owner: string; repo: string; epic: number }): Promise<CachedOnboarding | null> {
  const loaded = await loadOnboarding(deps, octokit, ref);
  return loaded ? pageData(loaded, deps.now(), deps.calendars) : null;
}

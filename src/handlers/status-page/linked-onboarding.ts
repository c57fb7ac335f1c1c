/**
 * The onboarding a status link opens, read fresh under the onboarding's lock for a write: the
 * link must still be good now (a `/share revoke` or a removed contact that came after the page
 * was served wins), and a contact's link must name someone still listed.
 */
import type { Contact } from '../../customer/contact.js';
import { findContact } from '../../customer/contacts.js';
import type { Octokit } from '../../github/octokit.js';
import type { StoredState } from '../../onboarding/state.js';
import { type StatusLink, sameSecret } from '../../status-page/token.js';
import { type Deps, onboardingKey } from '../deps.js';
import { type Loaded, loadOnboarding } from '../session.js';

export interface LinkedOnboarding {
  loaded: Loaded & { state: StoredState };
  /** The contact a contact's own link names; null for a `/share` link. */
  contact: Contact | null;
}

/** Call under the onboarding's lock. Null when the link no longer opens it (answer 404). */
export async function loadLinked(deps: Deps, octokit: Octokit, link: StatusLink): Promise<LinkedOnboarding | null> {
  const loaded = await loadOnboarding(deps, octokit, { owner: link.owner, repo: link.repo, epic: link.epic });
  const state = loaded?.state;
  if (!loaded || !state || !loaded.trusted || !state.statusPage || !sameSecret(state.statusPage.nonce, link.nonce)) return null;
  if (link.contact === undefined) return { loaded: { ...loaded, state }, contact: null };
  const contact = findContact(state.contacts ?? [], link.contact);
  return contact ? { loaded: { ...loaded, state }, contact } : null;
}

/**
 * Run `write` on the onboarding a link opens, under its lock and from a fresh read: every change
 * made from the page (a sign-off, a field) goes through here, so a revoked link or a removed
 * contact is refused the same way everywhere.
 */
export function withLinked<T>(deps: Deps, octokit: Octokit, link: StatusLink, write: (linked: LinkedOnboarding) => Promise<T>): Promise<T | { kind: 'not-found' }> {
  return deps.lock.run(onboardingKey(link.owner, link.repo, link.epic), async () => {
    const linked = await loadLinked(deps, octokit, link);
    return linked ? write(linked) : { kind: 'not-found' as const };
  });
}

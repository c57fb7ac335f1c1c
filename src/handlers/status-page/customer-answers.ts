/**
 * The writes behind the links in customer mail, each like every other change: under the
 * onboarding's lock, from a fresh read, saved through `step`. Only a state Embark wrote itself is
 * trusted for contacts: a rebuilt one (status comment missing or edited) answers as an unknown link.
 */

import { findContact } from '../../customer/contacts.js';
import type { SurveyLink, UnsubscribeLink } from '../../customer/links.js';
import type { Octokit } from '../../github/octokit.js';
import { contactDisplayName } from '../../status-page/contacts-view.js';
import { planSurvey } from '../../status-page/survey-plan.js';
import { planUnsubscribe } from '../../status-page/unsubscribe-plan.js';
import { type Deps, onboardingKey } from '../deps.js';
import { loadOnboarding, step } from '../session.js';

export type UnsubscribeOutcome = { kind: 'unsubscribed' | 'already'; customer: string } | { kind: 'not-found' };

/** Unsubscribe the contact a link names; a repeat changes nothing and answers the same. */
export async function unsubscribe(deps: Deps, octokit: Octokit, link: UnsubscribeLink): Promise<UnsubscribeOutcome> {
  const ref = { owner: link.owner, repo: link.repo };
  return deps.lock.run(onboardingKey(link.owner, link.repo, link.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic: link.epic });
    if (!loaded?.state || !loaded.trusted) return { kind: 'not-found' };
    const plan = planUnsubscribe({ state: loaded.state, contact: link.contact, now: deps.now().toISOString() });
    if (plan.kind === 'unknown') return { kind: 'not-found' };
    if (plan.kind === 'unsubscribed') await step(deps, octokit, ref, { ...loaded, state: plan.state }, { type: 'recompute' });
    return { kind: plan.kind, customer: loaded.state.customer };
  });
}

export type SurveyOutcome = { kind: 'recorded'; customer: string } | { kind: 'refused'; message: string; already: boolean; customer: string } | { kind: 'not-found' };

/** Record one survey answer: kept in the state and as a keyed comment on the EPIC. */
export async function answerSurvey(deps: Deps, octokit: Octokit, input: { link: SurveyLink; score: number; comment: string }): Promise<SurveyOutcome> {
  const { link } = input;
  const ref = { owner: link.owner, repo: link.repo };
  return deps.lock.run(onboardingKey(link.owner, link.repo, link.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic: link.epic });
    if (!loaded?.state || !loaded.trusted) return { kind: 'not-found' };
    const contact = findContact(loaded.state.contacts ?? [], link.contact);
    if (!contact) return { kind: 'not-found' };
    const plan = planSurvey({
      state: loaded.state,
      epic: link.epic,
      epicNotices: loaded.snapshot.epicNotices,
      contact: { ref: link.contact, name: contactDisplayName(contact) },
      day: link.day,
      score: input.score,
      comment: input.comment,
      now: deps.now().toISOString(),
    });
    const customer = loaded.state.customer;
    if (plan.kind === 'refused') return { ...plan, customer };
    await step(deps, octokit, ref, { ...loaded, state: plan.state }, { type: 'recompute' }, plan.actions);
    return { kind: 'recorded', customer };
  });
}

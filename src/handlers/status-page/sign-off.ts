/**
 * A sign-off from the status page, written the way every other change is: under the onboarding's
 * lock, from a fresh read, through `step` (reconcile + the plan executor), so the box, the comment,
 * the stage transition and the status comment all come from one writer. On a contact's own link
 * the contact signs (by name, never by address); on a `/share` link, whoever typed their name.
 */
import type { Octokit } from '../../github/octokit.js';
import { itemReaderFor } from '../../onboarding/items.js';
import { deriveStages } from '../../onboarding/view.js';
import { contactDisplayName } from '../../status-page/contacts-view.js';
import { planSignOff, type Signer } from '../../status-page/sign-off-plan.js';
import type { StatusLink } from '../../status-page/token.js';
import type { Deps } from '../deps.js';
import { step } from '../session.js';
import { withLinked } from './linked-onboarding.js';
import { customerItemsOf } from './page-data.js';

export type SignOffOutcome = { kind: 'signed' | 'already'; itemText: string } | { kind: 'refused'; message: string } | { kind: 'not-found' };

/** `signer` is what a `/share` link's form said; a contact's link ignores it and signs as the contact. */
export async function signOff(deps: Deps, octokit: Octokit, input: { link: StatusLink; itemKey: string; signer: Signer | null }): Promise<SignOffOutcome> {
  const { link } = input;
  const ref = { owner: link.owner, repo: link.repo };
  return withLinked(deps, octokit, link, async ({ loaded, contact }) => {
    const signer = contact ? { name: contactDisplayName(contact), email: null } : input.signer;
    if (!signer) return { kind: 'refused', message: 'Please write your name, so the team knows who signed off.' };
    const stages = deriveStages(loaded.snapshot, loaded.state, itemReaderFor(loaded.state));
    const plan = planSignOff({
      state: loaded.state,
      snapshot: loaded.snapshot,
      stages,
      itemKey: input.itemKey,
      signer,
      customerItems: customerItemsOf(loaded, loaded.state),
      now: deps.now().toISOString(),
    });
    if (plan.kind !== 'signed') return plan;
    await step(deps, octokit, ref, { ...loaded, state: plan.state, snapshot: plan.snapshot }, { type: 'recompute' }, plan.actions);
    return { kind: 'signed', itemText: plan.itemText };
  });
}

/**
 * A sign-off from the status page, written the way every other change is: under the onboarding's
 * lock, from a fresh read, through `step` (reconcile + the plan executor), so the box, the comment,
 * the stage transition and the status comment all come from one writer.
 */
import type { Octokit } from '../../github/octokit.js';
import { itemReaderFor } from '../../onboarding/items.js';
import { deriveStages } from '../../onboarding/view.js';
import { planSignOff, type Signer } from '../../status-page/sign-off-plan.js';
import { type StatusLink, sameSecret } from '../../status-page/token.js';
import { type Deps, onboardingKey } from '../deps.js';
import { loadOnboarding, step } from '../session.js';
import { customerItemsOf } from './page-data.js';

export type SignOffOutcome = { kind: 'signed' | 'already'; itemText: string } | { kind: 'refused'; message: string } | { kind: 'not-found' };

export async function signOff(deps: Deps, octokit: Octokit, input: { link: StatusLink; itemKey: string; signer: Signer }): Promise<SignOffOutcome> {
  const { link } = input;
  const ref = { owner: link.owner, repo: link.repo };
  return deps.lock.run(onboardingKey(link.owner, link.repo, link.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, { ...ref, epic: link.epic });
    const state = loaded?.state;
    // Checked again under the lock: a `/share revoke` that ran since the page was served wins.
    if (!loaded || !state || !loaded.trusted || !state.statusPage || !sameSecret(state.statusPage.nonce, link.nonce)) return { kind: 'not-found' };
    const stages = deriveStages(loaded.snapshot, state, itemReaderFor(state));
    const plan = planSignOff({
      state,
      snapshot: loaded.snapshot,
      stages,
      itemKey: input.itemKey,
      signer: input.signer,
      customerItems: customerItemsOf(loaded, state),
      now: deps.now().toISOString(),
    });
    if (plan.kind !== 'signed') return plan;
    await step(deps, octokit, ref, { ...loaded, state: plan.state, snapshot: plan.snapshot }, { type: 'recompute' }, plan.actions);
    return { kind: 'signed', itemText: plan.itemText };
  });
}

/**
 * An intake field filled in on the status page, written like every other change: under the
 * onboarding's lock, from a fresh read, through `step`. The executor re-reads the EPIC body just
 * before writing and replaces only the field's value; when the field moved or was edited in
 * GitHub meanwhile it writes nothing of the plan (`FieldChangedError`), and the customer is asked
 * to reload.
 */
import { FieldChangedError } from '../../github/body-edits.js';
import type { Octokit } from '../../github/octokit.js';
import { contactDisplayName } from '../../status-page/contacts-view.js';
import { planFieldFill } from '../../status-page/customer-fields.js';
import type { StatusLink } from '../../status-page/token.js';
import type { Deps } from '../deps.js';
import { step } from '../session.js';
import { withLinked } from './linked-onboarding.js';
import { customerFieldsOf } from './page-data.js';

export type FieldOutcome =
  | { kind: 'filled' | 'unchanged'; field: string }
  | { kind: 'refused'; message: string; status: 400 | 409 }
  | { kind: 'changed' }
  | { kind: 'not-found' };

/** `who` is the name typed on a `/share` link's form; a contact's link fills in as the contact. */
export async function fillField(deps: Deps, octokit: Octokit, input: { link: StatusLink; fieldKey: string; value: string; shown: string | null; who: string | null }): Promise<FieldOutcome> {
  const { link } = input;
  const ref = { owner: link.owner, repo: link.repo };
  return withLinked(deps, octokit, link, async ({ loaded, contact }) => {
    const who = contact ? contactDisplayName(contact) : input.who;
    if (!who) return { kind: 'refused', status: 400, message: 'Please write your name, so the team knows who filled this in.' };
    const plan = planFieldFill({
      state: loaded.state,
      epic: loaded.snapshot.epic,
      customerFields: customerFieldsOf(loaded, loaded.state),
      fieldKey: input.fieldKey,
      value: input.value,
      shown: input.shown,
      who,
      now: deps.now().toISOString(),
    });
    if (plan.kind !== 'filled') return plan;
    try {
      await step(deps, octokit, ref, { ...loaded, state: plan.state }, { type: 'recompute' }, plan.actions);
    } catch (error) {
      if (error instanceof FieldChangedError) return { kind: 'changed' };
      throw error;
    }
    return { kind: 'filled', field: plan.field };
  });
}

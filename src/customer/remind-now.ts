/**
 * `/remind customer`: a reminder to every subscribed contact now, for one stage or for every
 * active stage with open customer items. The key carries the comment's id, so a replayed
 * delivery of the same comment sends nothing, and a new comment may remind again.
 */
import { contactRef } from './contact.js';
import type { MailDue } from './mail-due.js';
import type { CustomerMailConfig, CustomerStage, MailPlanState } from './mail-input.js';
import { doneKeys, isBouncing } from './mail-plan.js';

/** The reminders to send, or why there are none, in words for the reply comment. */
export type RemindNowResult = { ok: true; mails: MailDue[] } | { ok: false; reason: string };

/** Reminders for `/remind customer [stage]` posted as comment `commentId`. */
export function remindNow(input: {
  state: MailPlanState;
  stages: readonly CustomerStage[];
  config: Pick<CustomerMailConfig, 'enabled'>;
  commentId: number | string;
  /** The stage named in the command; every active stage with open customer items when absent. */
  stageKey?: string;
}): RemindNowResult {
  const { state } = input;
  if (!input.config.enabled) return { ok: false, reason: 'customer mail is off for this repository (`customer.enabled: false` in `.github/onboarding.yml`)' };
  if (state.cancelled !== null) return { ok: false, reason: 'this onboarding was cancelled, so the customer is not reminded' };
  if (state.completedAt !== null) return { ok: false, reason: 'this onboarding is complete: nothing is left open for the customer' };
  const candidates = input.stageKey === undefined ? input.stages : input.stages.filter((s) => s.stageKey === input.stageKey);
  const stages = candidates.filter((s) => s.active && s.openCustomerItems.length > 0);
  if (stages.length === 0) {
    const named = input.stageKey === undefined ? undefined : candidates[0];
    return {
      ok: false,
      reason: named ? `${named.title} has no open items for the customer right now` : 'no active stage has open items for the customer right now',
    };
  }
  const contacts = state.contacts ?? [];
  if (contacts.length === 0) return { ok: false, reason: 'this onboarding has no customer contacts yet; add one first' };
  const reachable = contacts.filter((c) => c.unsubscribedAt === null && !isBouncing(state, c));
  if (reachable.length === 0) return { ok: false, reason: 'every customer contact has unsubscribed or had their address refused by the mail server' };
  const done = new Set(doneKeys(state));
  const mails = reachable.flatMap((contact) =>
    stages
      .map((stage): MailDue => ({
        key: `remind:${stage.stageKey}:manual:${input.commentId}:${contactRef(contact.email)}`,
        kind: 'remind',
        contact: contact.email,
        name: contact.name,
        stage: stage.stageKey,
        skipped: [],
      }))
      .filter((mail) => !done.has(mail.key)),
  );
  return { ok: true, mails };
}

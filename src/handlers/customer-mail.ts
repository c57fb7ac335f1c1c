/**
 * The mail executor beside the GitHub one: render the due customer mails with each contact's own
 * signed links, send them paced (retrying 4xx answers with backoff), and hand the outcome back to
 * the core to record. Callers hold the onboarding's lock and have applied the plan's GitHub writes
 * already; they save the status comment with the returned state right after, so the window in
 * which a crash can send a mail twice is the time of one status comment write.
 */

import type { CustomerConfig, EmbarkConfig } from '../config.js';
import { contactRef } from '../customer/contact.js';
import { signSurveyToken, signUnsubscribeToken, surveyPath, unsubscribePath } from '../customer/links.js';
import type { MailOnboarding } from '../customer/mail-content.js';
import type { MailDue } from '../customer/mail-due.js';
import type { CustomerStage } from '../customer/mail-input.js';
import type { MailOutcome } from '../customer/mail-log.js';
import { renderMail } from '../customer/mail-render.js';
import type { RepoRef } from '../github/octokit.js';
import type { MailDeps } from '../mail/mail-deps.js';
import { sendQueue } from '../mail/queue.js';
import type { OutgoingMail } from '../mail/send.js';
import type { StoredState } from '../onboarding/state.js';
import { statusPath } from '../status-page/settings.js';
import { newNonce, signStatusToken } from '../status-page/token.js';

/** What one run did, for the caller's record and its logs. */
export interface MailRun {
  /** The state to record from: carries a status-page nonce when the mails needed one. */
  state: StoredState;
  outcome: MailOutcome;
  /** Why the run stopped before trying every mail (the server refused Embark, or was down), or null. */
  stopped: { kind: 'misconfigured' | 'transient'; code: string; reply: string } | null;
}

/** The contact's own links for one mail: status page always, unsubscribe and survey as the mail needs. */
function linksFor(mail: MailDeps, ref: RepoRef, state: StoredState, due: MailDue) {
  const { secret, publicUrl } = mail.links;
  const epic = state.epic;
  const nonce = state.statusPage!.nonce;
  const email = due.contact;
  const status = `${publicUrl}${statusPath(signStatusToken(secret, { owner: ref.owner, repo: ref.repo, epic, nonce, expiresAt: null, contact: contactRef(email) }))}`;
  const unsubscribe = `${publicUrl}${unsubscribePath(signUnsubscribeToken(secret, { ...ref, epic, email }))}`;
  const survey = due.survey && due.day ? `${publicUrl}${surveyPath(signSurveyToken(secret, { ...ref, epic, email, day: due.day }))}` : undefined;
  return { status, unsubscribe, ...(survey ? { survey } : {}) };
}

function onboardingOf(ref: RepoRef, state: StoredState): MailOnboarding {
  return {
    repo: `${ref.owner}/${ref.repo}`,
    epic: state.epic,
    customer: state.customer,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
    blocked: state.blocked,
    roles: state.roles,
    roleAliases: state.roleAliases,
    stages: state.stages,
    checkins: state.checkins,
  };
}

/** Render and send `mails` for one onboarding; nothing is recorded here. */
export async function sendCustomerMail(args: {
  mail: MailDeps;
  ref: RepoRef;
  state: StoredState;
  stages: readonly CustomerStage[];
  config: Pick<EmbarkConfig, 'calendar'> & { customer: CustomerConfig };
  mails: readonly MailDue[];
  now: Date;
}): Promise<MailRun> {
  const { mail, ref, config } = args;
  // Every mail links the contact's own status page: its links need the onboarding's nonce.
  const state: StoredState = args.state.statusPage ? args.state : { ...args.state, statusPage: { nonce: newNonce() } };
  const onboarding = onboardingOf(ref, state);
  const queued = args.mails.map((due) => {
    const rendered = renderMail({
      mail: due,
      onboarding,
      stages: args.stages,
      timezone: config.calendar.timezone,
      links: linksFor(mail, ref, state, due),
      ...(config.customer.fromName ? { sender: config.customer.fromName } : {}),
      digest: config.customer.digest,
    });
    const outgoing: OutgoingMail = {
      ...rendered,
      to: { name: due.name, address: due.contact },
      ...(config.customer.fromName ? { fromName: config.customer.fromName } : {}),
      ...(config.customer.replyTo ? { replyTo: config.customer.replyTo } : {}),
    };
    return { id: due.key, mail: outgoing };
  });
  const result = await sendQueue(queued, { send: (m) => mail.mailer.send(m), pacer: mail.pacer, backoff: mail.backoff });
  const byKey = new Map(args.mails.map((m) => [m.key, m]));
  const at = args.now.toISOString();
  const outcome: { sent: MailOutcome['sent'][number][]; failed: MailOutcome['failed'][number][] } = { sent: [], failed: [] };
  for (const { id, result: r } of result.results) {
    const due = byKey.get(id)!;
    if (r.kind === 'sent') outcome.sent.push({ key: id, skipped: due.skipped });
    else if (r.kind === 'permanent') outcome.failed.push({ key: id, address: r.address, reply: r.reply, at, skipped: due.skipped });
  }
  return { state, outcome, stopped: result.stopped };
}

/**
 * What the onboarding's state remembers of its mail: the keys sent (or skipped), and permanent
 * failures with the server's words. A key in either list is never planned again, so a crash
 * after sending and before saving costs at most one repeated mail, and a rejected address is
 * not retried every sweep.
 */
import { z } from 'zod';
import type { MailDue } from './mail-due.js';
import { oneLine } from './one-line.js';

/** Most failures kept (newest last); an older one's key moves to `sent`, so it is still never retried. */
export const MAX_FAILURES = 50;

export const mailFailureSchema = z.object({
  key: z.string(),
  address: z.string(),
  /** The mail server's answer, one line (`550 5.1.1 <jane@contoso.com>: user unknown`). */
  reply: z.string(),
  at: z.string(),
});

export const mailLogSchema = z.object({
  sent: z.array(z.string()).default([]),
  failed: z.array(mailFailureSchema).default([]),
});

export type MailFailure = z.infer<typeof mailFailureSchema>;
export type MailLog = z.infer<typeof mailLogSchema>;

/** The outcome of one run of the mail executor. Transient failures are left out: they are retried. */
export interface MailOutcome {
  sent: readonly Pick<MailDue, 'key' | 'skipped'>[];
  /** Permanent failures (5xx for the recipient); the mail's skipped keys go with it. */
  failed: readonly (MailFailure & { skipped?: readonly string[] })[];
}

/** An empty log, for states decoded before customer mail existed. */
export const emptyMailLog = (): MailLog => ({ sent: [], failed: [] });

/** The state with the outcome recorded: sent and skipped keys once each, failures capped. */
export function recordMails<S extends { mail?: MailLog | undefined }>(state: S, outcome: MailOutcome): Omit<S, 'mail'> & { mail: MailLog } {
  const log = state.mail ?? emptyMailLog();
  const sent = new Set(log.sent);
  const add = (key: string) => sent.add(key);
  for (const mail of outcome.sent) {
    mail.skipped.forEach(add);
    add(mail.key);
  }
  const failed = [...log.failed];
  for (const failure of outcome.failed) {
    failure.skipped?.forEach(add);
    if (failed.some((f) => f.key === failure.key)) continue;
    failed.push({ key: failure.key, address: failure.address, reply: oneLine(failure.reply, 300), at: failure.at });
  }
  const evicted = failed.length - MAX_FAILURES;
  if (evicted > 0) for (const f of failed.splice(0, evicted)) add(f.key);
  return { ...state, mail: { sent: [...sent], failed } };
}

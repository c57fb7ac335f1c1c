/**
 * One run of customer mail: send each message paced, with retries, in order, and stop early when
 * going on is pointless. After a `misconfigured` result every later mail would fail the same way;
 * after a `transient` one that outlasted its retries the server is down. The mails not tried are
 * listed, so the caller leaves their keys unrecorded and the next sweep tries again.
 */
import type { MailResult } from './classify.js';
import { type BackoffOptions, type Pacer, sendWithBackoff } from './pace.js';

/** A mail with the id the caller knows it by (its plan key). */
export interface QueuedMail<M> {
  id: string;
  mail: M;
}

/** What happened to each mail of the run. */
export interface QueueOutcome {
  results: { id: string; result: MailResult; attempts: number }[];
  /** Ids not tried because the run stopped. */
  notTried: string[];
  /** Why the run stopped early (the last result's reply), or null when every mail was tried. */
  stopped: { kind: 'misconfigured' | 'transient'; code: string; reply: string } | null;
}

/** Send `mails` in order through `send`, paced by `pacer`, retrying transient results. */
export async function sendQueue<M>(
  mails: readonly QueuedMail<M>[],
  deps: { send: (mail: M) => Promise<MailResult>; pacer: Pacer; backoff?: BackoffOptions },
): Promise<QueueOutcome> {
  const outcome: QueueOutcome = { results: [], notTried: [], stopped: null };
  for (const [index, { id, mail }] of mails.entries()) {
    const result = await sendWithBackoff(async (m: M) => {
      await deps.pacer.take();
      return deps.send(m);
    }, mail, deps.backoff);
    const { attempts, ...plain } = result;
    outcome.results.push({ id, result: plain as MailResult, attempts });
    if (result.kind === 'misconfigured' || result.kind === 'transient') {
      outcome.stopped = { kind: result.kind, code: result.code, reply: result.reply };
      outcome.notTried = mails.slice(index + 1).map((m) => m.id);
      break;
    }
  }
  return outcome;
}

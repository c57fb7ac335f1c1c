/**
 * What a failed send means, read from nodemailer's error, so the caller knows whether to retry,
 * record the mail as failed for good, or stop and tell an admin:
 *
 * - `transient`: a 4xx answer (421 busy, 450 mailbox busy, greylisting), connection refused or
 *   closed, DNS and timeouts. Retry with backoff; nothing is recorded.
 * - `permanent`: a 5xx answer about this message or recipient (at `RCPT TO` or after `DATA`:
 *   `550 user unknown`). Not retried; the server's words are kept for the EPIC comment.
 * - `misconfigured`: the server refused Embark itself (authentication, the sender address at
 *   `MAIL FROM`, TLS). Retrying or marking the mail failed would be wrong: every mail would fail
 *   the same way until the settings are fixed, so nothing is recorded and the run stops.
 */
import { oneLine } from '../customer/one-line.js';

/** The outcome of sending one mail. `code` is the SMTP reply code (`550`) or nodemailer's error code (`ECONNECTION`). */
export type MailResult =
  | { kind: 'sent'; messageId: string }
  | { kind: 'transient'; code: string; reply: string }
  | { kind: 'permanent'; code: string; reply: string; address: string }
  | { kind: 'misconfigured'; code: string; reply: string };

/** Error codes that say the settings are wrong, not the message. */
const SETUP_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'ETLS', 'EREQUIRETLS']);

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** The result a send error stands for; `address` is the recipient the mail was for. */
export function classifySendError(error: unknown, address: string): Exclude<MailResult, { kind: 'sent' }> {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  const reply = oneLine(e.response ?? e.message ?? 'no answer', 300);
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const code = status !== null ? String(status) : (e.code ?? 'EUNKNOWN');
  if (status !== null && status >= 500 && status < 600) {
    const aboutMessage = e.command === 'RCPT TO' || e.command === 'DATA' || e.code === 'EMESSAGE';
    return aboutMessage ? { kind: 'permanent', code, reply, address } : { kind: 'misconfigured', code, reply };
  }
  if (status === null && e.code !== undefined && SETUP_CODES.has(e.code)) return { kind: 'misconfigured', code, reply };
  return { kind: 'transient', code, reply };
}

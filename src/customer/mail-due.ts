/**
 * A mail that is due: what the plan returns and the renderer and the log read. The key says
 * which mail it is; once it is in `mail.sent` (or `mail.failed`), the plan never returns it again.
 *
 * Key formats (`<contact>` is the contact's `contactRef`, 12 hex characters, not the address):
 * - `welcome:<contact>`
 * - `your-part:<stage>:<contact>`
 * - `remind:<stage>:<offset>:<contact>` (offset as `parseDuration` spells it: `24h`, `7d`, `3bd`)
 * - `remind:<stage>:manual:<commentId>:<contact>` (`/remind customer`)
 * - `digest:<n>:<contact>` (n = period number from the start, 1 = the first)
 * - `sign-off:<contact>`
 * - `checkin:<day>:<contact>`
 */

export const mailKinds = ['welcome', 'your-part', 'remind', 'digest', 'sign-off', 'checkin'] as const;
export type MailKind = (typeof mailKinds)[number];

/**
 * Mails about something that happened to this onboarding (it started, it went live): they go out
 * even to contacts who unsubscribed, and carry no unsubscribe header. Everything else is
 * non-transactional: never sent to an unsubscribed contact, and always carries one-click unsubscribe.
 */
export const TRANSACTIONAL: ReadonlySet<MailKind> = new Set(['welcome', 'sign-off']);

/** One mail to one contact. */
export interface MailDue {
  key: string;
  kind: MailKind;
  /** The contact's address. */
  contact: string;
  /** The contact's display name (may be empty). */
  name: string;
  /** The stage it is about (your-part, remind; a welcome that also gives the customer's part). */
  stage?: string;
  /** Check-in day (checkin). */
  day?: number;
  /** Period number (digest). */
  period?: number;
  /** The check-in carries the survey link. */
  survey?: boolean;
  /** Keys this mail makes pointless; record them with it (older reminders after downtime, a digest it replaces). */
  skipped: string[];
}

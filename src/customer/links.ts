/**
 * Signed links in customer mail: one-click unsubscribe and the check-in survey. Same scheme as
 * the status page's token (`status-page/token.ts`): `<payload>.<signature>`, both base64url,
 * HMAC-SHA256 under `EMBARK_STATUS_SECRET`. Each kind signs under its own purpose prefix and
 * payload version, so a status-page token is never a valid unsubscribe or survey token, nor
 * the other way round.
 *
 * The payload names the contact by `contactRef` (a hash of the address), so the address is not
 * spelled out in URLs and server logs; the route finds the contact whose ref matches.
 * No expiry: an unsubscribe link must keep working as long as the mail is in someone's inbox.
 * Replaying one is harmless (unsubscribing is idempotent); a second survey answer is refused by
 * the state (`recordSurvey`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { contactRef } from './contact.js';

/** Which onboarding and contact an unsubscribe link stands for. */
export interface UnsubscribeLink {
  owner: string;
  repo: string;
  epic: number;
  /** `contactRef` of the address. */
  contact: string;
}

/** An unsubscribe link's binding plus the check-in day the survey belongs to. */
export interface SurveyLink extends UnsubscribeLink {
  day: number;
}

/** Longest token accepted: a larger one is refused before any hashing. */
export const MAX_LINK_TOKEN_LENGTH = 400;

const PURPOSE = { unsubscribe: 'embark-unsubscribe', survey: 'embark-survey' } as const;
const VERSION = { unsubscribe: 'u1', survey: 's1' } as const;
type Purpose = keyof typeof PURPOSE;

const mac = (secret: string, purpose: Purpose, payload: string): Buffer =>
  createHmac('sha256', secret).update(`${PURPOSE[purpose]}:${payload}`).digest();

function sign(secret: string, purpose: Purpose, fields: string[]): string {
  const payload = Buffer.from([VERSION[purpose], ...fields].join('\n')).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

/** The token's fields after the version, or null when malformed, oversize, tampered or of another purpose. */
function verify(secret: string, purpose: Purpose, token: string, count: number): string[] | null {
  if (token.length > MAX_LINK_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return null;
  const [payload, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // One spelling per token: base64url's last character has spare bits a decoder ignores.
  if (given.toString('base64url') !== signature || Buffer.from(payload, 'base64url').toString('base64url') !== payload) return null;
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  if (fields.length !== count + 1 || fields[0] !== VERSION[purpose]) return null;
  return fields.slice(1);
}

function binding(fields: string[]): UnsubscribeLink | null {
  const [owner, repo, epicText, contact] = fields as [string, string, string, string];
  const epic = Number(epicText);
  if (!owner || !repo || !/^[0-9a-f]{12}$/.test(contact) || !Number.isInteger(epic) || epic <= 0) return null;
  return { owner, repo, epic, contact };
}

/** The unsubscribe token for a contact's address. Owner and repository names never hold `\n`. */
export function signUnsubscribeToken(secret: string, link: { owner: string; repo: string; epic: number; email: string }): string {
  return sign(secret, 'unsubscribe', [link.owner, link.repo, String(link.epic), contactRef(link.email)]);
}

/** What an unsubscribe token binds, or null when it is not a valid one. Constant-time compare. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeLink | null {
  const fields = verify(secret, 'unsubscribe', token, 4);
  return fields ? binding(fields) : null;
}

/** The survey token for a contact and check-in day. */
export function signSurveyToken(secret: string, link: { owner: string; repo: string; epic: number; email: string; day: number }): string {
  return sign(secret, 'survey', [link.owner, link.repo, String(link.epic), contactRef(link.email), String(link.day)]);
}

/** What a survey token binds, or null when it is not a valid one. */
export function verifySurveyToken(secret: string, token: string): SurveyLink | null {
  const fields = verify(secret, 'survey', token, 5);
  const link = fields ? binding(fields) : null;
  const day = Number(fields?.[4]);
  return link && Number.isInteger(day) && day > 0 ? { ...link, day } : null;
}

/**
 * Path of the unsubscribe route. It must unsubscribe on `POST` (RFC 8058 one-click: body
 * `List-Unsubscribe=One-Click`, no cookies, no confirmation) and only show a confirm button on
 * `GET`: mail scanners fetch every link in a message.
 */
export function unsubscribePath(token: string): string {
  return `/embark/unsubscribe/${token}`;
}

/** Path of the survey page (a form; a `GET` must not record an answer, for the same reason). */
export function surveyPath(token: string): string {
  return `/embark/survey/${token}`;
}

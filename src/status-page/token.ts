/**
 * The status page's link token: which onboarding it opens (repository, EPIC), the nonce it is
 * bound to, and an optional expiry, signed with HMAC-SHA256 under `EMBARK_STATUS_SECRET`.
 *
 * The token is `<payload>.<signature>`, both base64url. The payload is not secret (it names a
 * repository and an issue number); the signature makes it unforgeable, and the nonce (kept in
 * the onboarding's hidden state) lets `/share revoke` kill every earlier link at once.
 *
 * A contact's own link (the one in their mail, version `v2`) also names the contact by
 * `contactRef`, so what they do on the page is logged under their name, and removing the contact
 * turns their link off. `/share` links (`v1`) name nobody.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a valid token says. */
export interface StatusLink {
  owner: string;
  repo: string;
  epic: number;
  nonce: string;
  /** Epoch milliseconds after which the link answers 404; null = no expiry. */
  expiresAt: number | null;
  /** `contactRef` of the contact whose mail carried the link; absent for a `/share` link. */
  contact?: string;
}

const VERSION = 'v1';
const CONTACT_VERSION = 'v2';
/** Longest token accepted: a larger one is refused before any hashing. */
export const MAX_TOKEN_LENGTH = 600;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`embark-status:${payload}`).digest();
}

/** A fresh random nonce for an onboarding's links (128 bits, base64url). */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The token for a link. Owner and repository names never hold `\n`, which separates the fields. */
export function signStatusToken(secret: string, link: StatusLink): string {
  const common = [link.owner, link.repo, String(link.epic), link.nonce, link.expiresAt === null ? '' : String(link.expiresAt)];
  const fields = link.contact === undefined ? [VERSION, ...common] : [CONTACT_VERSION, ...common, link.contact];
  const payload = Buffer.from(fields.join('\n')).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/**
 * The link a token stands for, or null when it is malformed, tampered with, signed with another
 * secret, or expired at `now`. The signature is compared in constant time.
 */
export function verifyStatusToken(secret: string, token: string, now: Date): StatusLink | null {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return null;
  const [payload, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // One spelling per token: base64url's last character has spare bits a decoder ignores.
  if (given.toString('base64url') !== signature || Buffer.from(payload, 'base64url').toString('base64url') !== payload) return null;
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  const withContact = fields[0] === CONTACT_VERSION && fields.length === 7;
  if (!withContact && (fields.length !== 6 || fields[0] !== VERSION)) return null;
  const [, owner, repo, epicText, nonce, expiresText, contact] = fields as [string, string, string, string, string, string, string | undefined];
  if (withContact && !/^[0-9a-f]{12}$/.test(contact ?? '')) return null;
  const epic = Number(epicText);
  const expiresAt = expiresText === '' ? null : Number(expiresText);
  if (!owner || !repo || !nonce || !Number.isInteger(epic) || epic <= 0) return null;
  if (expiresAt !== null && (!Number.isFinite(expiresAt) || now.getTime() >= expiresAt)) return null;
  return withContact ? { owner, repo, epic, nonce, expiresAt, contact: contact! } : { owner, repo, epic, nonce, expiresAt };
}

/** Constant-time equality of two short strings (nonces, form tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The sign-off form's anti-forgery token: an HMAC of the page token, the item and a time window.
 * Only a page served to the holder of the link carries it, it is good for one item, and it goes
 * stale after one to two windows, so a form captured long ago cannot be posted again.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from './token.js';

/** One window: a form stays valid for this long at least, twice this long at most. */
export const FORM_WINDOW_MS = 60 * 60 * 1000;

function tokenFor(secret: string, pageToken: string, itemKey: string, window: number): string {
  return createHmac('sha256', secret).update(`embark-sign-off:${pageToken}\n${itemKey}\n${window}`).digest('base64url');
}

/** The token to put in the form for `itemKey` (`<stageKey>/<itemId>`) on the page at `now`. */
export function formToken(secret: string, pageToken: string, itemKey: string, now: Date): string {
  return tokenFor(secret, pageToken, itemKey, Math.floor(now.getTime() / FORM_WINDOW_MS));
}

/** True when `given` was issued for this page and item in the current or the previous window. */
export function formTokenValid(secret: string, pageToken: string, itemKey: string, given: string, now: Date): boolean {
  const window = Math.floor(now.getTime() / FORM_WINDOW_MS);
  // Both windows are always checked, so the time taken does not say which one matched.
  const current = sameSecret(given, tokenFor(secret, pageToken, itemKey, window));
  const previous = sameSecret(given, tokenFor(secret, pageToken, itemKey, window - 1));
  return current || previous;
}

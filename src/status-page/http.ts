/**
 * HTTP details of the status page: the security headers every answer carries, reading a small
 * form body, and the checks that a sign-off post comes from the page itself.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from './html.js';

/** Largest form accepted (a name, an email, a field value or a survey comment and two tokens fit in less). */
export const MAX_FORM_BYTES = 4096;

/**
 * Headers of every status page answer. The token is in the URL, hence no referrer and no shared
 * caches; `no-cache` still lets the browser revalidate with the ETag.
 */
export function securityHeaders(cache: 'revalidate' | 'no-store'): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': cache === 'no-store' ? 'no-store' : 'private, no-cache',
  };
}

/** A strong ETag of a body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when the client's `If-None-Match` names `etag` (or `*`). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

export function sendHtml(res: ServerResponse, status: number, body: string, headers: Record<string, string>, head = false): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(head ? undefined : body);
}

/** The url-encoded form body (at most `maxBytes`), or why it was refused. */
export async function readForm(req: IncomingMessage, maxBytes = MAX_FORM_BYTES): Promise<{ ok: true; form: URLSearchParams } | { ok: false; status: number; message: string }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415, message: 'Send the form from the page itself.' };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, status: 413, message: 'The form is too large.' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return { ok: false, status: 413, message: 'The form is too large.' };
    chunks.push(chunk as Buffer);
  }
  return { ok: true, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
}

/**
 * Does this post come from a page of ours? Browsers send `Sec-Fetch-Site` and `Origin` with form
 * posts. Our pages use `Referrer-Policy: no-referrer`, under which a browser sends `Origin: null`
 * even for our own form, so `null` (or no Origin) is accepted and the form token carries the proof;
 * a real origin that is not ours, or a cross-site fetch, is refused outright.
 */
export function fromOurPage(req: IncomingMessage, publicOrigin: string | null): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  if (publicOrigin) return origin === publicOrigin;
  // No public URL configured: compare with the Host the request was sent to.
  const host = req.headers.host;
  return host !== undefined && (origin === `https://${host}` || origin === `http://${host}`);
}

/** The client's address for rate limits: the socket's, or the first forwarded one behind a trusted proxy. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim() !== '') return forwarded.split(',')[0]!.trim();
  return req.socket?.remoteAddress ?? 'unknown';
}

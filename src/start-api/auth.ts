/**
 * Who may start an onboarding over HTTP. Three ways, any of them enough:
 * - `Authorization: Bearer <EMBARK_API_TOKEN>`;
 * - `X-Embark-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body with `EMBARK_API_SECRET`
 *   (GitHub's webhook scheme; a replay is harmless, it returns the same onboarding);
 * - HubSpot's request signature v3 (`X-HubSpot-Signature-v3`, `X-HubSpot-Request-Timestamp`):
 *   base64 HMAC-SHA256 of method, full URI, raw body and timestamp with the HubSpot app's client
 *   secret (`EMBARK_HUBSPOT_SECRET`); timestamps more than 5 minutes old are refused.
 * Everything is checked on the raw body, before JSON parsing, in constant time. Pure: the clock
 * comes in as `now`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The secrets a deployment set; null when unset. */
export interface ApiSecrets {
  token: string | null;
  secret: string | null;
  hubspotSecret: string | null;
}

/** How old a HubSpot timestamp may be. */
export const HUBSPOT_MAX_AGE_MS = 5 * 60_000;

export type AuthResult = { ok: true; via: 'bearer' | 'signature' | 'hubspot' } | { ok: false; detail: string };

/** What authentication reads of a request. */
export interface AuthInput {
  method: string;
  /** The full URIs the request may have been signed for (behind a proxy, the scheme is a guess). */
  uris: string[];
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  now: number;
}

const header = (h: AuthInput['headers'], name: string): string | null => {
  const v = h[name];
  return v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HubSpot decodes these characters in the URI before signing (its v3 documentation). */
const HUBSPOT_DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** A URI as HubSpot signs it. */
export function hubspotUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => HUBSPOT_DECODED[m.toUpperCase()] ?? m);
}

/** HubSpot's v3 signature of a request. */
export function hubspotSignature(args: { secret: string; method: string; uri: string; body: Buffer | string; timestamp: string }): string {
  return createHmac('sha256', args.secret)
    .update(`${args.method.toUpperCase()}${args.uri}`, 'utf8')
    .update(args.body)
    .update(args.timestamp, 'utf8')
    .digest('base64');
}

/** `sha256=<hex>` of the body with the shared secret. */
export function bodySignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function checkHubSpot(input: AuthInput, secret: string | null): AuthResult {
  if (!secret) return { ok: false, detail: 'HubSpot signatures are not accepted here: set EMBARK_HUBSPOT_SECRET to the HubSpot app\'s client secret' };
  const signature = header(input.headers, 'x-hubspot-signature-v3') ?? '';
  const timestamp = header(input.headers, 'x-hubspot-request-timestamp');
  if (!timestamp || !/^\d{10,16}$/.test(timestamp)) return { ok: false, detail: 'X-HubSpot-Request-Timestamp is missing or not a time in milliseconds' };
  const age = input.now - Number(timestamp);
  if (age > HUBSPOT_MAX_AGE_MS) return { ok: false, detail: `the request was signed ${Math.round(age / 1000)} s ago; HubSpot signatures older than 5 minutes are refused (a replay, or a clock that is off)` };
  if (age < -HUBSPOT_MAX_AGE_MS) return { ok: false, detail: 'X-HubSpot-Request-Timestamp is more than 5 minutes in the future; check the sender\'s clock' };
  const uris = [...new Set(input.uris.flatMap((u) => [hubspotUri(u), u]))];
  const good = uris.some((uri) => sameText(hubspotSignature({ secret, method: input.method, uri, body: input.body, timestamp }), signature));
  if (!good) return { ok: false, detail: 'X-HubSpot-Signature-v3 does not match: check the client secret in EMBARK_HUBSPOT_SECRET and that EMBARK_PUBLIC_URL is the address HubSpot calls' };
  return { ok: true, via: 'hubspot' };
}

/** Check a request against the secrets set; the first credential it carries decides. */
export function authenticate(input: AuthInput, secrets: ApiSecrets): AuthResult {
  if (header(input.headers, 'x-hubspot-signature-v3') !== null) return checkHubSpot(input, secrets.hubspotSecret);
  const signature = header(input.headers, 'x-embark-signature-256');
  if (signature !== null) {
    if (!secrets.secret) return { ok: false, detail: 'signed requests are not accepted here: set EMBARK_API_SECRET, or send Authorization: Bearer' };
    if (!sameText(bodySignature(secrets.secret, input.body), signature.trim())) return { ok: false, detail: 'X-Embark-Signature-256 does not match the body: sign the exact bytes sent, as sha256=<hex of HMAC-SHA256 with EMBARK_API_SECRET>' };
    return { ok: true, via: 'signature' };
  }
  const auth = header(input.headers, 'authorization');
  if (auth !== null) {
    if (!secrets.token) return { ok: false, detail: 'bearer tokens are not accepted here: set EMBARK_API_TOKEN, or sign the body' };
    if (!auth.startsWith('Bearer ') || !sameText(auth.slice(7).trim(), secrets.token)) return { ok: false, detail: 'the bearer token is wrong' };
    return { ok: true, via: 'bearer' };
  }
  return { ok: false, detail: 'the request is not authenticated: send Authorization: Bearer <EMBARK_API_TOKEN>, X-Embark-Signature-256, or a HubSpot v3 signature' };
}

/** True when at least one way in is configured (otherwise the route is off). */
export const apiEnabled = (s: ApiSecrets): boolean => Boolean(s.token || s.secret || s.hubspotSecret);

/** The three ways in, checked on the raw body: bearer, body HMAC, HubSpot's v3 signature. Pure. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { authenticate, bodySignature, HUBSPOT_MAX_AGE_MS, hubspotSignature, hubspotUri } from '../../src/start-api/auth.js';

const secrets = { token: 'tok', secret: 'sec', hubspotSecret: 'hub' };
const NOW = Date.parse('2026-11-23T09:00:00Z');
const URI = 'https://embark.example.com/embark/api/onboardings?repository=acme%2Fonboarding&template=msp';
const body = Buffer.from('{"dealname":"Contoso"}');

const input = (headers: Record<string, string>, extra: Partial<Parameters<typeof authenticate>[0]> = {}) => ({ method: 'POST', uris: [URI], headers, body, now: NOW, ...extra });

describe('HubSpot v3', () => {
  it('is base64 HMAC-SHA256 of method, URI as HubSpot decodes it, body and timestamp', () => {
    const uri = hubspotUri(URI);
    expect(uri).toBe('https://embark.example.com/embark/api/onboardings?repository=acme/onboarding&template=msp');
    const expected = createHmac('sha256', 'hub').update(`POST${uri}${body.toString()}${NOW}`).digest('base64');
    expect(hubspotSignature({ secret: 'hub', method: 'post', uri, body, timestamp: String(NOW) })).toBe(expected);
    expect(authenticate(input({ 'x-hubspot-signature-v3': expected, 'x-hubspot-request-timestamp': String(NOW) }), secrets)).toEqual({ ok: true, via: 'hubspot' });
  });

  it('refuses timestamps older than 5 minutes, and a HubSpot signature when no client secret is set', () => {
    const at = NOW - HUBSPOT_MAX_AGE_MS - 1;
    const sig = hubspotSignature({ secret: 'hub', method: 'POST', uri: hubspotUri(URI), body, timestamp: String(at) });
    const stale = authenticate(input({ 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': String(at) }), secrets);
    expect(stale).toMatchObject({ ok: false });
    const off = authenticate(input({ 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': String(NOW) }), { ...secrets, hubspotSecret: null });
    expect(off.ok ? '' : off.detail).toContain('EMBARK_HUBSPOT_SECRET');
    const noTime = authenticate(input({ 'x-hubspot-signature-v3': sig }), secrets);
    expect(noTime.ok ? '' : noTime.detail).toContain('X-HubSpot-Request-Timestamp');
  });

  it('a signature for one body does not pass for another', () => {
    const sig = hubspotSignature({ secret: 'hub', method: 'POST', uri: hubspotUri(URI), body, timestamp: String(NOW) });
    expect(authenticate(input({ 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': String(NOW) }, { body: Buffer.from('{"dealname":"Contoso!"}') }), secrets).ok).toBe(false);
  });
});

describe('bearer and body signature', () => {
  it('accepts the right token or signature, refuses the wrong ones and none', () => {
    expect(authenticate(input({ authorization: 'Bearer tok' }), secrets)).toEqual({ ok: true, via: 'bearer' });
    expect(authenticate(input({ authorization: 'Bearer tokk' }), secrets).ok).toBe(false);
    expect(authenticate(input({ authorization: 'Basic dG9r' }), secrets).ok).toBe(false);
    expect(authenticate(input({ 'x-embark-signature-256': bodySignature('sec', body) }), secrets)).toEqual({ ok: true, via: 'signature' });
    expect(authenticate(input({ 'x-embark-signature-256': bodySignature('other', body) }), secrets).ok).toBe(false);
    expect(authenticate(input({}), secrets).ok).toBe(false);
    expect(authenticate(input({ authorization: 'Bearer tok' }), { ...secrets, token: null }).ok).toBe(false);
  });
});

/** Reading a start request: Embark's strict body, and a record's properties with the target in the URL. Pure. */
import { describe, expect, it } from '@jest/globals';
import { flattenProperties, parseStartRequest } from '../../src/start-api/request.js';
import { readIdempotencyKey, START_KEY, startKey } from '../../src/start-api/start-key.js';

const none = new URLSearchParams();

describe('parseStartRequest', () => {
  it('reads Embark\'s body, values as text, owners as lists', () => {
    const parsed = parseStartRequest({ repository: 'acme/onboarding', template: 'msp', customer: ' Contoso ', fields: { seats: 25, vip: true, none: null }, owners: { CSM: '@alice bob' }, contacts: [{ email: 'jo@contoso.com' }] }, none);
    expect(parsed).toEqual({
      ok: true,
      request: {
        shape: 'envelope', repository: { owner: 'acme', repo: 'onboarding' }, template: 'msp', customer: 'Contoso', externalId: null,
        fields: { seats: '25', vip: 'true' }, properties: {}, owners: { CSM: ['alice', 'bob'] }, contacts: [{ name: '', email: 'jo@contoso.com' }],
      },
    });
  });

  it('names every unknown key, in the body and in nested objects', () => {
    const parsed = parseStartRequest({ repository: 'acme/onboarding', template: 'msp', colour: 1, contacts: [{ email: 'a@b.co', phone: '1' }] }, none);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.pointer).sort()).toEqual(['/colour', '/contacts/0/phone']);
  });

  it('takes the whole body as properties when the URL names the repository and template', () => {
    const parsed = parseStartRequest({ dealname: 'Contoso', amount: 1200, properties: { hs_object_id: { value: '77' } } }, new URLSearchParams('repository=acme/onboarding&template=msp'));
    expect(parsed.ok && parsed.request.properties).toEqual({ dealname: 'Contoso', amount: '1200', hs_object_id: '77' });
    const extra = parseStartRequest({}, new URLSearchParams('repository=acme/onboarding&template=msp&force=1'));
    expect(extra.ok ? [] : extra.errors.map((e) => e.pointer)).toEqual(['#/query/force']);
  });

  it('flattens HubSpot\'s object shape and drops empty properties', () => {
    expect(flattenProperties({ objectId: 5, properties: { a: { value: 'x', versions: [] }, b: null } })).toEqual({ objectId: '5', a: 'x' });
  });
});

describe('start keys', () => {
  it('come from the Idempotency-Key, else the external id, else the template and customer', () => {
    const base = { template: 'Managed Services', customer: 'Contoso' };
    const idem = startKey({ ...base, idempotencyKey: 'k1', externalId: 'd1' });
    expect(idem.source).toBe('idempotency-key');
    expect(idem.key).toMatch(START_KEY);
    expect(startKey({ ...base, idempotencyKey: null, externalId: 'd1' }).source).toBe('external-id');
    const byCustomer = startKey({ ...base, idempotencyKey: null, externalId: null });
    expect(startKey({ template: 'managed services', customer: '  CONTOSO ', idempotencyKey: null, externalId: null }).key).toBe(byCustomer.key);
    expect(idem.key.slice(0, 8)).toBe(byCustomer.key.slice(0, 8));
    expect(new Set([idem.key, byCustomer.key, startKey({ ...base, idempotencyKey: 'k2', externalId: null }).key]).size).toBe(3);
  });

  it('reads a usable Idempotency-Key header', () => {
    expect(readIdempotencyKey(undefined)).toEqual({ ok: true, key: null });
    expect(readIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toEqual({ ok: true, key: '8e03978e-40d5-43e8-bc93-6894a57f9324' });
    expect(readIdempotencyKey('two words').ok).toBe(false);
    expect(readIdempotencyKey('x'.repeat(256)).ok).toBe(false);
  });
});

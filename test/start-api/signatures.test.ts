/**
 * Who may start an onboarding: a HubSpot workflow's webhook as HubSpot sends it (v3 signature over
 * method, URI, body and timestamp; the record's properties as the body, mapped by the repository's
 * `api` config), a body signed with the shared secret, a bearer token. Anything else is refused
 * with a problem document and creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiBed, apiIssues, hubspotHeaders, REPO, START_PATH, startApiBed } from './api-bed.js';

const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob, carol]
api:
  customer: dealname
  externalId: hs_object_id
  fields:
    Primary domain: company_domain
  owners:
    Engineer: engineer_login
`;

/** What a HubSpot deal workflow's "Send a webhook" action posts (properties chosen in the action). */
const DEAL = { hs_object_id: 9001, dealname: 'Northwind Traders', tenant_id: 'T-77', company_domain: 'northwind.example', engineer_login: 'carol', dealstage: 'closedwon' };
const PATH = `${START_PATH}?repository=acme%2Fonboarding&template=msp`;

let api: ApiBed;
beforeAll(async () => {
  api = await startApiBed({ config: CONFIG });
});
afterAll(async () => {
  api.bed.double.assertNoViolations();
  await api.close();
});

const now = () => api.bed.clock.now.getTime();

async function hubspot(body: string, at: number, extra: { tamper?: (b: string) => string; path?: string } = {}) {
  const headers = hubspotHeaders({ base: api.base, path: extra.path ?? PATH, body, at });
  return api.start(null, { raw: extra.tamper ? extra.tamper(body) : body, path: extra.path ?? PATH, auth: 'none', headers });
}

describe('start API authentication', () => {
  it('accepts a HubSpot-signed webhook and maps the deal\'s properties', async () => {
    const body = JSON.stringify(DEAL);
    const res = await hubspot(body, now() - 60_000);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'started', customer: 'Northwind Traders', keySource: 'external-id', ignored: ['dealstage'] });
    await api.settle();
    const epic = apiIssues(api).find((i) => i.title.endsWith('Northwind Traders'))!;
    expect(epic.body).toContain('- Tenant ID: `T-77`');
    expect(epic.body).toContain('- Primary domain: `northwind.example`');
    const [, access] = api.bed.double.subIssues(REPO, epic.number);
    // The mapped Engineer replaces the config's (bob, carol); the CSM stays the config's.
    expect([...access!.assignees].sort()).toEqual(['alice', 'carol']);
    // HubSpot retries the same deal (a replay inside the 5 minutes): the same onboarding.
    const again = await hubspot(body, now());
    expect(again.json.epic).toEqual(res.json.epic);
  });

  it('reads HubSpot\'s object shape too (properties with value entries)', async () => {
    const body = JSON.stringify({ objectId: 9002, properties: { hs_object_id: { value: '9002' }, dealname: { value: 'Tailspin Toys', timestamp: 1 }, tenant_id: { value: 'T-78' } } });
    const res = await hubspot(body, now());
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ customer: 'Tailspin Toys', keySource: 'external-id' });
  });

  it('refuses a tampered body, a stale or future timestamp, and a wrong secret, creating nothing', async () => {
    await api.settle();
    const before = api.bed.double.issues(REPO).length;
    const body = JSON.stringify({ ...DEAL, hs_object_id: 9100, dealname: 'Tampered Inc' });
    const tampered = await hubspot(body, now(), { tamper: (b) => b.replace('Tampered Inc', 'Tampered Ltd') });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toBe('application/problem+json');
    expect(tampered.json).toMatchObject({ status: 401, type: '/embark/api/problems/unauthorized' });
    expect(tampered.json.detail).toContain('X-HubSpot-Signature-v3 does not match');
    const stale = await hubspot(body, now() - 6 * 60_000);
    expect(stale.status).toBe(401);
    expect(stale.json.detail).toContain('older than 5 minutes');
    expect((await hubspot(body, now() + 10 * 60_000)).status).toBe(401);
    // Signed for another address (the query string is part of what HubSpot signs).
    const headers = hubspotHeaders({ base: api.base, path: PATH, body, at: now() });
    const moved = await api.start(null, { raw: body, path: `${START_PATH}?repository=acme%2Fonboarding&template=other`, auth: 'none', headers });
    expect(moved.status).toBe(401);
    const wrongSecret = hubspotHeaders({ base: api.base, path: PATH, body, at: now(), secret: 'not-the-secret' });
    expect((await api.start(null, { raw: body, path: PATH, auth: 'none', headers: wrongSecret })).status).toBe(401);
    await api.settle();
    expect(api.bed.double.issues(REPO)).toHaveLength(before);
  });

  it('takes a body signed with the shared secret, and refuses a wrong signature', async () => {
    const body = { repository: REPO, template: 'msp', customer: 'Signed Co' };
    expect((await api.start(body, { auth: 'signature' })).status).toBe(202);
    const forged = await api.start(body, { auth: 'none', headers: { 'x-embark-signature-256': `sha256=${'0'.repeat(64)}` } });
    expect(forged.status).toBe(401);
    expect(forged.json.detail).toContain('X-Embark-Signature-256 does not match');
  });

  it('refuses unsigned requests and wrong tokens', async () => {
    const body = { repository: REPO, template: 'msp', customer: 'Nobody' };
    const unsigned = await api.start(body, { auth: 'none' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('www-authenticate')).toContain('Bearer');
    expect(unsigned.json.detail).toContain('not authenticated');
    expect((await api.start(body, { auth: { bearer: 'guess' } })).status).toBe(401);
    expect((await api.get(`${START_PATH}/0123abcd-0123456789abcdef?repository=${REPO}`, {})).status).toBe(401);
  });
});

describe('start API switched off', () => {
  it('answers 404 while no token or secret is set', async () => {
    const off = await startApiBed({ env: { EMBARK_API_TOKEN: '', EMBARK_API_SECRET: '', EMBARK_HUBSPOT_SECRET: '' } });
    try {
      const res = await off.start({ repository: REPO, template: 'msp', customer: 'X' });
      expect(res.status).toBe(404);
      expect(res.json.detail).toContain('EMBARK_API_TOKEN');
    } finally {
      await off.close();
    }
  });
});

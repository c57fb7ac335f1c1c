/**
 * Bad requests to the start API get a clear answer (RFC 9457 problem details naming the field)
 * and leave nothing behind: no issue, no comment, no write at all. A start GitHub refuses is
 * answered as failed and is whole on the next try; a creation whose answer was lost is made once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Answer, type ApiBed, apiIssues, REPO, START_PATH, startApiBed, TOKEN } from './api-bed.js';

let api: ApiBed;
beforeAll(async () => {
  api = await startApiBed();
  api.bed.double.addRepo({ owner: 'acme', name: 'empty', collaborators: {}, files: {} });
});
afterAll(async () => {
  api.bed.double.assertNoViolations();
  await api.close();
});

const good = { repository: REPO, template: 'msp', customer: 'Contoso' };

/** The request is refused as `status`, with these pointers, and nothing was written. */
async function refused(send: () => Promise<Answer>, status: number, pointers: string[] = []): Promise<Answer> {
  await api.settle();
  api.bed.double.resetCounts();
  const issues = api.bed.double.issues(REPO).length;
  const res = await send();
  await api.settle();
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.json.status).toBe(status);
  expect(typeof res.json.title).toBe('string');
  expect(typeof res.json.detail).toBe('string');
  expect((res.json.errors ?? []).map((e: { pointer: string }) => e.pointer)).toEqual(pointers);
  // Nothing written: the only POST is the app's installation token.
  expect(api.bed.double.requests.filter((r) => r.method !== 'GET' && r.route !== 'POST /app/installations/{installation_id}/access_tokens' && !(r.graphql && !r.graphql.mutation))).toEqual([]);
  expect(api.bed.double.issues(REPO)).toHaveLength(issues);
  return res;
}

describe('bad start requests', () => {
  it('names an unknown field of the body', async () => {
    const res = await refused(() => api.start({ ...good, colour: 'blue', fields: { 'Tenant ID': 'T-1' } }), 422, ['/colour']);
    expect(res.json.errors[0].detail).toContain('unknown field; the body takes repository, template');
  });

  it('names a missing or malformed field', async () => {
    await refused(() => api.start({ template: 'msp', customer: 'X' }), 422, ['/repository']);
    await refused(() => api.start({ ...good, repository: 'acme' }), 422, ['/repository']);
    await refused(() => api.start({ ...good, customer: 'Two\nlines' }), 422, ['/customer']);
  });

  it('names a template that does not exist, and lists the ones that do', async () => {
    const res = await refused(() => api.start({ ...good, template: 'no-such-template' }), 422, ['/template']);
    expect(res.json.errors[0].detail).toContain('no onboarding template matches "no-such-template"; the templates here are msp');
  });

  it('names an intake field or a role the template does not have, and values that cannot go in', async () => {
    const unknown = await refused(() => api.start({ ...good, fields: { 'Tenant IDD': 'T-1' } }), 422, ['/fields/Tenant IDD']);
    expect(unknown.json.errors[0].detail).toContain('its fields are "Tenant ID", "Primary domain"');
    await refused(() => api.start({ ...good, fields: { 'Tenant ID': 'TBD' } }), 422, ['/fields/Tenant ID']);
    await refused(() => api.start({ ...good, fields: { 'Tenant ID': 'a`b' } }), 422, ['/fields/Tenant ID']);
    await refused(() => api.start({ ...good, owners: { Sales: ['dave'] } }), 422, ['/owners/Sales']);
    await refused(() => api.start({ ...good, owners: { CSM: ['not a login!'] } }), 422, ['/owners/CSM']);
    await refused(() => api.start({ ...good, contacts: [{ email: 'not-an-address' }] }), 422, ['/contacts/0/email']);
    await refused(() => api.start({ ...good, customer: '%customer%' }), 422, ['/customer']);
  });

  it('names a repository the app cannot reach', async () => {
    const res = await refused(() => api.start({ ...good, repository: 'elsewhere/secret' }), 422, ['/repository']);
    expect(res.json.errors[0].detail).toContain('Embark is not installed on elsewhere/secret');
    const none = await refused(() => api.start({ ...good, repository: 'acme/empty' }), 422, ['/template']);
    expect(none.json.errors[0].detail).toContain('the templates here are');
  });

  it('refuses a body that is not JSON, too large, or a bad Idempotency-Key; and other methods', async () => {
    await refused(() => api.start(null, { raw: '{"repository": ' }), 400);
    await refused(() => api.start(null, { raw: JSON.stringify({ ...good, fields: { 'Tenant ID': 'x'.repeat(300_000) } }) }), 413);
    await refused(() => api.start(good, { idempotencyKey: 'has spaces in it' }), 400, ['#/header/Idempotency-Key']);
    const get = await api.get(START_PATH);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('properties in the body need the repository and template in the URL, and a customer', async () => {
    await refused(() => api.start({ dealname: 'X' }, { path: `${START_PATH}?repository=acme%2Fonboarding` }), 422, ['#/query/template']);
    const res = await refused(() => api.start({ dealname: 'X' }, { path: `${START_PATH}?repository=acme%2Fonboarding&template=msp` }), 422, ['/customer']);
    expect(res.json.errors[0].detail).toContain('api.customer in .github/onboarding.yml');
  });

  it('a poll needs a key and a repository', async () => {
    const res = await api.get(`${START_PATH}/not-a-key?repository=acme`, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/path/key', '#/query/repository']);
  });
});

describe('a start GitHub refuses or answers badly', () => {
  it('a refused creation answers 502 and leaves nothing; the next request starts it whole', async () => {
    const fault = api.bed.double.fail({ route: 'POST /repos/{owner}/{repo}/issues', status: 403, message: 'Resource not accessible by integration', times: Infinity });
    const failed = await api.start({ ...good, customer: 'Refused Ltd' });
    expect(failed.status).toBe(502);
    expect(failed.json.detail).toContain('Resource not accessible by integration');
    await api.settle();
    expect(apiIssues(api).filter((i) => i.title.endsWith('Refused Ltd'))).toHaveLength(0);
    fault.clear();
    const again = await api.start({ ...good, customer: 'Refused Ltd' });
    expect(again.status).toBe(202);
    expect(again.json.status).toBe('started');
    await api.settle();
    expect(apiIssues(api).filter((i) => i.title.endsWith('Refused Ltd'))).toHaveLength(1);
  });

  it('a creation GitHub made but answered 502 is found by the retry, not made twice', async () => {
    api.bed.double.fail({ route: 'POST /repos/{owner}/{repo}/issues', status: 502, after: 'apply' });
    const res = await api.start({ ...good, customer: 'Lost Answer Co' });
    expect(res.status).toBe(202);
    expect(res.json.status).toBe('started');
    await api.settle();
    const made = apiIssues(api).filter((i) => i.title.endsWith('Lost Answer Co'));
    expect(made).toHaveLength(1);
    expect(api.bed.double.subIssues(REPO, made[0]!.number)).toHaveLength(3);
  });
});

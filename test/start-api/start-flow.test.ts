/**
 * `POST /embark/api/onboardings` end to end on the GitHub double: a start becomes an EPIC with
 * its stages, a repeat returns it, concurrent repeats make one, and bad requests make nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type ApiBed, apiIssues, REPO, START_PATH, startApiBed } from './api-bed.js';

let api: ApiBed | undefined;
afterEach(async () => {
  api?.bed.double.assertNoViolations();
  await api?.close();
  api = undefined;
});

const contoso = {
  repository: REPO,
  template: 'msp',
  customer: 'Contoso',
  externalId: 'deal-1001',
  fields: { 'Tenant ID': 'T-42', primary_domain: 'contoso.com' },
  owners: { CSM: ['carol'] },
};

describe('the start API', () => {
  it('starts an onboarding and answers 202 with the EPIC', async () => {
    api = await startApiBed();
    const res = await api.start(contoso);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'started', repository: REPO, customer: 'Contoso', template: 'msp', keySource: 'external-id', problems: [], ignored: [] });
    expect(res.headers.get('location')).toBe(res.json.poll);
    await api.settle();
    const [epic] = apiIssues(api);
    expect(epic!.title).toBe('[Managed Services Onboarding] Contoso');
    expect(res.json.epic).toEqual({ number: epic!.number, url: `${api.bed.double.url}/${REPO}/issues/${epic!.number}` });
    expect(epic!.body).toContain('- Tenant ID: `T-42`');
    expect(epic!.body).toContain('- Primary domain: `contoso.com`');
    const stages = api.bed.double.subIssues(REPO, epic!.number);
    expect(stages.map((s) => s.title)).toEqual([
      '[Managed Services Onboarding] Contoso · Stage 0: Agreement',
      '[Managed Services Onboarding] Contoso · Stage 1: Access',
      '[Managed Services Onboarding] Contoso · Stage 2: Setup',
    ]);
    // The request's owners replace the config's for that role.
    expect(stages[0]!.assignees).toEqual(['carol']);
    expect(api.bed.double.comments(REPO, epic!.number).some((c) => c.body.startsWith('<!-- embark:status -->'))).toBe(true);
  });

  it('a repeat with the same key returns the same onboarding, with no GitHub request', async () => {
    api = await startApiBed();
    const first = await api.start({ ...contoso, externalId: undefined }, { idempotencyKey: 'crm-evt-77' });
    await api.settle();
    api.bed.double.resetCounts();
    const again = await api.start({ ...contoso, externalId: undefined }, { idempotencyKey: 'crm-evt-77' });
    expect(again.status).toBe(202);
    expect(again.json.epic).toEqual(first.json.epic);
    expect(again.json.keySource).toBe('idempotency-key');
    await api.settle();
    expect(api.bed.double.counts().total).toBe(0);
    expect(apiIssues(api)).toHaveLength(1);
  });

  it('a repeat the ledger forgot (another process) finds the EPIC in GitHub and creates nothing', async () => {
    api = await startApiBed({ replicas: 1 });
    const first = await api.start(contoso);
    await api.settle();
    // As a restarted process would: no record of the start, only GitHub.
    await api.bed.deps.startApi!.ledger.set(`acme/onboarding#${first.json.key}`, { status: 'queued', epic: null, problems: [] });
    const again = await api.start(contoso);
    expect(again.json).toMatchObject({ status: 'started', epic: first.json.epic });
    await api.settle();
    expect(apiIssues(api)).toHaveLength(1);
  });

  it('ten identical requests at once create one onboarding', async () => {
    api = await startApiBed();
    const answers = await Promise.all(Array.from({ length: 10 }, () => api!.start(contoso)));
    await api.settle();
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const epics = new Set(answers.map((a) => a.json.epic?.number));
    expect(epics.size).toBe(1);
    expect(apiIssues(api)).toHaveLength(1);
    expect(api.bed.double.subIssues(REPO, [...epics][0]!)).toHaveLength(3);
    // One issue per stage, one EPIC: nothing else was opened.
    expect(api.bed.double.issues(REPO)).toHaveLength(4);
  });

  it('without a key or external id, one onboarding per customer and template', async () => {
    api = await startApiBed();
    const a = await api.start({ repository: REPO, template: 'msp', customer: 'Fabrikam' });
    const b = await api.start({ repository: REPO, template: 'MSP', customer: '  fabrikam ' });
    expect(b.json.keySource).toBe('customer');
    expect(b.json.epic).toEqual(a.json.epic);
    const other = await api.start({ repository: REPO, template: 'msp', customer: 'Fabrikam', externalId: 'renewal-2027' });
    expect(other.json.epic.number).not.toBe(a.json.epic.number);
    await api.settle();
    expect(apiIssues(api)).toHaveLength(2);
    // The second start waited its turn: 5 creations (issue, 3 stages, status) at 64 a minute.
    expect(api.paceWaits).toEqual([Math.ceil((60_000 * 5) / 64)]);
  });

  it('polls a start by its key', async () => {
    api = await startApiBed();
    const res = await api.start(contoso);
    await api.settle();
    const polled = await api.get(res.json.poll);
    expect(polled.status).toBe(200);
    expect(polled.json).toMatchObject({ status: 'started', epic: res.json.epic, key: res.json.key });
    const unknown = await api.get(`${START_PATH}/0123abcd-0123456789abcdef?repository=${REPO}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers with the address to poll when the EPIC is not there in time, and the poll then finds it', async () => {
    api = await startApiBed({ waitMs: 0 });
    const res = await api.start(contoso);
    expect(res.status).toBe(202);
    expect(res.json.status).toBe('queued');
    expect(res.json.epic).toBeNull();
    await api.settle();
    expect((await api.get(res.json.poll)).json).toMatchObject({ status: 'started', epic: { number: apiIssues(api)[0]!.number } });
  });
});

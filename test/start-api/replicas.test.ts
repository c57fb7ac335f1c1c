/**
 * The start API on two replicas sharing Redis: requests for one start reach both, and the start
 * lane's job id, the lock on the start's key and the ledger all live in Redis, so ten identical
 * requests spread over the replicas still make one onboarding, and every answer names it.
 * Uses the real Redis at REDIS_URL (default 127.0.0.1:6379).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type ApiBed, apiIssues, REPO, startApiBed } from './api-bed.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let api: ApiBed | undefined;
afterEach(async () => {
  api?.bed.double.assertNoViolations();
  await api?.close();
  api = undefined;
});

describe('the start API on two replicas', () => {
  it('ten identical requests over both replicas create one onboarding', async () => {
    api = await startApiBed({ replicas: 2, redis: { url: REDIS_URL, prefix: `embark-test-api-${process.pid}-${Date.now()}` } });
    const body = { repository: REPO, template: 'msp', customer: 'Contoso', fields: { 'Tenant ID': 'T-9' } };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => api!.start(body, { replica: i % 2, idempotencyKey: 'won-deal-5521' })));
    await api.settle();
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const numbers = new Set(answers.map((a) => a.json.epic?.number));
    expect(numbers.size).toBe(1);
    expect(apiIssues(api)).toHaveLength(1);
    expect(api.bed.double.issues(REPO)).toHaveLength(4);
    // The other replica answers a later repeat from the shared ledger.
    const later = await api.start(body, { replica: 1, idempotencyKey: 'won-deal-5521' });
    expect(later.json.epic).toEqual(answers[0]!.json.epic);
  });
});

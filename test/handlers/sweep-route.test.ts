import { describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { createDeps } from '../../src/app/create-deps.js';
import { readSettings } from '../../src/app/settings.js';
import { createMemorySweepGate } from '../../src/coordination/sweep-gate.js';
import { sweepRoute } from '../../src/handlers/sweep-runner.js';
import { callRoute } from '../support/fake-http.js';

/** A fake app with no installations: the route's job here is auth and answers, not sweeping. */
const app = {
  auth: async () => ({ paginate: async () => [], rest: { apps: { listInstallations: {} } } }),
  log: { error() {}, info() {} },
} as unknown as Probot;

async function call(method: string, url: string, auth?: string, token: string | null = 'sekret') {
  return callRoute(sweepRoute(app, createDeps(readSettings({})), createMemorySweepGate(), { ...readSettings({}).sweep, requestTimeoutMs: 1000, token }), method, url, auth);
}

describe('POST /embark/sweep', () => {
  it('leaves other routes to Probot', async () => {
    expect((await call('POST', '/api/github/webhooks')).handled).toBe(false);
  });
  it('refuses a missing or wrong token, and GET', async () => {
    expect((await call('POST', '/embark/sweep')).status).toBe(401);
    expect((await call('POST', '/embark/sweep', 'Bearer nope')).status).toBe(401);
    expect((await call('GET', '/embark/sweep', 'Bearer sekret')).status).toBe(405);
  });
  it('is off when no token is configured', async () => {
    expect((await call('POST', '/embark/sweep', 'Bearer sekret', null)).status).toBe(404);
  });
  it('sweeps with the right token and reports what it did', async () => {
    const r = await call('POST', '/embark/sweep', 'Bearer sekret');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ onboardings: 0, due: 0, posted: 0, mailed: 0, repaired: 0, failed: [], warnings: [], failedInstallations: [] });
  });
});

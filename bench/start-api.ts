/**
 * The start API's figures against the GitHub double (150 ms latency, the throttled production
 * client): GitHub requests per API start, cold (first request of the process: installation and
 * templates looked up) and warm, beside a start from an issue plus its creation (the goal), the
 * requests of a repeat, and the time from the request to a ready EPIC (its stage issues and
 * status comment all there, which is when the answer comes).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSettings } from '../src/app/settings.js';
import { installationsOf } from '../src/handlers/installations.js';
import { startApiRoute } from '../src/handlers/start-api/route.js';
import { type Bed, openOnboarding, REPO, startBed } from './bed.js';
import { figures, type RequestFigures } from './flows.js';

const TOKEN = 'bench-api-token';

export interface ApiStartRun extends RequestFigures {
  /** From sending the request to the answer naming the started EPIC. */
  msToReadyEpic: number;
}

export interface StartApiFigures {
  latencyMs: number;
  cold: ApiStartRun;
  warm: ApiStartRun;
  repeat: RequestFigures;
  /** A start from an issue (templates cached) plus the issue's creation: the goal. */
  fromIssueWarm: RequestFigures;
  goal: number;
}

async function post(base: string, body: unknown): Promise<{ status: number; json: { status: string; epic: { number: number } | null } }> {
  const res = await fetch(`${base}/embark/api/onboardings`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as never };
}

export async function benchStartApi(latencyMs: number): Promise<StartApiFigures> {
  const env = { EMBARK_API_TOKEN: TOKEN };
  let virtual = 0;
  const bed: Bed = await startBed({ latencyMs, throttle: true, env, requestTimeoutMs: 60_000, paceClock: { now: () => virtual, sleep: async (ms) => {
    virtual += ms;
  } } });
  const settings = readSettings(env);
  const route = startApiRoute({
    deps: bed.deps,
    secrets: settings.api.secrets,
    publicUrl: null,
    queue: bed.runtime.starts,
    installationFor: installationsOf(bed.probot, { requestTimeoutMs: 60_000 }),
    log: { warn() {} },
    waitMs: 120_000,
  });
  const server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idle = { timeoutMs: 120_000 };
  try {
    // A start from an issue first (as benchStart), so the templates are cached for the warm figure.
    openOnboarding(bed, 'Warm-up');
    await bed.double.idle(idle);
    bed.double.resetCounts();
    openOnboarding(bed, 'From an issue');
    await bed.double.idle(idle);
    const fromIssueWarm = figures(bed.double.counts());
    const timed = async (customer: string): Promise<ApiStartRun> => {
      bed.double.resetCounts();
      const began = performance.now();
      const res = await post(base, { repository: REPO, template: 'bench', customer, fields: { 'Tenant ID': 'T-1' } });
      const ms = performance.now() - began;
      if (res.status !== 202 || res.json.status !== 'started' || !res.json.epic) throw new Error(`bench: API start of ${customer} answered ${res.status} ${JSON.stringify(res.json)}`);
      if (bed.double.subIssues(REPO, res.json.epic.number).length !== 5) throw new Error('bench: the API start has no 5 stage issues');
      await bed.double.idle(idle);
      return { msToReadyEpic: Math.round(ms), ...figures(bed.double.counts()) };
    };
    const cold = await timed('Contoso');
    const warm = await timed('Fabrikam');
    bed.double.resetCounts();
    await post(base, { repository: REPO, template: 'bench', customer: 'Fabrikam', fields: { 'Tenant ID': 'T-1' } });
    const repeat = figures(bed.double.counts());
    bed.double.assertNoViolations();
    return { latencyMs, cold, warm, repeat, fromIssueWarm, goal: fromIssueWarm.total + 1 };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await bed.close();
  }
}

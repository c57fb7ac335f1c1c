/**
 * The start API against the GitHub double: Embark in Probot (the flow tests' bed, optionally on
 * Redis with several replicas) plus a real HTTP server per replica carrying the start route, the
 * way `probot run` mounts it. API starts are paced on a simulated clock that records each wait.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSettings } from '../../src/app/settings.js';
import type { PaceClock } from '../../src/enroll/pace.js';
import { installationsOf } from '../../src/handlers/installations.js';
import { startApiRoute } from '../../src/handlers/start-api/route.js';
import type { RedisQueue } from '../../src/jobs/redis-queue.js';
import { bodySignature, hubspotSignature } from '../../src/start-api/auth.js';
import { type Bed, BODY, CONFIG, REPO, startBed } from '../flows/harness.js';

export const TOKEN = 'api-token-for-tests';
export const SECRET = 'api-shared-secret-for-tests';
export const HUBSPOT_SECRET = 'hubspot-client-secret-for-tests';
export const ENV = { EMBARK_API_TOKEN: TOKEN, EMBARK_API_SECRET: SECRET, EMBARK_HUBSPOT_SECRET: HUBSPOT_SECRET };

/** A template with an intake field per kind of value, and a role each. */
export const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
---
### Description
- Tenant ID: \`xxx\`
- Primary domain: \`xxx\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled

### Stage 2: Setup
- [ ] Engineer >> Monitoring enabled
`;

export interface ApiBed {
  bed: Bed;
  /** The address of replica 0's server (`base(i)` for another). */
  base: string;
  bases: string[];
  /** Milliseconds each API start waited for its pace slot (simulated). */
  paceWaits: number[];
  /** POST a start; `auth` picks the credential (default the bearer token). */
  start(body: unknown, options?: StartOptions): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  /** Wait until the double, the webhook jobs and the start lanes are idle. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  auth?: 'bearer' | 'signature' | 'none' | { bearer: string };
  idempotencyKey?: string;
  /** Send to this replica's server. */
  replica?: number;
  /** Path and query after the host (default the start path). */
  path?: string;
  /** The raw body, when it must not be `JSON.stringify(body)`. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers read by the tests
  json: any;
}

export const START_PATH = '/embark/api/onboardings';

/** A simulated pace clock: sleeping lets the app finish, then moves time on. */
function paceClock(waits: number[]): PaceClock {
  let now = 0;
  return {
    now: () => now,
    async sleep(ms) {
      waits.push(ms);
      now += ms;
    },
  };
}

export async function startApiBed(
  options: { env?: NodeJS.ProcessEnv; config?: string; template?: string; waitMs?: number; redis?: { url: string; prefix: string }; replicas?: number } = {},
): Promise<ApiBed> {
  const paceWaits: number[] = [];
  const env = { ...ENV, ...options.env };
  const bed = await startBed({
    files: { '.github/onboarding.yml': options.config ?? CONFIG, '.github/ISSUE_TEMPLATE/msp.md': options.template ?? TEMPLATE },
    env,
    redis: options.redis,
    replicas: options.replicas,
    paceClock: paceClock(paceWaits),
    // Ten requests at once on a busy machine: the default 2 s deadline of a test bed is too tight.
    requestTimeoutMs: 10_000,
  });
  const settings = readSettings(env);
  const servers: Server[] = [];
  const bases: string[] = [];
  for (const replica of bed.replicas) {
    const route = startApiRoute({
      deps: replica.runtime.deps,
      secrets: settings.api.secrets,
      publicUrl: settings.api.publicUrl,
      queue: replica.runtime.starts,
      installationFor: installationsOf(replica.probot, { requestTimeoutMs: 10_000 }),
      log: { warn: (obj: object, msg: string) => process.env.API_BED_LOG && console.warn(msg, obj) },
      waitMs: options.waitMs ?? 15_000,
      clock: () => bed.clock.now.getTime(),
    });
    const server = createServer((req, res) => {
      void route(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end('not ours');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const answer = async (res: Response): Promise<Answer> => {
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  };
  return {
    bed,
    base: bases[0]!,
    bases,
    paceWaits,
    async start(body, o = {}) {
      const raw = o.raw ?? JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      const auth = o.auth ?? 'bearer';
      if (auth === 'bearer') headers.authorization = `Bearer ${TOKEN}`;
      else if (auth === 'signature') headers['x-embark-signature-256'] = bodySignature(SECRET, raw);
      else if (typeof auth === 'object') headers.authorization = `Bearer ${auth.bearer}`;
      if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
      return answer(await fetch(`${bases[o.replica ?? 0]}${o.path ?? START_PATH}`, { method: 'POST', headers, body: raw }));
    },
    async get(path, headers = { authorization: `Bearer ${TOKEN}` }) {
      return answer(await fetch(`${bases[0]}${path}`, { headers }));
    },
    async settle() {
      for (;;) {
        await bed.settle();
        const pending = await Promise.all(bed.replicas.map((r) => r.runtime.starts.pending()));
        if (pending.every((n) => n === 0)) {
          await bed.settle();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      if (options.redis) await (bed.runtime.starts as RedisQueue).obliterate().catch(() => undefined);
      await bed.close();
    },
  };
}

/** Headers HubSpot sends with a v3 signature of this request, signed at `at` (ms). */
export function hubspotHeaders(args: { base: string; path: string; body: string; at: number; secret?: string }): Record<string, string> {
  const timestamp = String(args.at);
  return {
    'x-hubspot-signature-v3': hubspotSignature({ secret: args.secret ?? HUBSPOT_SECRET, method: 'POST', uri: `${args.base}${args.path}`, body: args.body, timestamp }),
    'x-hubspot-request-timestamp': timestamp,
  };
}

/** The onboarding EPICs of the repository (issues carrying the API's key line). */
export function apiIssues(b: ApiBed) {
  return b.bed.double.issues(REPO).filter((i) => (i.body ?? '').includes('embark:enroll-key'));
}

export { BODY, REPO };

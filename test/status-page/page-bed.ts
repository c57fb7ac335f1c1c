/**
 * The status page against the GitHub double: Embark in Probot (the flow tests' bed) plus a real
 * HTTP server carrying the status page route, the way `probot run` mounts it.
 */
import type { Server } from 'node:http';
import type { Octokit } from '../../src/github/octokit.js';
import { onboardingKey } from '../../src/handlers/deps.js';
import { loadOnboarding, step } from '../../src/handlers/session.js';
import { installationClients } from '../../src/handlers/status-page/installation.js';
import { type StatusRouteOptions, statusPageRoute } from '../../src/handlers/status-page/routes.js';
import { shareCommand } from '../../src/status-page/share-command.js';
import { newNonce } from '../../src/status-page/token.js';
import { client } from '../flows/app-bed.js';
import { type Bed, openOnboarding, REPO, ref, startBed } from '../flows/harness.js';
import { listenForRoutes } from '../support/route-server.js';

export const SECRET = 'status-page-secret-for-tests-0123456789';

export const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
onboarding:
  customerItems: [welcome pack]
---
### Stage 0: Agreement
- [ ] CSM >> Signed agreement received
- [ ] Customer >> Confirm the go-live date

### Stage 1: Go-live
- [ ] Engineer >> Monitoring enabled on the internal NOC dashboard
- [ ] CSM >> Send the welcome pack
- [ ] Client >> Sign off the onboarding
`;

export const BODY = TEMPLATE.split('---\n').slice(2).join('---\n');

export const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob]
`;

export interface PageBed {
  bed: Bed;
  base: string;
  server: Server;
  close(): Promise<void>;
}

export async function startPageBed(
  options: {
    publicUrl?: string | null;
    limits?: StatusRouteOptions['limits'];
    customerLimits?: StatusRouteOptions['customerLimits'];
    config?: string;
    template?: string;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<PageBed> {
  const bed = await startBed({ files: { '.github/onboarding.yml': options.config ?? CONFIG, '.github/ISSUE_TEMPLATE/msp.md': options.template ?? TEMPLATE }, env: options.env });
  const routes = await listenForRoutes();
  const { base, server } = routes;
  const route = statusPageRoute({
    deps: bed.deps,
    settings: { secret: SECRET, publicUrl: options.publicUrl === undefined ? base : options.publicUrl },
    octokitFor: installationClients(bed.probot, { requestTimeoutMs: 2000 }),
    log: { warn() {} },
    limits: options.limits,
    customerLimits: options.customerLimits,
  });
  routes.use(route);
  return {
    bed,
    base,
    server,
    async close() {
      await routes.close();
      await bed.close();
    },
  };
}

/** Open an onboarding from TEMPLATE and wait for Embark to set it up. */
/** GET a page of the bed's status route. */
export async function getPage(p: PageBed, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.base}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** POST a sign-off form to the page at `path`, as a browser would. */
export async function postSignOff(p: PageBed, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.base}${path}/sign-off`, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export function openCustomerOnboarding(bed: Bed, customer = 'Contoso'): Promise<number> {
  return openOnboarding(bed, customer, BODY);
}

/**
 * What `/share` does once wired into the command handler: under the lock, the pure share command,
 * then the normal writer saves the state. Returns the reply (with the link).
 */
export async function share(p: PageBed, epic: number, command: { revoke: boolean; validForHours: number | null } = { revoke: false, validForHours: null }): Promise<string> {
  const { bed } = p;
  const octokit: Octokit = client(bed.double, 'app-token');
  const reply = await bed.deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
    const loaded = await loadOnboarding(bed.deps, octokit, { ...ref, epic });
    if (!loaded?.state) throw new Error(`#${epic} is not an onboarding`);
    const result = shareCommand({
      state: loaded.state,
      command,
      onEpic: true,
      repo: ref,
      settings: { secret: SECRET, publicUrl: p.base },
      now: bed.deps.now(),
      freshNonce: newNonce(),
      actor: 'alice',
    });
    if (result.state) await step(bed.deps, octokit, ref, { ...loaded, state: result.state }, { type: 'recompute' });
    return result.reply;
  });
  await bed.settle();
  return reply;
}

/** The page path in a `/share` reply. */
export function pathIn(reply: string): string {
  const url = /<(https?:\/\/[^>]+)>/.exec(reply)?.[1];
  if (!url) throw new Error(`no link in: ${reply}`);
  return new URL(url).pathname;
}

/** The sign-off forms of a page: item key and form token per item. */
export function formsIn(html: string): { item: string; form: string }[] {
  return [...html.matchAll(/name="item" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/g)].map((m) => ({ item: m[1]!, form: m[2]! }));
}

export { REPO };

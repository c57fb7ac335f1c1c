/**
 * Status page costs: GitHub requests per view (first ever, cold after the 30 s cache, warm,
 * revalidated by ETag), render time per view (building the view and the HTML, no I/O), and
 * page weight, on the double with a 10-item customer stage.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onboardingKey } from '../src/handlers/deps.js';
import { loadOnboarding, step } from '../src/handlers/session.js';
import { installationClients } from '../src/handlers/status-page/installation.js';
import { pageData } from '../src/handlers/status-page/page-data.js';
import { statusPageRoute } from '../src/handlers/status-page/routes.js';
import { formToken } from '../src/status-page/form-token.js';
import { renderStatusPage } from '../src/status-page/render.js';
import { shareCommand } from '../src/status-page/share-command.js';
import { newNonce } from '../src/status-page/token.js';
import { client, startAppBed } from '../test/flows/app-bed.js';

const SECRET = 'bench-status-page-secret-0123456789abcdef';
const CUSTOMER_ITEMS = 10;

const TEMPLATE = `---
name: Bench Onboarding
about: v2026.01 status page bench
title: "[Bench Onboarding] %customer%"
labels: EPIC
---
### Stage 0: Agreement
- [ ] CSM >> Signed agreement received
${Array.from({ length: CUSTOMER_ITEMS }, (_, i) => `- [ ] Customer >> Confirm tenant detail ${i + 1}`).join('\n')}

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled

### Stage 2: Go-live
- [ ] Client >> Sign off the onboarding
`;

export interface StatusPageFigures {
  requestsFirstView: number;
  requestsColdView: number;
  requestsWarmView: number;
  requestsRevalidated: number;
  pageBytes: number;
  scripts: number;
  renderMedianMs: number;
  renderP95Ms: number;
  runs: number;
}

function quantile(sorted: number[], q: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3));
}

export async function benchStatusPage(runs = 300): Promise<StatusPageFigures> {
  const bed = await startAppBed({
    files: { '.github/onboarding.yml': 'roles:\n  CSM: [alice]\n', '.github/ISSUE_TEMPLATE/bench.md': TEMPLATE },
    collaborators: { alice: 'write' },
  });
  const server = createServer();
  try {
    const body = TEMPLATE.split('---\n').slice(2).join('---\n');
    const epic = bed.double.openIssue('acme/onboarding', { title: '[Bench Onboarding] Contoso', body, user: 'alice' }).number;
    await bed.settle();
    const ref = { owner: 'acme', repo: 'onboarding' };
    const octokit = client(bed.double, 'app-token');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const route = statusPageRoute({ deps: bed.deps, settings: { secret: SECRET, publicUrl: base }, octokitFor: installationClients(bed.probot, { requestTimeoutMs: 2000 }), log: { warn() {} } });
    server.on('request', (req, res) => void route(req, res));

    // `/share`, as the command handler runs it.
    const reply = await bed.deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
      const loaded = (await loadOnboarding(bed.deps, octokit, { ...ref, epic }))!;
      const r = shareCommand({ state: loaded.state!, command: { revoke: false, validForHours: null }, onEpic: true, repo: ref, settings: { secret: SECRET, publicUrl: base }, now: bed.deps.now(), freshNonce: newNonce(), actor: 'alice' });
      await step(bed.deps, octokit, ref, { ...loaded, state: r.state! }, { type: 'recompute' });
      return r.reply;
    });
    await bed.settle();
    const url = /<(https?:\/\/[^>]+)>/.exec(reply)![1]!;

    const view = async (headers: Record<string, string> = {}) => {
      bed.double.resetCounts();
      const res = await fetch(url, { headers });
      const text = await res.text();
      return { requests: bed.double.counts().total, text, etag: res.headers.get('etag') ?? '' };
    };
    const first = await view();
    const warm = await view();
    bed.advance(30_000);
    const cold = await view();
    const revalidated = await view({ 'if-none-match': cold.etag });

    // Render time: the pure part of a view (stage views, due dates, filter, HTML), from one read.
    const loaded = (await loadOnboarding(bed.deps, octokit, { ...ref, epic }))!;
    const token = url.split('/').pop()!;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const began = performance.now();
      const data = pageData(loaded, bed.deps.now(), bed.deps.calendars)!;
      const formTokens = Object.fromEntries(data.view.items.filter((it) => it.canSignOff).map((it) => [it.key, formToken(SECRET, token, it.key, bed.deps.now())]));
      renderStatusPage(data.view, { path: new URL(url).pathname, formTokens, timeZone: data.timeZone });
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    return {
      requestsFirstView: first.requests,
      requestsColdView: cold.requests,
      requestsWarmView: warm.requests,
      requestsRevalidated: revalidated.requests,
      pageBytes: Buffer.byteLength(cold.text),
      scripts: (cold.text.match(/<script/g) ?? []).length,
      renderMedianMs: quantile(times, 0.5),
      renderP95Ms: quantile(times, 0.95),
      runs,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await bed.close();
  }
}

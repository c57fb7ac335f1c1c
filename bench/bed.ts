/**
 * The bench's test bed: the GitHub double plus a real Probot running Embark, wired by signed
 * webhooks. A trimmed copy of `test/flows/harness.ts` (that folder is not compiled into `dist/`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import type { Octokit } from '../src/github/octokit.js';
import { createDeps } from '../src/handlers/create-deps.js';
import type { Deps } from '../src/handlers/deps.js';
import { registerHandlers } from '../src/handlers/register.js';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../test/github-double/index.js';

export const REPO = 'acme/onboarding';

export const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob, carol]
`;

/** A 5-stage template; `itemsInFirstStage` makes stage 0 long (for the 100-item CPU figure). */
export function stagedTemplate(itemsInFirstStage = 1): string {
  const first = Array.from({ length: itemsInFirstStage }, (_, i) => `- [ ] CSM >> Kick-off task ${i + 1} done`);
  return `---
name: Bench Onboarding
about: v2026.01 bench onboarding
title: "[Bench Onboarding] %customer%"
labels: EPIC
---
### Description
- Tenant ID: \`xxx\`

### Stage 0: Agreement
${first.join('\n')}

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled

### Stage 2: Setup
- [ ] Engineer >> Monitoring enabled
- [ ] Engineer >> Backups configured

### Stage 3: Training
- [ ] CSM >> Admin training held

### Stage 4: Handover
- [ ] CSM >> Handover call held
- [ ] Engineer >> Runbook shared
`;
}

/** The body GitHub puts in an issue opened from a template (front matter stripped). */
export function bodyOf(template: string): string {
  return template.split('---\n').slice(2).join('---\n');
}

export interface Bed {
  double: GitHubDouble;
  probot: Probot;
  deps: Deps;
  clock: { now: Date };
  /** Move Embark's clock and the double's forward together. */
  advance(ms: number): void;
  close(): Promise<void>;
}

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

/** Production client (retry and throttling on) unless `throttle` is false. */
export function clientClass(throttle: boolean): typeof ProbotOctokit {
  return throttle
    ? ProbotOctokit
    : ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
}

/** A client against the double authenticated with `token` (a person's token or any string for the app). */
export function client(double: GitHubDouble, token: string, throttle: boolean): Octokit {
  const Client = clientClass(throttle);
  return new Client({ auth: token, baseUrl: double.apiUrl, log: quietLog }) as unknown as Octokit;
}

/** Start the double and Probot with Embark loaded, and one repository set up with config and template. */
export async function startBed(options: DoubleOptions & { throttle: boolean; template?: string }): Promise<Bed> {
  let probot: Probot | undefined;
  const double = await startGitHubDouble({ ...options, webhook: (call) => probot!.webhooks.verifyAndReceive(call) });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'test-secret',
    baseUrl: double.apiUrl,
    logLevel: 'fatal',
    Octokit: clientClass(options.throttle),
  });
  const deps = createDeps({ now: () => clock.now });
  await probot.load((app) => registerHandlers(app, deps));
  double.addRepo({
    owner: 'acme',
    name: 'onboarding',
    collaborators: { alice: 'write', bob: 'write', carol: 'write' },
    files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/bench.md': options.template ?? stagedTemplate() },
  });
  return {
    double,
    probot,
    deps,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
      double.setNow(clock.now);
    },
    close: () => double.close(),
  };
}

/** Open an onboarding as alice (does not wait). */
export function openOnboarding(bed: Bed, customer: string, template = stagedTemplate()): number {
  return bed.double.openIssue(REPO, { title: `[Bench Onboarding] ${customer}`, body: bodyOf(template), user: 'alice' }).number;
}

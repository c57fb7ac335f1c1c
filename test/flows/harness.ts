/**
 * Whole-flow test bed: the GitHub double plus a real Probot running Embark, wired by signed
 * webhooks. Tests act as people through the double and read the outcome from its state.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import type { Octokit } from '../../src/github/octokit.js';
import { createDeps } from '../../src/handlers/create-deps.js';
import type { Deps } from '../../src/handlers/deps.js';
import { registerHandlers } from '../../src/handlers/register.js';
import { type DoubleOptions, type GitHubDouble, startGitHubDouble } from '../github-double/index.js';

export const REPO = 'acme/onboarding';
export const ref = { owner: 'acme', repo: 'onboarding' } as const;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob, carol]
`;

export const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
---
### Description
- Tenant ID: \`xxx\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received

### Stage 1: Access
- [ ] Engineer >> Admin access granted
- [ ] CSM >> Portal access enabled

### Stage 2: Setup
- [ ] Engineer >> Monitoring enabled
- [ ] Engineer >> Backups configured
`;

/** The body GitHub puts in an issue opened from TEMPLATE (front matter stripped). */
export const BODY = TEMPLATE.split('---\n').slice(2).join('---\n');

export interface Bed {
  double: GitHubDouble;
  probot: Probot;
  deps: Deps;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startBed(options: DoubleOptions & { files?: Record<string, string>; throttle?: boolean } = {}): Promise<Bed> {
  let probot: Probot | undefined;
  const double = await startGitHubDouble({ ...options, webhook: (call) => probot!.webhooks.verifyAndReceive(call) });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  const throttle = options.throttle ?? false;
  probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'test-secret',
    baseUrl: double.apiUrl,
    logLevel: 'fatal',
    Octokit: throttle
      ? ProbotOctokit
      : ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const deps = createDeps({ now: () => clock.now });
  await probot.load((app) => registerHandlers(app, deps));
  double.addRepo({
    owner: 'acme',
    name: 'onboarding',
    collaborators: { alice: 'write', bob: 'write', carol: 'write', dave: 'read' },
    files: options.files ?? { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE },
  });
  return {
    double,
    probot,
    deps,
    clock,
    async close() {
      await double.close();
    },
  };
}

/** Open an onboarding as alice and wait until Embark has settled. */
export async function openOnboarding(bed: Bed, customer = 'Contoso', body = BODY): Promise<number> {
  const issue = bed.double.openIssue(REPO, { title: `[Managed Services Onboarding] ${customer}`, body, user: 'alice' });
  await bed.double.idle();
  return issue.number;
}

/** Sub-issues of the EPIC, in order. */
export function stages(bed: Bed, epic: number) {
  return bed.double.subIssues(REPO, epic);
}

/** Embark's status comment on the EPIC. */
export function statusComment(bed: Bed, epic: number) {
  return bed.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status -->'));
}

/** An app-authenticated client against the double (for calling handlers directly). */
export function appClient(b: Bed): Octokit {
  const Client = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  return new Client({ auth: 'app-token', baseUrl: b.double.apiUrl, log: { debug() {}, info() {}, warn() {}, error() {} } }) as unknown as Octokit;
}

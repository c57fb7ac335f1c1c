/**
 * Whole-flow test bed: the GitHub double plus a real Probot running Embark, wired by signed
 * webhooks. Tests act as people through the double and read the outcome from its state.
 */
import type { Octokit } from '../../src/github/octokit.js';
import { type AppBed, client, startAppBed } from './app-bed.js';

export const REPO = 'acme/onboarding';
export const ref = { owner: 'acme', repo: 'onboarding' } as const;

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

export type Bed = AppBed;

export function startBed(options: Omit<Parameters<typeof startAppBed>[0], 'files' | 'collaborators'> & { files?: Record<string, string> } = {}): Promise<Bed> {
  return startAppBed({
    ...options,
    files: options.files ?? { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE },
    collaborators: { alice: 'write', bob: 'write', carol: 'write', dave: 'read' },
  });
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
  return client(b.double, 'app-token');
}

/** Comment as `user`, wait until Embark settled, and return Embark's newest reply on that issue ('' when none). */
export async function say(b: Bed, issue: number, body: string, user = 'alice'): Promise<string> {
  b.double.comment(REPO, issue, body, user);
  await b.double.idle();
  const replies = b.double.comments(REPO, issue).filter((c) => c.via_app && c.body.startsWith('<!-- embark:notice reply:'));
  return replies.at(-1)?.body ?? '';
}

/**
 * The bench's test bed: the GitHub double plus a real Probot running Embark, wired by signed
 * webhooks (the same bed the flow tests use), with a 5-stage template.
 */

import { type AppBed, client, startAppBed } from '../test/flows/app-bed.js';

export { client };

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

export type Bed = AppBed;

/** Start the double and Probot with Embark loaded, and one repository set up with config and template. */
export function startBed(options: Omit<Parameters<typeof startAppBed>[0], 'files' | 'collaborators'> & { throttle: boolean; template?: string }): Promise<Bed> {
  return startAppBed({
    ...options,
    files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/bench.md': options.template ?? stagedTemplate() },
    collaborators: { alice: 'write', bob: 'write', carol: 'write' },
  });
}

/** Open an onboarding as alice (does not wait). */
export function openOnboarding(bed: Bed, customer: string, template = stagedTemplate()): number {
  return bed.double.openIssue(REPO, { title: `[Bench Onboarding] ${customer}`, body: bodyOf(template), user: 'alice' }).number;
}

/**
 * The status page bed with a template that asks the customer for intake fields, plus what the
 * mail wiring will do for real: contacts added to the state, and links signed for a contact
 * (their own status link, unsubscribe and survey links), built here directly from the secret.
 */
import type { Contact } from '../../src/customer/contact.js';
import { contactRef } from '../../src/customer/contact.js';
import { signSurveyToken, signUnsubscribeToken, surveyPath, unsubscribePath } from '../../src/customer/links.js';
import type { Octokit } from '../../src/github/octokit.js';
import { onboardingKey } from '../../src/handlers/deps.js';
import { loadOnboarding, step } from '../../src/handlers/session.js';
import { decodeState, type StoredState } from '../../src/onboarding/state.js';
import { statusPath } from '../../src/status-page/settings.js';
import { signStatusToken, verifyStatusToken } from '../../src/status-page/token.js';
import { client } from '../flows/app-bed.js';
import { ref } from '../flows/harness.js';
import { type PageBed, pathIn, REPO, SECRET, share } from './page-bed.js';

export const FIELDS_TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
onboarding:
  customerFields: [tenant id, Subscription ID]
---
### Description

- Customer legal name: \`Contoso Ltd\`
- Tenant ID: \`xxx\`
- Subscription ID: \`xxx\`
- Internal notes: \`none\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received
- [ ] Customer >> Confirm the go-live date
- [ ] Customer >> Invite us as admin of your tenant

### Stage 1: Go-live
- [ ] Engineer >> Monitoring enabled on the internal NOC dashboard
- [ ] Client >> Sign off the onboarding
`;

export const FIELDS_BODY = FIELDS_TEMPLATE.split('---\n').slice(2).join('---\n');

export const JANE = { name: 'Jane Doe', email: 'jane@contoso.example' };

const octokitOf = (p: PageBed): Octokit => client(p.bed.double, 'app-token');

/** Change an onboarding's stored state the way a command does: under the lock, fresh read, the normal writer. */
export async function editState(p: PageBed, epic: number, change: (state: StoredState) => StoredState): Promise<void> {
  const octokit = octokitOf(p);
  await p.bed.deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
    const loaded = await loadOnboarding(p.bed.deps, octokit, { ...ref, epic });
    if (!loaded?.state) throw new Error(`#${epic} is not an onboarding`);
    await step(p.bed.deps, octokit, ref, { ...loaded, state: change(loaded.state) }, { type: 'recompute' });
  });
  await p.bed.settle();
}

/** Add a contact as `/contact add` will. */
export function addContact(p: PageBed, epic: number, contact: Pick<Contact, 'name' | 'email'> = JANE): Promise<void> {
  const at = p.bed.deps.now().toISOString();
  return editState(p, epic, (state) => ({ ...state, contacts: [...(state.contacts ?? []), { ...contact, source: 'command', addedAt: at, addedBy: 'alice', unsubscribedAt: null }] }));
}

/** Remove a contact as `/contact remove` will. */
export function removeContact(p: PageBed, epic: number, email: string): Promise<void> {
  return editState(p, epic, (state) => ({ ...state, contacts: (state.contacts ?? []).filter((c) => c.email !== email) }));
}

/** The state Embark keeps in the EPIC's status comment. */
export function storedState(p: PageBed, epic: number): StoredState {
  const status = p.bed.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status -->'));
  const state = status ? decodeState(status.body) : null;
  if (!state) throw new Error(`#${epic} has no readable state`);
  return state;
}

/** A contact's own status page: shares the onboarding (for its nonce), then signs a link naming the contact. */
export async function contactPagePath(p: PageBed, epic: number, email = JANE.email): Promise<string> {
  const shared = pathIn(await share(p, epic));
  const link = verifyStatusToken(SECRET, shared.split('/').pop()!, p.bed.deps.now())!;
  return statusPath(signStatusToken(SECRET, { ...link, contact: contactRef(email) }));
}

export function unsubscribeLinkPath(epic: number, email = JANE.email): string {
  return unsubscribePath(signUnsubscribeToken(SECRET, { ...ref, epic, email }));
}

export function surveyLinkPath(epic: number, day: number, email = JANE.email): string {
  return surveyPath(signSurveyToken(SECRET, { ...ref, epic, email, day }));
}

/** POST a url-encoded form to `path` on the bed, as a browser or a mail provider would. */
export async function post(p: PageBed, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The field forms of a page: field key and form token per field. */
export function fieldFormsIn(html: string): { field: string; form: string }[] {
  return [...html.matchAll(/name="field" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/g)].map((m) => ({ field: m[1]!, form: m[2]! }));
}

/** The survey page's form token. */
export function surveyFormIn(html: string): string {
  const token = /name="form" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no survey form on the page');
  return token;
}

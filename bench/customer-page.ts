/**
 * GitHub requests per customer action on the status page, on the GitHub double: a contact opens
 * their own link (from the welcome mail Embark sent them), signs off one of their items, fills in
 * an intake field, answers the survey and unsubscribes (survey and unsubscribe links signed as the
 * mails sign them). Each action is counted from the request
 * to the moment the double is idle again (the app's own webhooks included).
 */
import { signSurveyToken, signUnsubscribeToken, surveyPath, unsubscribePath } from '../src/customer/links.js';
import { addContact, type MailBed, SECRET, startMailBed } from '../test/flows/mail-bed.js';

const REPO = 'acme/onboarding';

const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
onboarding:
  customerFields: [Tenant ID]
---
### Description
- Tenant ID: \`xxx\`

### Stage 0: Access
- [ ] Customer >> Invite us as admin of your tenant
- [ ] Customer >> Confirm the go-live date
- [ ] Engineer >> Admin access granted

### Stage 1: Setup
- [ ] Engineer >> Monitoring enabled
`;

export interface PageAction {
  action: string;
  status: number;
  requests: number;
  writes: number;
}

async function count(m: MailBed, action: string, run: () => Promise<Response>): Promise<PageAction> {
  m.bed.double.resetCounts();
  const res = await run();
  await res.text();
  await m.bed.settle();
  const c = m.bed.double.counts();
  return { action, status: res.status, requests: c.total, writes: c.writes + c.graphqlMutations };
}

const form = (fields: Record<string, string>, origin: string): RequestInit => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
  redirect: 'manual',
});

export async function benchCustomerPage(): Promise<PageAction[]> {
  const m = await startMailBed({ template: TEMPLATE });
  try {
    const body = TEMPLATE.split('---\n').slice(2).join('---\n');
    const epic = m.bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body, user: 'alice' }).number;
    await m.bed.settle();
    await addContact(m, epic, { name: 'Jane Doe', email: 'jane.doe@contoso.com' });
    const [welcome] = await m.sink.waitFor(1);
    const page = (welcome!.parsed.text ?? '').match(/https?:\/\/\S+\/embark\/status\/\S+/)![0];
    const out: PageAction[] = [];
    out.push(await count(m, 'open the page (cold)', () => fetch(page)));
    out.push(await count(m, 'open it again within 30 s', () => fetch(page)));
    const html = await (await fetch(page)).text();
    const signOff = /name="item" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/.exec(html)!;
    out.push(await count(m, 'sign off an item', () => fetch(`${page}/sign-off`, form({ item: signOff[1]!, form: signOff[2]! }, m.base))));
    const field = /name="field" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/.exec(await (await fetch(page)).text())!;
    out.push(await count(m, 'fill in an intake field', () => fetch(`${page}/field`, form({ field: field[1]!, form: field[2]!, shown: 'xxx', value: '3f2c9a1e-8b7d' }, m.base))));
    const survey = `${m.base}${surveyPath(signSurveyToken(SECRET, { owner: 'acme', repo: 'onboarding', epic, email: 'jane.doe@contoso.com', day: 30 }))}`;
    const surveyForm = /name="form" value="([^"]+)"/.exec(await (await fetch(survey)).text())![1]!;
    out.push(await count(m, 'answer the survey', () => fetch(survey, form({ form: surveyForm, score: '5', comment: 'Fine' }, m.base))));
    // As the link in a reminder or update carries it (the welcome is transactional: it has none).
    const unsubscribe = `${m.base}${unsubscribePath(signUnsubscribeToken(SECRET, { owner: 'acme', repo: 'onboarding', epic, email: 'jane.doe@contoso.com' }))}`;
    const oneClick = { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    out.push(await count(m, 'unsubscribe (one-click)', () => fetch(unsubscribe, oneClick)));
    m.bed.double.assertNoViolations();
    return out;
  } finally {
    await m.close();
  }
}

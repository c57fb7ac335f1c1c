/**
 * A contact's own status link (the one their mail carries) on the GitHub double: the page greets
 * nobody by address, signs off and fills in under the contact's name, and dies with the contact.
 * Intake fields marked `customerFields` are written into the EPIC body at their value's span only.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { openOnboarding } from '../flows/harness.js';
import {
  addContact,
  contactPagePath,
  FIELDS_BODY,
  FIELDS_TEMPLATE,
  fieldFormsIn,
  JANE,
  post,
  removeContact,
  storedState,
} from './customer-bed.js';
import { getPage, type PageBed, pathIn, REPO, share, startPageBed } from './page-bed.js';

let p: PageBed | undefined;
afterEach(async () => {
  p?.bed.double.assertNoViolations();
  await p?.close();
  p = undefined;
});

async function setUp() {
  p = await startPageBed({ template: FIELDS_TEMPLATE });
  const epic = await openOnboarding(p.bed, 'Contoso', FIELDS_BODY);
  await addContact(p, epic);
  const path = await contactPagePath(p, epic);
  return { p, epic, path };
}

const signOffForm = (html: string, text: string) => {
  const m = new RegExp(`${text}[\\s\\S]*?name="item" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"`).exec(html);
  if (!m) throw new Error(`no sign-off form for ${text}`);
  return { item: m[1]!, form: m[2]! };
};

describe("a contact's own link", () => {
  it('signs off without asking for a name: the log and the comment name the contact, never the address', async () => {
    const { p, epic, path } = await setUp();
    const page = await getPage(p, path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sign off as Jane Doe');
    expect(page.body).not.toContain('name="name"');
    expect(page.body).not.toContain(JANE.email);
    const [s0] = p.bed.double.subIssues(REPO, epic);
    const signed = await post(p, `${path}/sign-off`, signOffForm(page.body, 'Confirm the go-live date'));
    expect(signed.status).toBe(303);
    await p.bed.settle();
    expect(p.bed.double.issue(REPO, s0!.number).body).toContain('- [x] Customer >> Confirm the go-live date');
    const notes = p.bed.double.comments(REPO, s0!.number).filter((c) => c.body.includes('via the status page'));
    expect(notes.map((c) => c.body)).toEqual(['Signed off by Jane Doe via the status page: “Confirm the go-live date”.']);
    expect(storedState(p, epic).log.map((e) => e.text)).toContain('“Confirm the go-live date” in Stage 0: Agreement signed off by Jane Doe via the status page');
  });

  it('answers the same 404 as a bad link once the contact is removed, for viewing and for posting', async () => {
    const { p, epic, path } = await setUp();
    const page = await getPage(p, path);
    const form = signOffForm(page.body, 'Confirm the go-live date');
    const field = fieldFormsIn(page.body)[0]!;
    await removeContact(p, epic, JANE.email);
    p.bed.advance(30_000); // past the view cache
    const bad = await getPage(p, '/embark/status/nonsense');
    const gone = await getPage(p, path);
    expect(gone.status).toBe(404);
    expect(gone.body).toBe(bad.body);
    expect((await post(p, `${path}/sign-off`, form)).status).toBe(404);
    expect((await post(p, `${path}/field`, { ...field, value: 'abc' })).status).toBe(404);
    const [s0] = p.bed.double.subIssues(REPO, epic);
    expect(p.bed.double.issue(REPO, s0!.number).body).not.toContain('- [x] Customer');
  });

  it('a /share link keeps asking who signs', async () => {
    const { p, epic } = await setUp();
    const shared = pathIn(await share(p, epic));
    const page = await getPage(p, shared);
    expect(page.body).toContain('name="name"');
    expect(page.body).not.toContain('Sign off as');
  });
});

describe('intake fields for the customer', () => {
  it("shows only the template's customer fields, a placeholder as empty", async () => {
    const { p, path } = await setUp();
    const page = await getPage(p, path);
    expect(page.body).toContain('Details we need from you');
    expect(fieldFormsIn(page.body).map((f) => f.field)).toEqual(['tenantid#0', 'subscriptionid#0']);
    expect(page.body).not.toContain('Internal notes');
    expect(page.body).not.toContain('Customer legal name');
    expect(page.body).toContain('Not filled in yet');
    expect(page.body).not.toMatch(/name="value" value="xxx"/);
  });

  it('writes the value into the EPIC body at its span only, logs the field without the value, and a repeat writes nothing', async () => {
    const { p, epic, path } = await setUp();
    const before = p.bed.double.issue(REPO, epic).body ?? '';
    const page = await getPage(p, path);
    const tenant = fieldFormsIn(page.body).find((f) => f.field === 'tenantid#0')!;
    const saved = await post(p, `${path}/field`, { ...tenant, shown: 'xxx', value: '  3f2c9a1e-8b7d-4c5e  ' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${path}?done=field`);
    await p.bed.settle();
    const after = p.bed.double.issue(REPO, epic).body ?? '';
    const at = before.indexOf('- Tenant ID: `xxx`') + '- Tenant ID: `'.length;
    expect(after).toBe(`${before.slice(0, at)}3f2c9a1e-8b7d-4c5e${before.slice(at + 3)}`);
    const state = storedState(p, epic);
    expect(state.log[0]?.text).toBe('Jane Doe filled in Tenant ID via the status page');
    expect(JSON.stringify(state)).not.toContain('3f2c9a1e');
    const shown = await getPage(p, `${path}?done=field`);
    expect(shown.body).toContain('your answer is saved');
    expect(shown.body).toContain('Now: 3f2c9a1e-8b7d-4c5e');

    p.bed.double.resetCounts();
    const again = await post(p, `${path}/field`, { ...tenant, shown: '3f2c9a1e-8b7d-4c5e', value: '3f2c9a1e-8b7d-4c5e' });
    expect(again.headers.get('location')).toBe(`${path}?done=unchanged`);
    await p.bed.settle();
    expect(p.bed.double.counts()).toMatchObject({ writes: 0 });
    expect(p.bed.double.issue(REPO, epic).body).toBe(after);
  });

  it('refuses a value that would change the body, saying why, and writes nothing', async () => {
    const { p, epic, path } = await setUp();
    const before = p.bed.double.issue(REPO, epic).body ?? '';
    const tenant = fieldFormsIn((await getPage(p, path)).body)[0]!;
    for (const [value, words] of [
      ['abc`</details>', 'backtick'],
      ['a\nb', 'line break'],
      ['x'.repeat(201), 'at most 200'],
    ] as const) {
      const refused = await post(p, `${path}/field`, { ...tenant, shown: 'xxx', value });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain(words);
    }
    await p.bed.settle();
    expect(p.bed.double.issue(REPO, epic).body).toBe(before);
  });

  it('asks to reload when the field changed or went away since the page was served', async () => {
    const { p, epic, path } = await setUp();
    const forms = fieldFormsIn((await getPage(p, path)).body);
    const body = p.bed.double.issue(REPO, epic).body ?? '';
    p.bed.double.editIssue(REPO, epic, { body: body.replace('- Tenant ID: `xxx`', '- Tenant ID: `set-by-alice`').replace('- Subscription ID: `xxx`\n', '') }, 'alice');
    await p.bed.settle();
    const edited = p.bed.double.issue(REPO, epic).body ?? '';
    for (const form of forms) {
      const refused = await post(p, `${path}/field`, { ...form, shown: 'xxx', value: 'mine' });
      expect(refused.status).toBe(409);
      expect(refused.body).toContain('reload the page');
    }
    await p.bed.settle();
    expect(p.bed.double.issue(REPO, epic).body).toBe(edited);
  });

  it('on a /share link asks who fills it in, and refuses a form token for another field', async () => {
    const { p, epic } = await setUp();
    const shared = pathIn(await share(p, epic));
    const [tenant, subscription] = fieldFormsIn((await getPage(p, shared)).body);
    expect((await post(p, `${shared}/field`, { ...tenant!, shown: 'xxx', value: 'abc' })).body).toContain('Please write your name');
    expect((await post(p, `${shared}/field`, { field: tenant!.field, form: subscription!.form, shown: 'xxx', value: 'abc', name: 'Sam' })).status).toBe(403);
    expect((await post(p, `${shared}/field`, { ...tenant!, shown: 'xxx', value: 'abc', name: 'Sam' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(p, `${shared}/field`, { ...tenant!, shown: 'xxx', value: 'abc', name: 'Sam' })).status).toBe(303);
    await p.bed.settle();
    expect(storedState(p, epic).log[0]?.text).toBe('Sam filled in Tenant ID via the status page');
    expect(p.bed.double.issue(REPO, epic).body).toContain('- Tenant ID: `abc`');
  });

  it('limits field posts per link (429) with the configured rule, every attempt counted', async () => {
    p = await startPageBed({ template: FIELDS_TEMPLATE, limits: { perLink: { limit: 2, windowMs: 60_000 } } });
    const epic = await openOnboarding(p.bed, 'Contoso', FIELDS_BODY);
    await addContact(p, epic);
    const path = await contactPagePath(p, epic);
    const tenant = fieldFormsIn((await getPage(p, path)).body)[0]!;
    const attempt = () => post(p!, `${path}/field`, { ...tenant, shown: 'xxx', value: 'bad`value' });
    expect([(await attempt()).status, (await attempt()).status, (await attempt()).status]).toEqual([400, 400, 429]);
    p.bed.advance(60_000);
    expect((await attempt()).status).toBe(400);
  });
});

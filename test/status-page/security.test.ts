import { afterEach, describe, expect, it } from '@jest/globals';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { createDeps } from '../../src/app/create-deps.js';
import { readSettings } from '../../src/app/settings.js';
import { mountStatusPage } from '../../src/handlers/status-page/index.js';
import { signStatusToken, verifyStatusToken } from '../../src/status-page/token.js';
import { formsIn, getPage, openCustomerOnboarding, type PageBed, pathIn, postSignOff, REPO, SECRET, share, startPageBed } from './page-bed.js';

let p: PageBed | undefined;
afterEach(async () => {
  p?.bed.double.assertNoViolations();
  await p?.close();
  p = undefined;
});

const get = (path: string, headers: Record<string, string> = {}) => getPage(p!, path, headers);

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => postSignOff(p!, path, fields, headers);

function signOffComments(issue: number) {
  return p!.bed.double.comments(REPO, issue).filter((c) => c.body.includes('via the status page'));
}

const tokenOf = (path: string) => path.split('/').pop()!;

describe('status page security', () => {
  it('answers 404 to a tampered, expired or unshared link, the same page each time', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const path = pathIn(await share(p, epic));
    const token = tokenOf(path);
    const tampered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    const link = verifyStatusToken(SECRET, token, p.bed.deps.now())!;
    const expired = signStatusToken(SECRET, { ...link, expiresAt: p.bed.deps.now().getTime() - 1 });
    const other = await openCustomerOnboarding(p.bed, 'Fabrikam'); // an onboarding never shared
    const unshared = signStatusToken(SECRET, { ...link, epic: other });
    const notOnboarding = p.bed.double.openIssue(REPO, { title: 'An ordinary issue', body: 'hello', user: 'alice' }).number;
    const ordinary = signStatusToken(SECRET, { ...link, epic: notOnboarding });
    const pages = await Promise.all([tampered, expired, unshared, ordinary, 'nonsense'].map((t) => get(`/embark/status/${t}`)));
    expect(pages.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(pages.map((r) => r.body)).size).toBe(1);
    expect(pages[0]!.body).not.toMatch(/Contoso|Fabrikam/);
  });

  it('/share revoke makes every earlier link 404, for viewing and for signing off', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const path = pathIn(await share(p, epic));
    const form = formsIn((await get(path)).body)[0]!;
    const again = pathIn(await share(p, epic, { revoke: false, validForHours: 24 }));
    expect(again).not.toBe(path);
    expect((await get(again)).status).toBe(200); // a second /share leaves the first link working
    expect((await get(path)).status).toBe(200);
    await share(p, epic, { revoke: true, validForHours: null });
    p.bed.advance(30_000); // past the view cache
    expect((await get(path)).status).toBe(404);
    expect((await get(again)).status).toBe(404);
    expect((await postForm(path, { ...form, name: 'Jane' })).status).toBe(404);
    const fresh = pathIn(await share(p, epic));
    expect((await get(fresh)).status).toBe(200);
  });

  it('/share revoke written as a command drops this process\'s cached view at once, without waiting 30 s', async () => {
    p = await startPageBed({ env: { EMBARK_STATUS_SECRET: SECRET, EMBARK_PUBLIC_URL: 'https://embark.example.com' } });
    const epic = await openCustomerOnboarding(p.bed);
    const say = async (text: string) => {
      p!.bed.double.comment(REPO, epic, text, 'alice');
      await p!.bed.settle();
      return p!.bed.double.comments(REPO, epic).filter((c) => c.via_app && c.body.includes('embark:notice reply:')).at(-1)?.body ?? '';
    };
    const path = pathIn(await say('/share'));
    expect((await get(path)).status).toBe(200); // now cached
    await say('/share revoke');
    expect((await get(path)).status).toBe(404); // the clock has not moved
  });

  it('refuses a forged form token, a cross-site post and a form for another onboarding', async () => {
    p = await startPageBed();
    const a = await openCustomerOnboarding(p.bed, 'Contoso');
    const b = await openCustomerOnboarding(p.bed, 'Fabrikam');
    const pathA = pathIn(await share(p, a));
    const pathB = pathIn(await share(p, b));
    const formA = formsIn((await get(pathA)).body)[0]!;
    const formB = formsIn((await get(pathB)).body)[0]!;
    expect((await postForm(pathA, { ...formA, form: 'x'.repeat(43), name: 'Mallory' })).status).toBe(403);
    expect((await postForm(pathA, { ...formA, form: formB.form, name: 'Mallory' })).status).toBe(403);
    // B's form (item key and token) posted through A's link: the token is bound to B's page.
    expect((await postForm(pathA, { ...formB, name: 'Mallory' })).status).toBe(403);
    expect((await postForm(pathA, { ...formA, name: 'Mallory' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await postForm(pathA, { ...formA, name: 'Mallory' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    await p.bed.settle();
    for (const epic of [a, b]) {
      for (const s of p.bed.double.subIssues(REPO, epic)) {
        expect(signOffComments(s.number)).toHaveLength(0);
        expect(p.bed.double.issue(REPO, s.number).body).not.toContain('- [x] Customer');
      }
    }
  });

  it('refuses an item that is not the customer’s even with a valid-looking form, and bad names', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const path = pathIn(await share(p, epic));
    const form = formsIn((await get(path)).body)[0]!;
    expect((await postForm(path, { ...form, name: '' })).status).toBe(400);
    expect((await postForm(path, { ...form, name: 'x'.repeat(101) })).status).toBe(400);
    expect((await postForm(path, { ...form, name: 'Jane', email: 'not an email' })).status).toBe(400);
    // The form token names its item: another item key with this token is a forgery.
    expect((await postForm(path, { ...form, item: 'stage-0/csm-signed-agreement-received', name: 'Jane' })).status).toBe(403);
  });

  it('shows a script in the customer name as text', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed, '<script>alert(1)</script>');
    const page = await get(pathIn(await share(p, epic)));
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('rate-limits sign-offs per link', async () => {
    p = await startPageBed({ limits: { perLink: { limit: 2, windowMs: 60_000 }, perAddress: { limit: 100, windowMs: 60_000 } } });
    const epic = await openCustomerOnboarding(p.bed);
    const path = pathIn(await share(p, epic));
    const form = formsIn((await get(path)).body)[0]!;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postForm(path, { ...form, form: 'bad', name: 'Jane' })).status);
    expect(statuses).toEqual([403, 403, 429]);
    p.bed.advance(60_000);
    expect((await postForm(path, { ...form, form: 'bad', name: 'Jane' })).status).toBe(403);
  });
});

describe('mounting', () => {
  function fakeApp() {
    const lines: string[] = [];
    const app = { log: { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) } } as unknown as Probot;
    const handlers: unknown[] = [];
    const addHandler = ((h: unknown) => handlers.push(h)) as ApplicationFunctionOptions['addHandler'];
    return { app, lines, handlers, addHandler };
  }
  it('is off, with one clear log line, when EMBARK_STATUS_SECRET is unset or too short', () => {
    for (const env of [{}, { EMBARK_STATUS_SECRET: 'short' }]) {
      const f = fakeApp();
      mountStatusPage(f.app, createDeps(readSettings(env)), f.addHandler, readSettings(env));
      expect(f.handlers).toHaveLength(0);
      expect(f.lines).toHaveLength(1);
      expect(f.lines[0]).toMatch(/status page off: .*EMBARK_STATUS_SECRET/);
    }
  });
  it('mounts the route when the secret is set', () => {
    const f = fakeApp();
    const settings = readSettings({ EMBARK_STATUS_SECRET: SECRET, EMBARK_PUBLIC_URL: 'https://embark.example.com/' });
    mountStatusPage(f.app, createDeps(settings), f.addHandler, settings);
    expect(f.handlers).toHaveLength(1);
    expect(f.lines.join('\n')).toMatch(/status page on/);
  });
});

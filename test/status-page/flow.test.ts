import { afterEach, describe, expect, it } from '@jest/globals';
import { formsIn, getPage, openCustomerOnboarding, type PageBed, pathIn, postSignOff, REPO, share, startPageBed } from './page-bed.js';

let p: PageBed | undefined;
afterEach(async () => {
  p?.bed.double.assertNoViolations();
  await p?.close();
  p = undefined;
});

const get = (path: string, headers: Record<string, string> = {}) => getPage(p!, path, headers);

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => postSignOff(p!, path, fields, headers);

describe('status page on the GitHub double', () => {
  it('shows stages and the customer items; one API request cold, none warm, 304 on a matching ETag', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const path = pathIn(await share(p, epic));
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.body).toContain('<h1>Contoso</h1>');
    expect(first.body).toContain('Stage 0: Agreement');
    expect(first.body).toContain('Confirm the go-live date');
    expect(first.body).toContain('Send the welcome pack'); // named in onboarding.customerItems
    expect(first.body).not.toContain('NOC dashboard'); // the team's item
    expect(first.body).not.toMatch(/alice|bob/);

    p.bed.double.resetCounts();
    const warm = await get(path);
    expect(warm.body).toBe(first.body);
    expect(p.bed.double.counts().total).toBe(0);

    p.bed.advance(30_000);
    const cold = await get(path);
    expect(cold.status).toBe(200);
    expect(p.bed.double.counts()).toMatchObject({ total: 1, graphql: 1 });

    p.bed.double.resetCounts();
    const revalidated = await get(path, { 'if-none-match': cold.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe('');
    expect(p.bed.double.counts().total).toBe(0);
  });

  it('sends a strict CSP, no referrer and no framing', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const page = await get(pathIn(await share(p, epic)));
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'$|style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('signs off through the normal writer: box ticked, one comment, the stage advances; a replay changes nothing', async () => {
    p = await startPageBed();
    const epic = await openCustomerOnboarding(p.bed);
    const [s0, s1] = p.bed.double.subIssues(REPO, epic);
    p.bed.double.comment(REPO, s0!.number, '/check 1', 'alice');
    await p.bed.settle();
    const path = pathIn(await share(p, epic));
    const form = formsIn((await get(path)).body).find((f) => f.item.startsWith('stage-0/'))!;
    const fields = { item: form.item, form: form.form, name: 'Jane <b>Doe</b> @octocat', email: 'jane@contoso.example' };

    const signed = await postForm(path, fields);
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe(`${path}?done=signed`);
    expect(signed.headers.get('cache-control')).toBe('no-store');
    await p.bed.settle();
    expect(p.bed.double.issue(REPO, s0!.number).body).toContain('- [x] Customer >> Confirm the go-live date');
    const notes = p.bed.double.comments(REPO, s0!.number).filter((c) => c.body.includes('via the status page'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('Signed off by Jane &lt;b&gt;Doe&lt;/b&gt; @\u200boctocat');
    // The progress engine ran: the stage closed and the next one is active.
    expect(p.bed.double.issue(REPO, s0!.number).state).toBe('closed');
    expect(p.bed.double.issue(REPO, s1!.number).labels.map((l) => l.name)).toContain('stage: active');
    expect((await get(`${path}?done=signed`)).body).toContain('your sign-off is recorded');

    const replay = await postForm(path, fields);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe(`${path}?done=already`);
    await p.bed.settle();
    expect(p.bed.double.comments(REPO, s0!.number).filter((c) => c.body.includes('via the status page'))).toHaveLength(1);
  });
});

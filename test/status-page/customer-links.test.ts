/**
 * The links in customer mail on the GitHub double: one-click unsubscribe (a GET never
 * unsubscribes; the RFC 8058 POST works with no Origin, no cookies and no form token) and the
 * check-in survey (one answer per contact and check-in, kept in the state and as one keyed comment
 * on the EPIC). Forged links and unknown contacts get the status page's 404; replays change nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import { signSurveyToken, signUnsubscribeToken, surveyPath, unsubscribePath } from '../../src/customer/links.js';
import { openOnboarding, ref } from '../flows/harness.js';
import { addContact, FIELDS_BODY, FIELDS_TEMPLATE, JANE, post, storedState, surveyFormIn, surveyLinkPath, unsubscribeLinkPath } from './customer-bed.js';
import { getPage, type PageBed, REPO, startPageBed } from './page-bed.js';

let p: PageBed | undefined;
afterEach(async () => {
  p?.bed.double.assertNoViolations();
  await p?.close();
  p = undefined;
});

async function setUp(options: Parameters<typeof startPageBed>[0] = {}) {
  p = await startPageBed({ template: FIELDS_TEMPLATE, ...options });
  const epic = await openOnboarding(p.bed, 'Contoso', FIELDS_BODY);
  await addContact(p, epic);
  return { p, epic };
}

const ONE_CLICK = { 'List-Unsubscribe': 'One-Click' };
const statusBody = (q: PageBed, epic: number) => q.bed.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status -->'))!.body;
const surveyComments = (q: PageBed, epic: number) => q.bed.double.comments(REPO, epic).filter((c) => c.body.includes('embark:notice survey:'));

/** Tampered, another kind of token, another secret, a contact never added: all the same 404. */
function forgedPaths(epic: number, kind: 'unsubscribe' | 'survey'): string[] {
  const good = kind === 'unsubscribe' ? unsubscribeLinkPath(epic) : surveyLinkPath(epic, 30);
  const token = good.split('/').pop()!;
  const tampered = `${token.slice(0, 3)}${token[3] === 'A' ? 'B' : 'A'}${token.slice(4)}`;
  const base = kind === 'unsubscribe' ? unsubscribePath : surveyPath;
  const otherKind = (kind === 'unsubscribe' ? surveyLinkPath(epic, 30) : unsubscribeLinkPath(epic)).split('/').pop()!;
  const otherSecret = kind === 'unsubscribe' ? signUnsubscribeToken('x'.repeat(40), { ...ref, epic, email: JANE.email }) : signSurveyToken('x'.repeat(40), { ...ref, epic, email: JANE.email, day: 30 });
  const stranger = kind === 'unsubscribe' ? unsubscribeLinkPath(epic, 'mallory@evil.example') : surveyLinkPath(epic, 30, 'mallory@evil.example');
  return [base(tampered), base(otherKind), base(otherSecret), stranger, base('nonsense')];
}

describe('unsubscribe', () => {
  it('a GET (what mail scanners do) shows one button and never unsubscribes', async () => {
    const { p, epic } = await setUp();
    const path = unsubscribeLinkPath(epic);
    const before = statusBody(p, epic);
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(`${p.base}${path}`, { method });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      if (method === 'GET') {
        const html = await res.text();
        expect(html.match(/<form /g)).toHaveLength(1);
        expect(html).toContain(`<form method="post" action="${path}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button>Unsubscribe</button>`);
      }
    }
    await p.bed.settle();
    expect(statusBody(p, epic)).toBe(before);
    expect(storedState(p, epic).contacts?.[0]?.unsubscribedAt).toBeNull();
  });

  it('the one-click POST (no Origin, no cookies, no form token) unsubscribes; a replay answers the same and changes nothing', async () => {
    const { p, epic } = await setUp();
    const path = unsubscribeLinkPath(epic);
    const done = await post(p, path, ONE_CLICK);
    expect(done.status).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    await p.bed.settle();
    const state = storedState(p, epic);
    expect(state.contacts?.[0]?.unsubscribedAt).toBe(p.bed.deps.now().toISOString());
    expect(state.log[0]?.text).toBe('j***@contoso.example unsubscribed with the link in a mail');
    expect(statusBody(p, epic)).not.toContain(JANE.email);

    const after = statusBody(p, epic);
    p.bed.double.resetCounts();
    p.bed.advance(60_000);
    const replay = await post(p, path, ONE_CLICK, { origin: 'https://mail.example' });
    expect(replay.status).toBe(200);
    expect(replay.body).toContain('You are unsubscribed');
    await p.bed.settle();
    expect(statusBody(p, epic)).toBe(after);
    expect(p.bed.double.counts().graphqlMutations + p.bed.double.counts().writes).toBe(0);
    expect((await getPage(p, path)).body).toContain('You are unsubscribed');
  });

  it('forged links and unknown contacts get the 404 page, for GET and POST, and nothing changes', async () => {
    const { p, epic } = await setUp();
    const notFound = (await getPage(p, '/embark/status/nonsense')).body;
    const before = statusBody(p, epic);
    for (const path of forgedPaths(epic, 'unsubscribe')) {
      const viewed = await getPage(p, path);
      expect([path, viewed.status]).toEqual([path, 404]);
      expect(viewed.body).toBe(notFound);
      expect((await post(p, path, ONE_CLICK)).status).toBe(404);
    }
    await p.bed.settle();
    expect(statusBody(p, epic)).toBe(before);
  });

  it('is limited per address (429) with the configured rule', async () => {
    const { p, epic } = await setUp({ customerLimits: { unsubscribePerAddress: { limit: 2, windowMs: 60_000 } } });
    const path = unsubscribeLinkPath(epic);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(p, path, ONE_CLICK)).status);
    expect(statuses).toEqual([200, 200, 429]);
    p.bed.advance(60_000);
    expect((await post(p, path, ONE_CLICK)).status).toBe(200);
  });
});

describe('survey', () => {
  it('shows a 1-5 score and a comment box; an answer is kept in the state and as one comment on the EPIC', async () => {
    const { p, epic } = await setUp();
    const path = surveyLinkPath(epic, 30);
    const page = await getPage(p, path);
    expect(page.status).toBe(200);
    expect([...page.body.matchAll(/type="radio" name="score" value="(\d)"/g)].map((m) => m[1])).toEqual(['5', '4', '3', '2', '1']);
    expect(page.body).toContain('<textarea id="comment" name="comment" maxlength="1000">');
    expect(page.body).not.toContain('<script');
    const form = surveyFormIn(page.body);

    const answered = await post(p, path, { form, score: '4', comment: 'Quick and clear.\n@octocat <img src=x> [link](https://evil.example)' });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`${path}?done=1`);
    await p.bed.settle();
    const ref = contactRef(JANE.email);
    expect(storedState(p, epic).surveys).toEqual([expect.objectContaining({ contact: ref, checkin: 30, score: 4 })]);
    const comments = surveyComments(p, epic);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`<!-- embark:notice survey:30:${ref} -->`);
    expect(comments[0]!.body).toContain('Jane Doe answered **4 of 5** (Satisfied)');
    expect(comments[0]!.body).toContain('> @\u200boctocat &lt;img src=x&gt; \\[link\\](<https://evil.example>)');
    expect(comments[0]!.body).not.toContain(JANE.email);
    expect((await getPage(p, `${path}?done=1`)).body).toContain('Your answer is recorded');
  });

  it('a second answer to the same check-in is refused with thanks and changes nothing; the page says it was answered', async () => {
    const { p, epic } = await setUp();
    const path = surveyLinkPath(epic, 30);
    const form = surveyFormIn((await getPage(p, path)).body);
    expect((await post(p, path, { form, score: '5', comment: '' })).status).toBe(303);
    await p.bed.settle();
    const after = statusBody(p, epic);
    const again = await post(p, path, { form, score: '1', comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('already answered; thank you');
    await p.bed.settle();
    expect(statusBody(p, epic)).toBe(after);
    expect(surveyComments(p, epic)).toHaveLength(1);
    const page = await getPage(p, path);
    expect(page.body).toContain('You already answered this survey');
    expect(page.body).not.toContain('name="score"');
    // Another check-in's survey is a survey of its own.
    expect((await getPage(p, surveyLinkPath(epic, 90))).body).toContain('name="score"');
  });

  it('refuses forged links (404), a cross-site post and a bad form token (403), and a missing score (400)', async () => {
    const { p, epic } = await setUp();
    const notFound = (await getPage(p, '/embark/status/nonsense')).body;
    for (const path of forgedPaths(epic, 'survey')) {
      const viewed = await getPage(p, path);
      expect([path, viewed.status]).toEqual([path, 404]);
      expect(viewed.body).toBe(notFound);
    }
    const path = surveyLinkPath(epic, 30);
    const form = surveyFormIn((await getPage(p, path)).body);
    expect((await post(p, forgedPaths(epic, 'survey')[0]!, { form, score: '4' })).status).toBe(404);
    expect((await post(p, path, { form, score: '4' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(p, path, { form, score: '4' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(p, path, { form: 'forged', score: '4' })).status).toBe(403);
    const otherDay = surveyFormIn((await getPage(p, surveyLinkPath(epic, 90))).body);
    expect((await post(p, path, { form: otherDay, score: '4' })).status).toBe(403);
    const noScore = await post(p, path, { form, score: '9' });
    expect(noScore.status).toBe(400);
    expect(noScore.body).toContain('Choose a score from 1 to 5');
    await p.bed.settle();
    expect(storedState(p, epic).surveys).toEqual([]);
    expect(surveyComments(p, epic)).toHaveLength(0);
  });

  it('is limited per link (429) with the configured rule', async () => {
    const { p, epic } = await setUp({ customerLimits: { surveyPerLink: { limit: 2, windowMs: 60_000 } } });
    const path = surveyLinkPath(epic, 30);
    const form = surveyFormIn((await getPage(p, path)).body);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(p, path, { form, score: '0' })).status);
    expect(statuses).toEqual([400, 400, 429]);
  });
});

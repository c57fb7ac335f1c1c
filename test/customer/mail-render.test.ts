import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { MailContext } from '../../src/customer/mail-content.js';
import { csmOf, formatDate, plainItem } from '../../src/customer/mail-content.js';
import type { MailDue, MailKind } from '../../src/customer/mail-due.js';
import { messageIdFor, renderMail } from '../../src/customer/mail-render.js';
import { JANE, REF, stage1, stage2, state } from './fixture.js';

const LINKS = {
  status: 'https://embark.example.com/embark/status/abc.def',
  unsubscribe: 'https://embark.example.com/embark/unsubscribe/u1.sig',
  survey: 'https://embark.example.com/embark/survey/s1.sig',
};

const DUE: Record<MailKind, MailDue> = {
  welcome: { key: `welcome:${REF}`, kind: 'welcome', contact: JANE, name: 'Jane Doe', stage: 'stage-1', skipped: [] },
  'your-part': { key: `your-part:stage-1:${REF}`, kind: 'your-part', contact: JANE, name: 'Jane Doe', stage: 'stage-1', skipped: [] },
  remind: { key: `remind:stage-1:24h:${REF}`, kind: 'remind', contact: JANE, name: 'Jane Doe', stage: 'stage-1', skipped: [] },
  digest: { key: `digest:1:${REF}`, kind: 'digest', contact: JANE, name: 'Jane Doe', period: 1, skipped: [] },
  'sign-off': { key: `sign-off:${REF}`, kind: 'sign-off', contact: JANE, name: 'Jane Doe', skipped: [] },
  checkin: { key: `checkin:90:${REF}`, kind: 'checkin', contact: JANE, name: 'Jane Doe', day: 90, survey: true, skipped: [] },
};

function context(mail: MailDue, over: Partial<MailContext> = {}, stateOver: Record<string, unknown> = {}): MailContext {
  const s = state({ completedAt: mail.kind === 'sign-off' || mail.kind === 'checkin' ? '2026-12-10T10:00:00.000Z' : null, ...stateOver });
  return {
    mail,
    onboarding: { ...s, repo: 'acme/onboarding' },
    stages: [stage1, stage2],
    timezone: 'Europe/Amsterdam',
    links: LINKS,
    sender: 'Intercept Onboarding',
    digest: '1w',
    ...over,
  };
}

describe('renderMail', () => {
  it.each([
    ['welcome', 'Contoso: your onboarding has started', ['Sign the SLA', 'Invite us as admin of your tenant', 'Please finish these by Monday 30 November 2026.']],
    ['your-part', 'Contoso: your part in Stage 1: Access', ['Stage 1: Access has started, and these items in it are yours:']],
    ['remind', 'Reminder: 2 open items for you in Stage 1: Access', ['started on Monday 23 November 2026']],
    ['digest', 'Contoso: weekly onboarding update', ['Progress: 0 of 2 stages done.', 'Now: Stage 1: Access, due Monday 30 November 2026.']],
    ['sign-off', 'Contoso is live: onboarding complete', ['completed on Thursday 10 December 2026', 'after 30, 60 and 90 days']],
    ['checkin', 'Contoso: 90-day check-in, how are we doing?', ['It is 90 days since Contoso went live', LINKS.survey]],
  ] as const)('%s: subject, what happens next, the CSM and the status link', (kind, subject, says) => {
    const mail = renderMail(context(DUE[kind]));
    expect(mail.subject).toBe(subject);
    for (const text of [...says, 'Hello Jane Doe,', 'Your customer success manager is alice.', LINKS.status, 'Intercept Onboarding']) {
      expect(mail.text).toContain(text);
    }
    expect(mail.html).toContain(`href="${LINKS.status}"`);
  });

  it.each([
    ['welcome', false],
    ['sign-off', false],
    ['your-part', true],
    ['remind', true],
    ['digest', true],
    ['checkin', true],
  ] as const)('%s carries one-click unsubscribe: %s', (kind, unsubscribe) => {
    const { headers, text } = renderMail(context(DUE[kind]));
    expect(headers['Message-ID']).toBe(messageIdFor('acme/onboarding', 7, DUE[kind].key));
    expect(headers['Auto-Submitted']).toBe('auto-generated');
    if (unsubscribe) {
      expect(headers['List-Unsubscribe']).toBe(`<${LINKS.unsubscribe}>`);
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(text).toContain(`Unsubscribe: ${LINKS.unsubscribe}`);
    } else {
      expect(Object.keys(headers).sort()).toEqual(['Auto-Submitted', 'Message-ID']);
      expect(text).not.toContain('Unsubscribe');
    }
  });

  it('derives Message-ID from the onboarding and the key: the same on a resend, different otherwise', () => {
    const id = messageIdFor('acme/onboarding', 7, DUE.remind.key);
    expect(id).toMatch(/^<[0-9a-f]{32}@embark>$/);
    expect(messageIdFor('Acme/Onboarding', 7, DUE.remind.key)).toBe(id);
    expect(new Set([id, messageIdFor('acme/onboarding', 8, DUE.remind.key), messageIdFor('acme/other', 7, DUE.remind.key), messageIdFor('acme/onboarding', 7, DUE.digest.key)]).size).toBe(4);
  });

  it('escapes every value in the HTML and keeps CR/LF out of the subject', () => {
    const evil = '<script>alert("x")</script> & "Co"\r\nBcc: all@evil.example';
    const mail = renderMail(
      context({ ...DUE.remind, name: '<b>Jane</b>' }, { stages: [{ ...stage1, title: '<img src=x onerror=alert(1)>', openCustomerItems: ['<a href="javascript:x">click</a> & `sign`'] }] }, { customer: evil }),
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe('Reminder: 1 open item for you in <img src=x onerror=alert(1)>');
    expect(mail.html).not.toMatch(/<script|<img|<b>|javascript:/);
    expect(mail.html).toContain('Hello &lt;b&gt;Jane&lt;/b&gt;,');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot; Bcc: all@evil.example');
    expect(mail.text).toContain('Hello <b>Jane</b>,');
  });

  it('writes only its own tags, whatever the values hold', () => {
    const allowed = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'div', 'p', 'br', 'ul', 'li', 'a']);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.string(), { maxLength: 3 }), (customer, name, items) => {
        const mail = renderMail(context({ ...DUE.digest, name }, { stages: [{ ...stage1, openCustomerItems: items }] }, { customer }));
        const tags = [...mail.html.matchAll(/<\/?([a-z!]+)/gi)].map((m) => m[1]!.toLowerCase());
        expect(tags.filter((tag) => !allowed.has(tag))).toEqual([]);
        expect(mail.subject).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to render a mail without the link it needs, or with a link that is not http(s)', () => {
    expect(() => renderMail(context(DUE.remind, { links: { status: LINKS.status } }))).toThrow(/needs links.unsubscribe/);
    expect(() => renderMail(context(DUE.checkin, { links: { status: LINKS.status, unsubscribe: LINKS.unsubscribe } }))).toThrow(/needs links.survey/);
    expect(() => renderMail(context(DUE.welcome, { links: { status: 'javascript:alert(1)' } }))).toThrow(/http\(s\)/);
  });

  it('says nothing is needed yet when the active stage has no customer items, and names no CSM when there is none', () => {
    const mail = renderMail(context({ ...DUE.welcome, name: '' }, { stages: [{ ...stage1, openCustomerItems: [] }] }, { roles: { Engineer: ['bob'] } }));
    expect(mail.text).toContain('Hello,');
    expect(mail.text).toContain('We are working on Stage 1: Access. Nothing is needed from you yet');
    expect(mail.text).not.toContain('customer success manager');
  });

  it('offers a check-in without the survey when it does not carry one', () => {
    const mail = renderMail(context({ ...DUE.checkin, day: 30, survey: false }, { links: { status: LINKS.status, unsubscribe: LINKS.unsubscribe } }));
    expect(mail.subject).toBe('Contoso: 30-day check-in');
    expect(mail.text).not.toContain('survey');
  });
});

describe('mail text helpers', () => {
  it.each([
    ['Sign the `SLA`[^5]', 'Sign the SLA'],
    ['Invite us to the [Intercept | Portal](https://portal.example)[^5]', 'Invite us to the Intercept | Portal'],
    ['**Approve** the _budget_ <br> now', 'Approve the budget now'],
  ])('plainItem(%j) = %j', (markdown, text) => expect(plainItem(markdown)).toBe(text));

  it('writes dates in the repository\'s time zone', () => {
    // 23:30 UTC on Thursday is already Friday in Amsterdam.
    expect(formatDate('2026-11-26T23:30:00.000Z', 'Europe/Amsterdam')).toBe('Friday 27 November 2026');
    expect(formatDate('2026-11-26T23:30:00.000Z', 'UTC')).toBe('Thursday 26 November 2026');
  });

  it('finds the CSM by role name or alias', () => {
    expect(csmOf({ roles: { CSM: ['alice'], Engineer: ['bob'] } })).toEqual(['alice']);
    expect(csmOf({ roles: { 'Customer Success Manager': ['carol'] } })).toEqual(['carol']);
    expect(csmOf({ roles: { Lead: ['dave'] }, roleAliases: { Lead: ['Customer Success'] } })).toEqual(['dave']);
    expect(csmOf({ roles: { Engineer: ['bob'] } })).toEqual([]);
  });
});

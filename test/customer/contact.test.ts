import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contactRef, maskEmail, parseAddress, parseContact } from '../../src/customer/contact.js';
import { addContact, findContact, MAX_CONTACTS, removeContact, unsubscribeContact } from '../../src/customer/contacts.js';
import { contact, JANE, T0 } from './fixture.js';

describe('parseContact', () => {
  it.each([
    ['Jane Doe', 'jane.doe@contoso.com', 'Jane Doe', 'jane.doe@contoso.com'],
    ['  Jane   Doe ', ' Jane.Doe@Contoso.COM ', 'Jane Doe', 'Jane.Doe@contoso.com'],
    ['', 'mailto:ops+onboarding@sub.contoso.co.uk', '', 'ops+onboarding@sub.contoso.co.uk'],
    ['Zoë Ñúñez', "o'brien@xn--bcher-kva.example", 'Zoë Ñúñez', "o'brien@xn--bcher-kva.example"],
  ])('accepts %j <%s>', (name, email, wantName, wantEmail) => {
    expect(parseContact(name, email)).toEqual({ ok: true, name: wantName, email: wantEmail });
  });

  it.each([
    ['Jane\r\nBcc: all@evil.example', JANE, /line break or control character/],
    ['Jane\u0000', JANE, /control character/],
    ['Jane\u202eeoD', JANE, /control character/],
    ['J'.repeat(101), JANE, /longer than 100/],
    ['Jane', '', /empty/],
    ['Jane', 'jane doe@contoso.com', /space or line break/],
    ['Jane', 'jane@contoso.com\r\nBcc: x@y.z', /space or line break/],
    ['Jane', 'jane.contoso.com', /exactly one @/],
    ['Jane', 'jane@doe@contoso.com', /exactly one @/],
    ['Jane', 'jane@contoso', /needs a dot/],
    ['Jane', 'jane..doe@contoso.com', /no two dots/],
    ['Jane', '.jane@contoso.com', /before the @/],
    ['Jane', 'jane@-contoso.com', /domain may hold/],
    ['Jane', 'jane@contoso.c0m', /domain may hold/],
    ['Jane', 'jane@bücher.example', /xn-- form/],
    ['Jane', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, /longer than 254/],
    ['Jane', `${'a'.repeat(65)}@contoso.com`, /before the @/],
  ])('refuses %j <%s>', (name, email, error) => {
    const result = parseContact(name, email);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('never returns a name or address holding CR, LF or another control character', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, email) => {
        const result = parseContact(name, email);
        if (result.ok) expect(`${result.name}${result.email}`).not.toMatch(/\p{Cc}/u);
      }),
    );
  });

  it('quotes the bad address in the error, shortened', () => {
    const result = parseAddress(`jane@${'x'.repeat(100)}`);
    expect(!result.ok && result.error).toBe(`"jane@${'x'.repeat(55)}" is not an email address: the domain needs a dot, like contoso.com`);
  });
});

describe('maskEmail and contactRef', () => {
  it.each([
    ['jane.doe@contoso.com', 'j***@contoso.com'],
    ['j@contoso.com', 'j***@contoso.com'],
    ['not-an-address', '***'],
  ])('masks %s as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it('gives one 12-hex ref per address, ignoring case', () => {
    expect(contactRef('Jane.Doe@Contoso.com')).toBe(contactRef(JANE));
    expect(contactRef(JANE)).toMatch(/^[0-9a-f]{12}$/);
    expect(contactRef('john@contoso.com')).not.toBe(contactRef(JANE));
  });
});

describe('the contact list', () => {
  it('adds idempotently, by address ignoring case, keeping an unsubscribe', () => {
    const first = addContact([], contact());
    expect(first).toEqual({ ok: true, contacts: [contact()], changed: true });
    const gone = unsubscribeContact(first.ok ? first.contacts : [], JANE, T0).contacts;
    expect(addContact(gone, contact('JANE.DOE@contoso.com', { name: 'J' }))).toEqual({ ok: true, contacts: gone, changed: false });
  });

  it(`refuses a contact beyond ${MAX_CONTACTS}`, () => {
    const full = Array.from({ length: MAX_CONTACTS }, (_, i) => contact(`c${i}@contoso.com`));
    const result = addContact(full, contact());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/remove one first/);
  });

  it('removes by address or ref, and removing twice changes nothing', () => {
    const list = [contact(), contact('ops@contoso.com')];
    const once = removeContact(list, contactRef(JANE));
    expect(once).toEqual({ contacts: [contact('ops@contoso.com')], changed: true });
    expect(removeContact(once.contacts, JANE)).toEqual({ contacts: once.contacts, changed: false });
  });

  it('unsubscribes once: a replayed link keeps the first time', () => {
    const once = unsubscribeContact([contact()], contactRef(JANE), T0);
    expect(once.changed).toBe(true);
    expect(findContact(once.contacts, JANE)?.unsubscribedAt).toBe(T0);
    expect(unsubscribeContact(once.contacts, JANE, '2027-01-01T00:00:00.000Z')).toEqual({ contacts: once.contacts, changed: false });
    expect(unsubscribeContact(once.contacts, 'nobody@contoso.com', T0).changed).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { contactsFromIntake, isEmailField, isNameField } from '../../src/customer/intake-contacts.js';

describe('which intake fields hold contacts', () => {
  it.each(['Contact email', 'Email Address', 'Customer email', 'E-mail', 'Primary contact e-mail address', 'email addresses', 'Customer administrator email', 'Tenant admin email'])(
    '%s is an email field',
    (name) => expect(isEmailField(name)).toBe(true),
  );
  it.each(['Email address for budget alerts', 'Billing email', 'Emailing preferences', 'Tenant Name', 'Admin email for alerts'])('%s is not', (name) =>
    expect(isEmailField(name)).toBe(false),
  );
  it.each(['Contact name', 'Customer contact', 'Primary contact', 'Contact person'])('%s is a name field', (name) =>
    expect(isNameField(name)).toBe(true),
  );
  it.each(['Customer name', 'Name of the person who did the work', 'Tenant Name'])('%s is not', (name) => expect(isNameField(name)).toBe(false));
});

describe('contactsFromIntake', () => {
  it.each([
    [
      'an email field named by the nearest name field',
      [
        { name: 'TenantID', value: 'abc' },
        { name: 'Primary contact', value: 'Jane Doe' },
        { name: 'Contact email', value: 'jane@contoso.com' },
      ],
      [{ name: 'Jane Doe', email: 'jane@contoso.com' }],
    ],
    ['the customer name when no name field is filled', [{ name: 'Contact name', value: null }, { name: 'E-mail', value: 'ops@contoso.com' }], [{ name: 'Contoso', email: 'ops@contoso.com' }]],
    ['a name written with the address wins', [{ name: 'Contact name', value: 'Someone' }, { name: 'Email Address', value: 'Jane Doe <jane@contoso.com>' }], [{ name: 'Jane Doe', email: 'jane@contoso.com' }]],
    [
      'several addresses split on , and ;, a quoted or comma name kept whole',
      [{ name: 'Customer email', value: '"Doe, Jane" <jane@contoso.com>; Ops Team <ops@contoso.com>, it@contoso.com; Smith, John <john@contoso.com>' }],
      [
        { name: 'Doe, Jane', email: 'jane@contoso.com' },
        { name: 'Ops Team', email: 'ops@contoso.com' },
        { name: 'Contoso', email: 'it@contoso.com' },
        { name: 'Smith, John', email: 'john@contoso.com' },
      ],
    ],
    ['a markdown mailto link and a (comment) name', [{ name: 'Contact email', value: '[jane@contoso.com](mailto:jane@contoso.com), ops@contoso.com (Ops)' }], [
      { name: 'Contoso', email: 'jane@contoso.com' },
      { name: 'Ops', email: 'ops@contoso.com' },
    ]],
    ['a name field holding the address', [{ name: 'Primary contact', value: 'Jane Doe <jane@contoso.com>' }], [{ name: 'Jane Doe', email: 'jane@contoso.com' }]],
    ['each address once', [{ name: 'Contact email', value: 'jane@contoso.com' }, { name: 'E-mail', value: 'JANE@Contoso.com' }], [{ name: 'Contoso', email: 'jane@contoso.com' }]],
    ['an alerts address is no contact (seed 000)', [{ name: 'Email address for budget alerts', value: 'alerts@contoso.com' }], []],
    ['unfilled placeholders give nothing', [{ name: 'Contact email', value: null }, { name: 'E-mail', value: '  ' }], []],
  ])('%s', (_name, fields, contacts) => {
    expect(contactsFromIntake(fields, 'Contoso')).toEqual({ contacts, problems: [] });
  });

  it('reports what it could not read, by field, in words a CSM can act on', () => {
    const result = contactsFromIntake(
      [
        { name: 'Contact email', value: 'jane@contoso, see above' },
        { name: 'Contact name', value: 'Jane\nDoe' },
        { name: 'E-mail', value: 'ok@contoso.com' },
      ],
      'Contoso',
    );
    expect(result.contacts).toEqual([]);
    expect(result.problems).toEqual([
      'Contact email: "jane@contoso" is not an email address: the domain needs a dot, like contoso.com',
      'Contact email: "see above" holds no email address',
      'E-mail: the contact name holds a line break or control character; write it on one line',
    ]);
  });
});

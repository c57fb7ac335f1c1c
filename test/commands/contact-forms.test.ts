/**
 * `/contact` and `/remind customer`, row by row: the forms people write (names of several words,
 * quoted, the address bare or in angle brackets, before or after the name) and the mistakes
 * (no address, two, an address that is not one, a name that would end a mail header).
 */
import { describe, expect, it } from '@jest/globals';
import { helpText } from '../../src/commands/help.js';
import { parseCommands } from '../../src/commands/parse.js';
import { ARG_READERS } from '../../src/commands/parse-args.js';

function only(body: string) {
  const { commands, errors } = parseCommands(body);
  expect(errors).toEqual([]);
  expect(commands).toHaveLength(1);
  const { line: _line, raw: _raw, ...rest } = commands[0]!;
  return rest;
}

function error(body: string): string {
  const { commands, errors } = parseCommands(body);
  expect(commands).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
}

const add = (name: string, email: string) => ({ name: 'contact', op: { kind: 'add', name, email } });
const EG = ', e.g. /contact add Jane Doe <jane@contoso.com>';

describe('/contact forms', () => {
  it.each([
    ['/contact', { name: 'contact', op: { kind: 'list' } }],
    ['/contact list', { name: 'contact', op: { kind: 'list' } }],
    ['/Contact show.', { name: 'contact', op: { kind: 'list' } }],
    ['/contact add Jane Doe <jane@contoso.com>', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add Jane Doe <Jane.Doe@Contoso.COM>', add('Jane Doe', 'Jane.Doe@contoso.com')],
    ['/contact add "Doe, Jane" <jane@contoso.com>', add('Doe, Jane', 'jane@contoso.com')],
    ['/contact add “Jane van der Berg” <jane@contoso.com>', add('Jane van der Berg', 'jane@contoso.com')],
    ['/contact add Jane Doe jane@contoso.com', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add Jane Doe jane@contoso.com.', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add Jane Doe, jane@contoso.com', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add Jane Doe (jane@contoso.com)', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add <jane@contoso.com> Jane Doe', add('Jane Doe', 'jane@contoso.com')],
    ['/contact add Jane Doe <mailto:jane@contoso.com>', add('Jane Doe', 'jane@contoso.com')],
    ["/contact add Seán O'Brien <sean@contoso.ie>", add("Seán O'Brien", 'sean@contoso.ie')],
    ['/contact add jane@contoso.com', add('', 'jane@contoso.com')],
    ['/contact + Jane <jane@contoso.com>', add('Jane', 'jane@contoso.com')],
    ['/contact remove <jane@contoso.com>', { name: 'contact', op: { kind: 'remove', email: 'jane@contoso.com' } }],
    ['/contact remove jane@Contoso.com.', { name: 'contact', op: { kind: 'remove', email: 'jane@contoso.com' } }],
    ['/contact rm jane@contoso.com', { name: 'contact', op: { kind: 'remove', email: 'jane@contoso.com' } }],
  ])('%s', (body, expected) => {
    expect(only(body)).toEqual(expected);
  });

  it.each([
    ['/contact add', `/contact add needs a name and an email address${EG}`],
    ['/contact add Jane Doe', `/contact add needs an email address after the name${EG}`],
    ['/contact add Jane <a@contoso.com> <b@contoso.com>', `/contact add takes one contact per line${EG}`],
    ['/contact add a@contoso.com b@contoso.com', `/contact add takes one contact per line${EG}`],
    ['/contact add Jane <jane@contoso>', `/contact: "jane@​contoso" is not an email address: the domain needs a dot, like contoso.com${EG}`],
    ['/contact add Jane <jane@@contoso.com>', `/contact: "jane@@​contoso.com" is not an email address: write exactly one @, like jane@​contoso.com${EG}`],
    // The address is quoted back escaped: `@bob` must not mention anyone in the reply.
    ['/contact add Jane <@bob>', `/contact: "@​bob" is not an email address: the part before the @ may hold letters, digits and . \\_ + - (no two dots in a row)${EG}`],
    ['/contact remove', `/contact remove needs the email address to remove${EG}`],
    ['/contact remove jane', `/contact: "jane" is not an email address: write exactly one @, like jane@​contoso.com${EG}`],
    ['/contact Jane <jane@contoso.com>', `/contact: \`Jane\` is not add, remove or list (to add someone, start with add: \`/contact add Jane <jane@contoso.com>\`)${EG}`],
    ['/contact purge', `/contact: \`purge\` is not add, remove or list${EG}`],
    [`/contact add ${'J'.repeat(101)} <jane@contoso.com>`, `/contact: the contact name is longer than 100 characters${EG}`],
  ])('%s is refused', (body, message) => {
    expect(error(body)).toBe(message);
  });

  it.each([
    ['a line feed', 'add Jane\nBcc: all@contoso.com <jane@contoso.com>'],
    ['a carriage return', 'add Jane\rBcc: all@contoso.com <jane@contoso.com>'],
    ['CR LF', 'add Jane\r\nBcc: all@contoso.com <jane@contoso.com>'],
    ['a Unicode line separator', 'add Jane\u2028Bcc: all@contoso.com <jane@contoso.com>'],
    ['a next-line character', 'add Jane\u0085Bcc <jane@contoso.com>'],
    ['a NUL', 'add Jane\u0000 <jane@contoso.com>'],
  ])('refuses a name holding %s (header injection), whatever reaches the reader', (_what, args) => {
    expect(ARG_READERS.contact(args)).toEqual({
      ok: false,
      message: `/contact: the contact name holds a line break or control character; write it on one line${EG}`,
    });
  });

  it('a comment cannot carry a line break into a name: the next line is its own (prose) line', () => {
    const parsed = parseCommands('/contact add Jane\r\nBcc: all@contoso.com <jane@contoso.com>');
    expect(parsed.commands).toEqual([]);
    expect(parsed.errors.map((e) => e.message)).toEqual([`/contact add needs an email address after the name${EG}`]);
  });

  it('refuses an address with a line break in it', () => {
    expect(ARG_READERS.contact('add Jane <jane@contoso.com\r\nBcc: x@y.com>')).toMatchObject({ ok: false, message: expect.stringContaining('holds a space or line break') });
  });
});

describe('/remind customer', () => {
  it.each([
    ['/remind customer', { kind: 'customer', stage: null }],
    ['/remind Customer.', { kind: 'customer', stage: null }],
    ['/remind customers', { kind: 'customer', stage: null }],
    ['/remind customer 2', { kind: 'customer', stage: '2' }],
    ['/remind customer "technical setup".', { kind: 'customer', stage: 'technical setup' }],
    ['/remind engineer', { kind: 'role', role: 'engineer' }],
    // Read as a stage here; applying it finds the role "Customer Success" first when there is one.
    ['/remind customer success', { kind: 'customer', stage: 'success' }],
    ['/remind @customer', { kind: 'user', login: 'customer' }],
  ])('%s', (body, target) => {
    expect(only(body)).toEqual({ name: 'remind', target });
  });
});

describe('/help contact', () => {
  it('explains the forms, the mail switch and who may use it', () => {
    expect(only('/help contact')).toEqual({ name: 'help', topic: 'contact' });
    const text = helpText('contact');
    expect(text).toContain('### `/contact [add <name> <email> | remove <email>]`');
    expect(text).toContain('Example: `/contact add Jane Doe <jane@contoso.com>`');
    expect(text).toContain('EMBARK_SMTP_URL, EMBARK_MAIL_FROM, EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL');
    expect(text).toContain('`customer.enabled: false`');
    expect(text).toContain('At most 20 contacts per onboarding.');
    expect(text).toContain('Who may use it: people with write access to the repository.');
    expect(helpText('remind')).toContain('`/remind customer` mails each subscribed contact');
  });
});

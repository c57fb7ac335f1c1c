/**
 * `/contact` and `/remind customer` through the command loop, row by row: a started onboarding,
 * one comment, then the recompute the handler runs. Expected: the reply, the contacts kept in the
 * state, the activity log (addresses masked), and the customer mails handed out to `step`.
 */
import { describe, expect, it } from '@jest/globals';
import type { RepositoryPermission } from '../../src/commands/index.js';
import { type Contact, contactRef } from '../../src/customer/contact.js';
import { MAX_CONTACTS } from '../../src/customer/contacts.js';
import { customerMailSwitch } from '../../src/onboarding/contact-command.js';
import { at, comment, startedWorld, T0, type World } from './fixture.js';

const NOW = at(10);
const JANE = 'jane@contoso.com';
const jane = (over: Partial<Contact> = {}): Contact => ({ name: 'Jane Doe', email: JANE, source: 'command', addedAt: NOW, addedBy: 'alice', unsubscribedAt: null, ...over });
const OFF_HERE = customerMailSwitch({ deployment: false, repository: true });
const OFF_REPO = customerMailSwitch({ deployment: true, repository: false });

interface Row {
  name: string;
  given?: (w: World) => void;
  says: string;
  actor?: string;
  permission?: RepositoryPermission;
  mail?: { on: boolean; why: string | null };
  reply: { ok: boolean; text: string | RegExp };
  contacts?: Contact[];
  log?: string[];
  mails?: string[];
}

const some = (n: number) => Array.from({ length: n }, (_, i) => jane({ email: `person${i}@contoso.com`, name: `Person ${i}` }));
/** Stage 0's only item counts as the customer's (the template's `customerItems`). */
const customerItem = (w: World) => {
  w.state.customerItems = ['Signed agreement'];
};

const rows: Row[] = [
  {
    name: 'add: the contact is kept with who added it and when; the log masks the address',
    says: '/contact add Jane Doe <jane@contoso.com>',
    reply: { ok: true, text: 'Added Jane Doe (`j***@contoso.com`) as a customer contact.' },
    contacts: [jane()],
    log: ['added customer contact Jane Doe <j***@contoso.com>'],
  },
  {
    name: 'add again, in other case: nothing changes, and an unsubscribe is not undone',
    given: (w) => {
      w.state.contacts = [jane({ addedAt: T0, unsubscribedAt: at(2) })];
    },
    says: '/contact add Jane <JANE@Contoso.com>',
    reply: { ok: true, text: 'Jane Doe (`j***@contoso.com`) is already a customer contact; nothing changed. They unsubscribed on 2026-11-23 and stay unsubscribed.' },
    contacts: [jane({ addedAt: T0, unsubscribedAt: at(2) })],
    log: [],
  },
  {
    name: `add over the cap of ${MAX_CONTACTS}: refused, nothing changes`,
    given: (w) => {
      w.state.contacts = some(MAX_CONTACTS);
    },
    says: '/contact add Jane Doe <jane@contoso.com>',
    reply: { ok: false, text: `\`/contact add\`: this onboarding already has ${MAX_CONTACTS} contacts, the most it keeps; remove one first.` },
    contacts: some(MAX_CONTACTS),
    log: [],
  },
  {
    name: 'add at the cap of an address already there: nothing to add, so no refusal',
    given: (w) => {
      w.state.contacts = [...some(MAX_CONTACTS - 1), jane()];
    },
    says: '/contact add Jane Doe <jane@contoso.com>',
    reply: { ok: true, text: /already a customer contact/ },
    contacts: [...some(MAX_CONTACTS - 1), jane()],
  },
  {
    name: 'remove',
    given: (w) => {
      w.state.contacts = [jane(), jane({ email: 'ops@contoso.com', name: 'Ops' })];
    },
    says: '/contact remove <Jane@contoso.com>',
    reply: { ok: true, text: 'Removed Jane Doe (`j***@contoso.com`) from the customer contacts; nothing more is mailed to them.' },
    contacts: [jane({ email: 'ops@contoso.com', name: 'Ops' })],
    log: ['removed customer contact Jane Doe <j***@contoso.com>'],
  },
  {
    name: 'remove an address that is not there says so',
    says: '/contact remove jane@contoso.com',
    reply: { ok: true, text: '`j***@contoso.com` is not a contact of this onboarding; nothing changed.' },
    contacts: [],
    log: [],
  },
  {
    name: 'add with customer mail off in the deployment: refused with the settings that turn it on',
    says: '/contact add Jane Doe <jane@contoso.com>',
    mail: OFF_HERE,
    reply: { ok: false, text: '`/contact add`: customer mail is off in this Embark deployment; whoever runs the app turns it on by setting EMBARK_SMTP_URL, EMBARK_MAIL_FROM, EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL. Nothing was changed.' },
    contacts: [],
    log: [],
  },
  {
    name: 'add with customer mail off for the repository: refused, naming customer.enabled',
    says: '/contact add Jane Doe <jane@contoso.com>',
    mail: OFF_REPO,
    reply: { ok: false, text: /^`\/contact add`: customer mail is off for this repository; remove `customer\.enabled: false` from `\.github\/onboarding\.yml`/ },
    contacts: [],
  },
  {
    name: 'remove still works with mail off',
    given: (w) => {
      w.state.contacts = [jane()];
    },
    says: '/contact remove jane@contoso.com',
    mail: OFF_HERE,
    reply: { ok: true, text: /^Removed Jane Doe/ },
    contacts: [],
  },
  {
    name: 'a read-only user may not add (nor list)',
    says: '/contact add Jane Doe <jane@contoso.com>',
    actor: 'dave',
    reply: { ok: false, text: '`/contact add Jane Doe <j***@contoso.com>`: /contact needs write access to this repository; ask a maintainer to run it or to give you write access' },
    contacts: [],
    log: [],
  },
  {
    name: 'list: masked, with the source, the mails sent, an unsubscribe and a refusal in the server’s words (masked too)',
    given: (w) => {
      const ops = 'ops@contoso.com';
      w.state.contacts = [jane({ source: 'intake', addedBy: 'intake', addedAt: T0, unsubscribedAt: at(30) }), jane({ email: ops, name: 'Ops', addedAt: T0 })];
      w.state.mail = {
        sent: [`welcome:${contactRef(JANE)}`, `your-part:stage-0:${contactRef(JANE)}`, `welcome:${contactRef(ops)}`],
        failed: [{ key: `welcome:${contactRef(ops)}`, address: ops, reply: '550 5.1.1 <ops@contoso.com>: user unknown', at: at(1) }],
      };
    },
    says: '/contact',
    reply: {
      ok: true,
      text: [
        'Customer contacts (2):',
        '- `j***@contoso.com` Jane Doe (intake, 2 mails; unsubscribed 2026-11-24)',
        '- `o***@contoso.com` Ops (command, 1 mail; address refused: 550 5.1.1 &lt;o\\*\\*\\*@​contoso.com&gt;: user unknown)',
      ].join('\n'),
    },
  },
  {
    name: 'list with none yet, mail off: says how to add one and why nothing is mailed',
    says: '/contact',
    mail: OFF_REPO,
    reply: { ok: true, text: /^This onboarding has no customer contacts yet; add one with `\/contact add NAME <email>`\.\n\nNothing is mailed to them: customer mail is off for this repository/ },
  },
  {
    name: '/remind customer: a reminder to each reachable contact for the active stage, keyed by the comment',
    given: (w) => {
      customerItem(w);
      w.state.contacts = [jane(), jane({ email: 'gone@contoso.com', unsubscribedAt: T0 })];
    },
    says: '/remind customer',
    reply: { ok: true, text: 'Mailing a reminder about Stage 0: Agreement to `j***@contoso.com`.' },
    mails: [`remind:stage-0:manual:900:${contactRef(JANE)}`],
    log: ['reminded the customer by mail about Stage 0: Agreement'],
  },
  {
    name: '/remind customer twice in one comment: the mails go once',
    given: (w) => {
      customerItem(w);
      w.state.contacts = [jane()];
    },
    says: '/remind customer\n/remind customer 0',
    reply: { ok: true, text: 'Those customer reminders are already on their way; nothing more to send.' },
    mails: [`remind:stage-0:manual:900:${contactRef(JANE)}`],
  },
  {
    name: '/remind customer for a stage with nothing of the customer’s open: nobody, and why',
    given: (w) => {
      customerItem(w);
      w.state.contacts = [jane()];
    },
    says: '/remind customer 2',
    reply: { ok: false, text: 'Nobody was mailed: Stage 2: Setup has no open items for the customer right now.' },
    mails: [],
  },
  {
    name: '/remind customer without contacts',
    given: customerItem,
    says: '/remind customer',
    reply: { ok: false, text: 'Nobody was mailed: this onboarding has no customer contacts yet; add one first.' },
    mails: [],
  },
  {
    name: '/remind customer with mail off',
    given: (w) => {
      customerItem(w);
      w.state.contacts = [jane()];
    },
    says: '/remind customer',
    mail: OFF_HERE,
    reply: { ok: false, text: /^Nobody was mailed: customer mail is off in this Embark deployment/ },
    mails: [],
  },
  {
    name: '/remind customer of an unknown stage',
    given: customerItem,
    says: '/remind customer 9',
    reply: { ok: false, text: /^Nobody was mailed: there is no stage 9/ },
    mails: [],
  },
  {
    name: '/remind customer success still reminds the role of that name (an alias of CSM), not the customer',
    says: '/remind customer success',
    reply: { ok: true, text: 'Sent 1 reminder.' },
    mails: [],
  },
  {
    name: '/remind customer needs write access',
    given: customerItem,
    says: '/remind customer',
    actor: 'dave',
    reply: { ok: false, text: /needs write access/ },
    mails: [],
  },
];

describe('/contact and /remind customer', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const w = startedWorld();
    row.given?.(w);
    const out = comment(w, row.says, { now: NOW, ...(row.actor ? { actor: row.actor } : {}), ...(row.permission ? { permission: row.permission } : {}), ...(row.mail ? { customerMail: row.mail } : {}) });
    const last = out.replies.at(-1)!;
    expect(last.ok).toBe(row.reply.ok);
    if (typeof row.reply.text === 'string') expect(last.text).toBe(row.reply.text);
    else expect(last.text).toMatch(row.reply.text);
    if (row.contacts) expect(w.state.contacts).toEqual(row.contacts);
    if (row.log) expect(out.log).toEqual(row.log);
    if (row.mails) expect(out.mails.map((m) => m.key)).toEqual(row.mails);
    // No reply and no log line ever holds a full address.
    for (const text of [...out.replies.map((r) => r.text), ...out.log]) expect(text).not.toMatch(/[a-z]+@contoso\.com/);
  });

  it('the contacts live in the state the status comment keeps', () => {
    const w = startedWorld();
    comment(w, '/contact add Jane Doe <jane@contoso.com>', { now: NOW });
    comment(w, '/contact add Ops <ops@contoso.com>', { now: at(11) });
    expect(w.state.contacts?.map((c) => c.email)).toEqual([JANE, 'ops@contoso.com']);
  });
});

/**
 * Customer contacts on the GitHub double: `/contact add` with customer mail on (the environment an
 * admin sets, SMTP pointing at a real in-process server) and off (in the deployment, or for the
 * repository with `customer.enabled: false`), and a contact from the intake at the start. The
 * status comment shows contacts masked; the full address is only in its hidden state.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeState } from '../../src/onboarding/state.js';
import { type SmtpSink, startSmtpSink } from '../mail/smtp-sink.js';
import { type Bed, BODY, CONFIG, openOnboarding, REPO, startBed, statusComment, TEMPLATE } from './harness.js';

let bed: Bed | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  await sink?.close();
  bed = undefined;
  sink = undefined;
});

/** Start the bed with customer mail on (SMTP at a real in-process server); `files` replace the repository's. */
async function mailOn(files?: Record<string, string>): Promise<Bed> {
  sink = await startSmtpSink();
  return startBed({
    env: { EMBARK_SMTP_URL: sink.url, EMBARK_MAIL_FROM: 'Acme Onboarding <onboarding@acme.example>', EMBARK_STATUS_SECRET: 'contacts-flow-secret-0123456789abcdef', EMBARK_PUBLIC_URL: 'http://127.0.0.1:9' },
    ...(files ? { files } : {}),
  });
}

/** Comment as alice and return Embark's reply to it. */
async function say(b: Bed, issue: number, body: string): Promise<string> {
  const comment = b.double.comment(REPO, issue, body, 'alice');
  await b.settle();
  const reply = b.double.comments(REPO, issue).find((c) => c.via_app && c.body.startsWith(`<!-- embark:notice reply:${comment.id} -->`));
  return reply ? reply.body.slice(reply.body.indexOf('\n') + 1) : '';
}

/** The status comment as people see it (without the hidden state), and the state. */
function status(b: Bed, epic: number) {
  const body = statusComment(b, epic)?.body ?? '';
  return { visible: body.slice(0, body.indexOf('<!-- embark:state')), state: decodeState(body) };
}

describe('customer contacts on GitHub', () => {
  it('/contact add Jane Doe <jane@contoso.com>: the reply and the status comment show her masked; the state keeps the address', async () => {
    bed = await mailOn();
    const epic = await openOnboarding(bed);
    expect(await say(bed, epic, '/contact add Jane Doe <jane@contoso.com>')).toBe('Added Jane Doe (`j***@contoso.com`) as a customer contact.');
    const { visible, state } = status(bed, epic);
    expect(visible).toContain('| `j***@contoso.com` | Jane Doe | command |');
    expect(visible).toContain('added customer contact Jane Doe &lt;j\\*\\*\\*@​contoso.com&gt;');
    expect(visible).not.toContain('jane@contoso.com');
    expect(state?.contacts).toEqual([{ name: 'Jane Doe', email: 'jane@contoso.com', source: 'command', addedAt: bed.clock.now.toISOString(), addedBy: 'alice', unsubscribedAt: null }]);
    // Again: nothing changes; and the list answers masked.
    expect(await say(bed, epic, '/contact add Jane <JANE@contoso.com>')).toBe('Jane Doe (`j***@contoso.com`) is already a customer contact; nothing changed.');
    expect(await say(bed, epic, '/contact')).toMatch(/^Customer contacts \(1\):\n- `j\*\*\*@contoso\.com` Jane Doe \(command, \d+ mails?\)$/);
    expect(status(bed, epic).state?.contacts).toHaveLength(1);
  });

  it('/contact add with customer mail off in the deployment says so and how to turn it on, and changes nothing', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const before = statusComment(bed, epic)?.body;
    const reply = await say(bed, epic, '/contact add Jane Doe <jane@contoso.com>');
    expect(reply).toBe(
      '`/contact add`: customer mail is off in this Embark deployment; whoever runs the app turns it on by setting EMBARK_SMTP_URL, EMBARK_MAIL_FROM, EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL. Nothing was changed.',
    );
    expect(statusComment(bed, epic)?.body).toBe(before);
    expect(await say(bed, epic, '/remind customer')).toMatch(/^Nobody was mailed: customer mail is off in this Embark deployment/);
  });

  it('/contact add with `customer.enabled: false` in the repository is refused naming the setting, though the deployment has mail', async () => {
    bed = await mailOn({ '.github/onboarding.yml': `${CONFIG}customer:\n  enabled: false\n`, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE });
    const epic = await openOnboarding(bed);
    expect(await say(bed, epic, '/contact add Jane Doe <jane@contoso.com>')).toMatch(/^`\/contact add`: customer mail is off for this repository; remove `customer\.enabled: false` from `\.github\/onboarding\.yml`/);
    expect(status(bed, epic).state?.contacts).toEqual([]);
    expect(sink!.messages).toEqual([]);
  });

  it('takes the contact from the intake at the start (never the budget-alerts address), shown masked', async () => {
    const template = TEMPLATE.replace('- Tenant ID: `xxx`', '- Contact email: `xxx`\n- Email address for budget alerts: `xxx`\n- Tenant ID: `xxx`');
    bed = await mailOn({ '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': template });
    const body = BODY.replace('- Tenant ID: `xxx`', '- Contact email: `Jane Doe <jane@contoso.com>`\n- Email address for budget alerts: `alerts@contoso.com`\n- Tenant ID: `T-1`');
    const epic = await openOnboarding(bed, 'Contoso', body);
    await bed.settle();
    const { visible, state } = status(bed, epic);
    expect(state?.contacts.map((c) => [c.name, c.email, c.source])).toEqual([['Jane Doe', 'jane@contoso.com', 'intake']]);
    expect(visible).toContain('| `j***@contoso.com` | Jane Doe | intake |');
    expect(visible).not.toContain('jane@contoso.com');
  });

  it('/remind customer mails the contact now through the writer, and a second comment mails again', async () => {
    const template = TEMPLATE.replace('- [ ] CSM >> Signed agreement received', '- [ ] CSM >> Signed agreement received\n- [ ] Customer >> Sign the SLA');
    bed = await mailOn({ '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': template });
    const epic = await openOnboarding(bed, 'Contoso', BODY.replace('- [ ] CSM >> Signed agreement received', '- [ ] CSM >> Signed agreement received\n- [ ] Customer >> Sign the SLA'));
    await say(bed, epic, '/contact add Jane Doe <jane@contoso.com>');
    const reminders = () => sink!.messages.filter((m) => m.parsed.subject?.startsWith('Reminder:'));
    expect(reminders()).toEqual([]);
    expect(await say(bed, epic, '/remind customer')).toBe('Mailing a reminder about Stage 0: Agreement to `j***@contoso.com`.');
    const manual = () => status(bed!, epic).state!.mail.sent.filter((k) => k.startsWith('remind:stage-0:manual:'));
    expect(manual()).toHaveLength(1);
    expect(reminders().map((m) => [m.envelope.to, m.parsed.subject])).toEqual([[['jane@contoso.com'], 'Reminder: 1 open item for you in Stage 0: Agreement']]);
    expect(reminders()[0]!.parsed.text).toContain('Sign the SLA');
    await say(bed, epic, '/remind customer 0');
    expect(manual()).toHaveLength(2);
    expect(reminders()).toHaveLength(2);
  });
});

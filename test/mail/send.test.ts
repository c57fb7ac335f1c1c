import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { messageIdFor, renderMail } from '../../src/customer/mail-render.js';
import { sendWithBackoff } from '../../src/mail/pace.js';
import { createMailer, type Mailer, type OutgoingMail } from '../../src/mail/send.js';
import { JANE, REF, stage1, stage2, state } from '../customer/fixture.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const FROM = { name: 'Contoso Onboarding', address: 'onboarding@embark.example' };
const UNSUBSCRIBE = 'https://embark.example.com/embark/unsubscribe/u1.c2lnbmF0dXJl';

/** A rendered reminder to `address`, through the real renderer. */
function reminder(address = JANE, name = 'Jane Doe', customer = 'Contoso <Ltd> & "Sons"'): OutgoingMail {
  const s = state({ customer });
  const mail = { key: `remind:stage-1:24h:${REF}`, kind: 'remind' as const, contact: address, name, stage: 'stage-1', skipped: [] };
  const rendered = renderMail({
    mail,
    onboarding: { ...s, repo: 'acme/onboarding' },
    stages: [stage1, stage2],
    timezone: 'Europe/Amsterdam',
    links: { status: 'https://embark.example.com/embark/status/abc.def', unsubscribe: UNSUBSCRIBE },
  });
  return { ...rendered, to: { name, address } };
}

/** A header as the receiver sees it (unfolded), from the raw header lines. */
function header(message: { parsed: { headerLines: readonly { key: string; line: string }[] } }, name: string): string[] {
  return message.parsed.headerLines
    .filter((h) => h.key === name.toLowerCase())
    .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

/** A clock for the backoff whose sleeps pass at once. */
const instant = { now: () => 0, sleep: async () => {} };

describe('createMailer against a real SMTP server', () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createMailer({ url: sink.url, from: FROM });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });
  afterEach(() => {
    sink.messages.length = 0;
  });

  it('delivers the message with its headers, a plain-text and an escaped HTML part', async () => {
    const result = await mailer.send({ ...reminder(), replyTo: 'csm@contoso.com' });
    const [message] = await sink.waitFor(1);
    const id = messageIdFor('acme/onboarding', 7, `remind:stage-1:24h:${REF}`);
    expect(result).toEqual({ kind: 'sent', messageId: id });
    const { parsed, envelope } = message!;
    expect(envelope).toEqual({ from: FROM.address, to: [JANE] });
    expect(parsed.messageId).toBe(id);
    expect(header(message!, 'List-Unsubscribe')).toEqual([`<${UNSUBSCRIBE}>`]);
    expect(header(message!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
    expect(header(message!, 'Auto-Submitted')).toEqual(['auto-generated']);
    expect(header(message!, 'Message-ID')).toEqual([id]);
    expect(parsed.from?.value).toEqual([FROM]);
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([{ name: 'Jane Doe', address: JANE }]);
    expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'csm@contoso.com' }]);
    expect(parsed.subject).toBe('Reminder: 2 open items for you in Stage 1: Access');
    expect(parsed.text).toContain('Hello Jane Doe,');
    expect(parsed.text).toContain('- Sign the SLA');
    expect(parsed.html).toContain('<li>Sign the SLA</li>');
    expect(parsed.html).toContain('Contoso &lt;Ltd&gt; &amp; &quot;Sons&quot;');
    expect(parsed.html).not.toContain('<Ltd>');
  });

  it('keeps a CR/LF in a name or subject out of the headers: no injected Bcc, one recipient', async () => {
    const evil = 'Jane\r\nBcc: victim@evil.example\r\nX-Injected: yes';
    const mail = { ...reminder(JANE, evil), subject: `Hi\r\nBcc: victim@evil.example`, fromName: 'Contoso\r\nX-Injected: from' };
    expect((await mailer.send(mail)).kind).toBe('sent');
    const [message] = await sink.waitFor(1);
    const headerBlock = message!.raw.slice(0, message!.raw.indexOf('\r\n\r\n'));
    expect(headerBlock).not.toMatch(/^(bcc|x-injected):/im);
    expect(message!.parsed.headers.has('bcc')).toBe(false);
    expect(message!.parsed.headers.has('x-injected')).toBe(false);
    expect(message!.envelope.to).toEqual([JANE]);
    expect(message!.parsed.subject).toBe('Hi Bcc: victim@evil.example');
  });

  it('421 then success: retried with backoff, exactly one message received', async () => {
    const address = 'busy@contoso.com';
    sink.fail(address, { code: 421, times: 1, message: '4.7.0 Too many connections, try again later' });
    const result = await sendWithBackoff((m: OutgoingMail) => mailer.send(m), reminder(address), { clock: instant });
    expect(result.kind).toBe('sent');
    expect(result.attempts).toBe(2);
    expect(sink.attempts.get(address)).toBe(2);
    await sink.waitFor(1);
    expect(sink.messages.map((m) => m.envelope.to)).toEqual([[address]]);
  });

  it('550: permanent, with the server\'s words and the address, not retried', async () => {
    const address = 'nobody@contoso.com';
    sink.fail(address, { code: 550, message: '5.1.1 <nobody@contoso.com>: Recipient address rejected: User unknown' });
    const result = await sendWithBackoff((m: OutgoingMail) => mailer.send(m), reminder(address), { clock: instant });
    expect(result).toEqual({
      kind: 'permanent',
      code: '550',
      reply: '550 5.1.1 <nobody@contoso.com>: Recipient address rejected: User unknown',
      address,
      attempts: 1,
    });
    expect(sink.attempts.get(address)).toBe(1);
    expect(sink.messages).toEqual([]);
  });
});

describe('createMailer when the server cannot be reached or refuses Embark', () => {
  it('connection refused: transient (nodemailer reports it as a socket error)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM });
    const result = await mailer.send(reminder());
    mailer.close();
    expect(result).toMatchObject({ kind: 'transient', code: expect.stringMatching(/^E(SOCKET|CONNECTION)$/) });
    expect(result.kind === 'transient' && result.reply).toMatch(/ECONNREFUSED/);
  });

  it('a server that never greets: transient timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }, { timeouts: { greetingMs: 150 } });
    const result = await mailer.send(reminder());
    mailer.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect(result).toMatchObject({ kind: 'transient', code: 'ETIMEDOUT' });
  });

  it('wrong credentials: misconfigured (nothing to record, stop the run)', async () => {
    const sink = await startSmtpSink({ auth: { user: 'embark', pass: 'right' } });
    const mailer = createMailer({ url: sink.url.replace(':right@', ':wrong@'), from: FROM });
    const result = await mailer.send(reminder());
    mailer.close();
    const good = createMailer({ url: sink.url, from: FROM });
    const ok = await good.send(reminder());
    good.close();
    await sink.close();
    expect(result).toMatchObject({ kind: 'misconfigured', code: '535' });
    expect(ok.kind).toBe('sent');
  });
});

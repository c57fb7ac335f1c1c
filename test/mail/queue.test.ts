import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MailResult } from '../../src/mail/classify.js';
import { createPacer } from '../../src/mail/pace.js';
import { sendQueue } from '../../src/mail/queue.js';
import { createMailer, type Mailer, type OutgoingMail } from '../../src/mail/send.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const instant = { now: () => 0, sleep: async () => {} };
const noPace = createPacer({ perMinute: Number.POSITIVE_INFINITY });

function mail(address: string): OutgoingMail {
  return { to: { name: '', address }, subject: `to ${address}`, text: 'hello', html: '<p>hello</p>', headers: {} };
}

describe('sendQueue against a real SMTP server', () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createMailer({ url: sink.url, from: { name: 'Embark', address: 'embark@embark.example' } });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });

  it('sends each in order; a permanent failure is reported and the run goes on', async () => {
    sink.fail('gone@contoso.com', { code: 550, message: '5.1.1 User unknown' });
    const addresses = ['a@contoso.com', 'gone@contoso.com', 'b@contoso.com', 'c@contoso.com'];
    const outcome = await sendQueue(
      addresses.map((address) => ({ id: address, mail: mail(address) })),
      { send: (m) => mailer.send(m), pacer: noPace, backoff: { clock: instant } },
    );
    await sink.waitFor(3);
    expect(sink.messages.map((m) => m.envelope.to[0])).toEqual(['a@contoso.com', 'b@contoso.com', 'c@contoso.com']);
    expect(outcome.results.map((r) => [r.id, r.result.kind])).toEqual([
      ['a@contoso.com', 'sent'],
      ['gone@contoso.com', 'permanent'],
      ['b@contoso.com', 'sent'],
      ['c@contoso.com', 'sent'],
    ]);
    expect(outcome.stopped).toBeNull();
    expect(outcome.notTried).toEqual([]);
  });
});

describe('sendQueue stopping early', () => {
  it.each([
    ['misconfigured', { kind: 'misconfigured', code: '535', reply: '535 5.7.8 Bad credentials' } as Exclude<MailResult, { kind: 'sent' }>, 1],
    ['transient past its retries (the server is down)', { kind: 'transient', code: 'ECONNECTION', reply: 'refused' } as Exclude<MailResult, { kind: 'sent' }>, 3],
  ])('stops at a %s result and lists the mails not tried', async (_name, failure, attempts) => {
    const calls: string[] = [];
    const send = async (m: string): Promise<MailResult> => {
      calls.push(m);
      return m === 'second' ? failure : { kind: 'sent', messageId: `<${m}@embark>` };
    };
    const outcome = await sendQueue(
      ['first', 'second', 'third', 'fourth'].map((id) => ({ id, mail: id })),
      { send, pacer: noPace, backoff: { attempts: 3, clock: instant } },
    );
    expect(calls).toEqual(['first', ...Array(attempts).fill('second')]);
    expect(outcome.results.map((r) => [r.id, r.result.kind, r.attempts])).toEqual([
      ['first', 'sent', 1],
      ['second', failure.kind, attempts],
    ]);
    expect(outcome.notTried).toEqual(['third', 'fourth']);
    expect(outcome.stopped).toEqual({ kind: failure.kind, code: failure.code, reply: failure.reply });
  });

  it('takes a pacer token for every attempt, retries included', async () => {
    let tokens = 0;
    const pacer = { take: async () => void tokens++ };
    let n = 0;
    const send = async (): Promise<MailResult> => (++n === 1 ? { kind: 'transient', code: '421', reply: 'busy' } : { kind: 'sent', messageId: '<x@embark>' });
    await sendQueue([{ id: 'a', mail: 'a' }, { id: 'b', mail: 'b' }], { send, pacer, backoff: { clock: instant } });
    expect(tokens).toBe(3);
  });
});

/**
 * SMTP messages per minute the paced queue sustains against the in-process SMTP server, pacing
 * off: one new connection per message (the transport does not pool), real rendered reminders.
 * smtp-server waits 100 ms before its greeting to catch clients that talk too early, so this
 * measures Embark's queue plus that wait, not the network.
 */
import { renderMail } from '../src/customer/mail-render.js';
import { createPacer } from '../src/mail/pace.js';
import { sendQueue } from '../src/mail/queue.js';
import { createMailer, type OutgoingMail } from '../src/mail/send.js';
import { startSmtpSink } from '../test/mail/smtp-sink.js';

export interface MailThroughput {
  messages: number;
  ms: number;
  perMinute: number;
  failed: number;
}

function message(i: number): OutgoingMail {
  const address = `contact${i}@contoso.com`;
  const rendered = renderMail({
    mail: { key: `remind:stage-1:24h:${i}`, kind: 'remind', contact: address, name: `Contact ${i}`, stage: 'stage-1', skipped: [] },
    onboarding: {
      repo: 'acme/onboarding', epic: 7, customer: 'Contoso', startedAt: '2026-11-23T09:00:00Z', completedAt: null, blocked: null,
      roles: { CSM: ['alice'] }, stages: [{ key: 'stage-1', title: 'Stage 1: Access', completedAt: null }], checkins: [],
    },
    stages: [{ stageKey: 'stage-1', title: 'Stage 1: Access', active: true, startedAt: '2026-11-23T09:00:00Z', openCustomerItems: ['Sign the SLA', 'Invite us as admin'] }],
    timezone: 'UTC',
    links: { status: 'https://embark.example.com/embark/status/a.b', unsubscribe: 'https://embark.example.com/embark/unsubscribe/u.s' },
  });
  return { ...rendered, to: { name: `Contact ${i}`, address } };
}

export async function benchMailThroughput(messages = 60): Promise<MailThroughput> {
  const sink = await startSmtpSink();
  const mailer = createMailer({ url: sink.url, from: { name: 'Embark', address: 'embark@embark.example' } });
  const mails = Array.from({ length: messages }, (_, i) => ({ id: String(i), mail: message(i) }));
  const began = performance.now();
  const outcome = await sendQueue(mails, { send: (m) => mailer.send(m), pacer: createPacer({ perMinute: Number.POSITIVE_INFINITY }) });
  await sink.waitFor(messages, 120_000);
  const ms = Math.round(performance.now() - began);
  mailer.close();
  await sink.close();
  return { messages, ms, perMinute: Math.round((messages * 60_000) / ms), failed: outcome.results.filter((r) => r.result.kind !== 'sent').length };
}

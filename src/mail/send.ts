/**
 * The SMTP transport: one nodemailer transport per mailer, a new connection per message (no
 * pool: the sweep sends few mails, and a fresh connection recovers from a server that closed the
 * last one). Every header is built here or by `renderMail`; names pass `oneLine` again, so a CR
 * or LF can never start a header of its own.
 */
import { createTransport } from 'nodemailer';
import type { RenderedMail } from '../customer/mail-render.js';
import { oneLine } from '../customer/one-line.js';
import { classifySendError, type MailResult } from './classify.js';
import type { MailSettings } from './settings.js';

export type { MailResult } from './classify.js';

/** A rendered mail and who it goes to. */
export interface OutgoingMail extends RenderedMail {
  to: { name: string; address: string };
  /** `customer.fromName`: replaces the name of `EMBARK_MAIL_FROM`; the address stays. */
  fromName?: string;
  /** `customer.replyTo`. */
  replyTo?: string;
}

/** Sends mail; `close` ends the transport so the process can exit. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
}

/** Timeouts in milliseconds; the defaults keep one unreachable server from holding a sweep for minutes. */
export interface MailerTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: MailerTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/** Header names Embark sets besides the ones nodemailer writes; anything else is dropped. */
const OWN_HEADERS = new Set(['list-unsubscribe', 'list-unsubscribe-post', 'auto-submitted']);

/** A mailer over the settings' SMTP URL. */
export function createMailer(settings: Pick<MailSettings, 'url' | 'from'>, options: { timeouts?: Partial<MailerTimeouts> } = {}): Mailer {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.connectionMs,
    // The messages carry no attachments; make sure no content can make nodemailer read a file or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      const headers: Record<string, string> = {};
      let messageId: string | undefined;
      for (const [name, value] of Object.entries(mail.headers)) {
        if (name.toLowerCase() === 'message-id') messageId = oneLine(value, 250);
        else if (OWN_HEADERS.has(name.toLowerCase())) headers[name] = oneLine(value, 2000);
      }
      try {
        const info = await transport.sendMail({
          from: { name: oneLine(mail.fromName ?? settings.from.name, 100), address: settings.from.address },
          to: { name: oneLine(mail.to.name, 100), address: mail.to.address },
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: oneLine(mail.subject, 150),
          text: mail.text,
          html: mail.html,
          headers,
          ...(messageId ? { messageId } : {}),
        });
        if (info.rejected.length > 0) return classifySendError(info.rejectedErrors?.[0] ?? { message: 'recipient rejected' }, mail.to.address);
        return { kind: 'sent', messageId: info.messageId };
      } catch (error) {
        return classifySendError(error, mail.to.address);
      }
    },
    close: () => transport.close(),
  };
}

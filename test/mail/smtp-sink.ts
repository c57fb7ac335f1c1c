/**
 * A real SMTP server in the test process (smtp-server on a free port, plain text, no STARTTLS)
 * that keeps every message it accepted, parsed by mailparser, and fails recipients on request:
 * the first N attempts with a 4xx, or always with a 5xx and the words a test then looks for.
 * `waitFor` resolves when the count is reached (no sleeps); `close` ends it so Jest can exit.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One accepted message. */
export interface SinkMessage {
  envelope: { from: string; to: string[] };
  /** The message as received, headers and all. */
  raw: string;
  parsed: ParsedMail;
}

/** How to answer a recipient: `code` for the first `times` attempts (every attempt when omitted). */
export interface FailureRule {
  code: number;
  message?: string;
  times?: number;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>` (with the credentials when the sink requires them). */
  url: string;
  messages: SinkMessage[];
  /** RCPT TO attempts per address (lowercased), refused ones included. */
  attempts: Map<string, number>;
  /** Answer RCPT TO for this address by `rule` from now on. */
  fail(address: string, rule: FailureRule): void;
  /** The messages once at least `count` have arrived; rejects after `timeoutMs` naming the count. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Start a sink; with `auth`, it requires those credentials (AUTH PLAIN/LOGIN) and refuses others with 535. */
export async function startSmtpSink(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const attempts = new Map<string, number>();
  const rules = new Map<string, FailureRule>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    // The client is always this process: a reverse DNS lookup per connection only costs time.
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const rule = rules.get(key);
      if (rule && (rule.times === undefined || attempt <= rule.times)) {
        return callback(smtpError(rule.code, rule.message ?? (rule.code >= 500 ? '5.1.1 Mailbox unavailable' : '4.7.0 Try again later')));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const envelope = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            };
            messages.push({ envelope, raw, parsed });
            for (const wake of [...waiters]) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    attempts,
    fail: (address, rule) => rules.set(address.toLowerCase(), rule),
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp sink: ${messages.length} of ${count} messages arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

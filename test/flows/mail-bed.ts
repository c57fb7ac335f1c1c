/**
 * Customer mail end to end: the flow bed (Probot + GitHub double, fake clock) with mail turned on
 * the way an admin does (environment), a real SMTP server in-process (smtp-server, messages parsed
 * by mailparser), and an HTTP server carrying the status page routes at the public address the
 * mails link to.
 */
import type { Server } from 'node:http';
import type { Contact } from '../../src/customer/contact.js';
import type { Octokit } from '../../src/github/octokit.js';
import { onboardingKey } from '../../src/handlers/deps.js';
import { loadOnboarding, step } from '../../src/handlers/session.js';
import { installationClients } from '../../src/handlers/status-page/installation.js';
import { statusPageRoute } from '../../src/handlers/status-page/routes.js';
import type { BackoffOptions } from '../../src/mail/pace.js';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../mail/smtp-sink.js';
import { listenForRoutes } from '../support/route-server.js';
import { client } from './app-bed.js';
import { type Bed, ref, startBed } from './harness.js';

export const SECRET = 'mail-bed-status-secret-0123456789abcdef';
export const FROM = 'Acme Onboarding <onboarding@acme.example>';

/** A template with a stage of the customer's own items (and one named in `customerItems`). */
export const TEMPLATE = `---
name: Managed Services Onboarding
about: v2026.11 standard onboarding
title: "[Managed Services Onboarding] %customer%"
labels: EPIC
onboarding:
  customerItems: [welcome pack]
  checkins: [30, 90]
---
### Description
- Tenant ID: \`xxx\`

### Stage 0: Agreement
- [ ] CSM >> Signed agreement received

### Stage 1: Access
- [ ] Customer >> Invite us as admin of your tenant
- [ ] Customer >> Confirm the go-live date
- [ ] Engineer >> Admin access granted

### Stage 2: Setup
- [ ] Engineer >> Monitoring enabled
- [ ] CSM >> Send the welcome pack
`;

export const BODY = TEMPLATE.split('---\n').slice(2).join('---\n');

/** The same template asking for the customer's contact in its intake. */
export const TEMPLATE_WITH_CONTACT = TEMPLATE.replace('- Tenant ID:', '- Contact email: `xxx`\n- Tenant ID:');

export const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob]
`;

export interface MailBed {
  bed: Bed;
  sink: SmtpSink;
  /** The public address mails link to (the page server). */
  base: string;
  server: Server;
  close(): Promise<void>;
}

/** Start the bed with mail on; `config` replaces `.github/onboarding.yml`. */
export async function startMailBed(
  options: { config?: string; template?: string; replicas?: number; redis?: { url: string; prefix: string }; backoff?: BackoffOptions; env?: NodeJS.ProcessEnv } = {},
): Promise<MailBed> {
  const sink = await startSmtpSink();
  const routes = await listenForRoutes();
  const { base, server } = routes;
  const bed = await startBed({
    files: { '.github/onboarding.yml': options.config ?? CONFIG, '.github/ISSUE_TEMPLATE/msp.md': options.template ?? TEMPLATE },
    env: { EMBARK_SMTP_URL: sink.url, EMBARK_MAIL_FROM: FROM, EMBARK_STATUS_SECRET: SECRET, EMBARK_PUBLIC_URL: base, ...options.env },
    mailBackoff: options.backoff ?? { baseMs: 1, maxMs: 5 },
    ...(options.replicas ? { replicas: options.replicas } : {}),
    ...(options.redis ? { redis: options.redis } : {}),
  });
  routes.use(
    statusPageRoute({
      deps: bed.deps,
      settings: { secret: SECRET, publicUrl: base },
      octokitFor: installationClients(bed.probot, { requestTimeoutMs: 2000 }),
      log: { warn() {} },
    }),
  );
  return {
    bed,
    sink,
    base,
    server,
    async close() {
      await routes.close();
      await bed.close();
      await sink.close();
    },
  };
}

/** An app client against the bed's double. */
export function appOctokit(m: MailBed): Octokit {
  return client(m.bed.double, 'app-token');
}

/**
 * Add a contact the way `/contact add` does underneath: under the onboarding's lock, from a fresh
 * read, through the normal writer (which then sends what became due, e.g. the welcome).
 */
export async function addContact(m: MailBed, epic: number, contact: Pick<Contact, 'name' | 'email'>): Promise<void> {
  const { bed } = m;
  const octokit = appOctokit(m);
  await bed.deps.lock.run(onboardingKey(ref.owner, ref.repo, epic), async () => {
    const loaded = await loadOnboarding(bed.deps, octokit, { ...ref, epic });
    if (!loaded?.state) throw new Error(`#${epic} is not an onboarding`);
    const at = bed.deps.now().toISOString();
    const state = { ...loaded.state, contacts: [...(loaded.state.contacts ?? []), { ...contact, source: 'command' as const, addedAt: at, addedBy: 'alice', unsubscribedAt: null }] };
    await step(bed.deps, octokit, ref, { ...loaded, state }, { type: 'recompute' });
  });
  await bed.settle();
}

/** A header's values in a received message (unfolded). */
export function header(message: SinkMessage, name: string): string[] {
  return message.parsed.headerLines
    .filter((h) => h.key === name.toLowerCase())
    .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

/** The links in a message's plain text. */
export function linksIn(message: SinkMessage): string[] {
  return [...(message.parsed.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}

/** Subjects received so far, in order. */
export function subjects(m: MailBed): string[] {
  return m.sink.messages.map((msg) => msg.parsed.subject ?? '');
}

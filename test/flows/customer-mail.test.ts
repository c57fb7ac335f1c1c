/**
 * Customer mail on the GitHub double with a real SMTP server and a fake clock: what is sent when,
 * exactly once, and what a refusing server leads to.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { CliIo } from '../../src/cli/io.js';
import { nodeIo } from '../../src/cli/io.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { readNoticeKey } from '../../src/render/notice-marker.js';
import { REPO, stages, statusComment } from './harness.js';
import { addContact, appOctokit, BODY, header, linksIn, type MailBed, startMailBed, subjects, TEMPLATE_WITH_CONTACT } from './mail-bed.js';

const HOUR = 3_600_000;
const JANE = { name: 'Jane Doe', email: 'jane.doe@contoso.com' };
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Markdown as a reader sees it: escapes and the zero-width space that keeps `@` from mentioning anyone removed. */
const shown = (markdown: string) => markdown.replace(/\u200b/g, '').replace(/\\([\\`*_{}[\]()#+\-.!<>~|])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

let m: MailBed | undefined;
afterEach(async () => {
  m?.bed.double.assertNoViolations();
  await m?.close();
  m = undefined;
});

async function open(bed: MailBed['bed'], customer = 'Contoso'): Promise<number> {
  const issue = bed.double.openIssue(REPO, { title: `[Managed Services Onboarding] ${customer}`, body: BODY, user: 'alice' });
  await bed.settle();
  return issue.number;
}

/** Tick every box of stage `index` as alice, so the next stage starts. */
async function finishStage(bed: MailBed['bed'], epic: number, index: number): Promise<void> {
  const issue = stages(bed, epic)[index]!;
  const boxes = (issue.body ?? '').match(/- \[ \]/g)?.length ?? 0;
  for (let i = 0; i < boxes; i++) bed.double.toggleCheckbox(REPO, issue.number, i, 'alice');
  await bed.settle();
}

async function sweep(mb: MailBed, deps = mb.bed.deps) {
  const report = await sweepAccount(deps, appOctokit(mb), 'acme');
  await mb.bed.settle();
  return report;
}

describe('customer mail', () => {
  it('welcomes a contact with a working link, sends "your part" when their stage starts, and reminds at 24 h, 48 h and 7 d once each', async () => {
    m = await startMailBed();
    const epic = await open(m.bed);
    await addContact(m, epic, JANE);

    const [welcome] = await m.sink.waitFor(1);
    expect(welcome!.envelope.to).toEqual([JANE.email]);
    expect(welcome!.parsed.subject).toBe('Contoso: your onboarding has started');
    expect(welcome!.parsed.from?.value).toEqual([{ name: 'Acme Onboarding', address: 'onboarding@acme.example' }]);
    expect(header(welcome!, 'List-Unsubscribe')).toEqual([]); // transactional
    const status = linksIn(welcome!).find((l) => l.includes('/embark/status/'))!;
    const page = await fetch(status);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Contoso');
    expect(welcome!.parsed.html).toContain(`href="${status}"`);

    await finishStage(m.bed, epic, 0);
    const [, yours] = await m.sink.waitFor(2);
    expect(yours!.parsed.subject).toBe('Contoso: your part in Stage 1: Access');
    expect(yours!.parsed.text).toContain('- Invite us as admin of your tenant');
    expect(yours!.parsed.text).not.toContain('Admin access granted'); // the engineer's item
    expect(header(yours!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);

    // The state records what went out, and the status comment shows the contact masked only.
    const comment = statusComment(m.bed, epic)!.body;
    expect(shown(comment)).toContain('mailed the welcome to j***@contoso.com');
    expect(comment.replace(/<!-- embark:state [\s\S]*?-->/, '')).not.toContain(JANE.email);

    for (const [hours, count] of [[24, 3], [48, 4], [7 * 24, 5]] as const) {
      m.bed.advance(hours * HOUR - (m.bed.clock.now.getTime() - Date.parse('2026-11-23T09:00:00Z')));
      const first = await sweep(m);
      expect(first.mailed).toBe(1);
      expect(m.sink.messages).toHaveLength(count);
      expect(m.sink.messages.at(-1)!.parsed.subject).toBe('Reminder: 2 open items for you in Stage 1: Access');
      m.bed.double.resetCounts();
      const again = await sweep(m);
      expect(again.mailed).toBe(0);
      expect(m.sink.messages).toHaveLength(count);
      expect(m.bed.double.counts().writes + m.bed.double.counts().graphqlMutations).toBe(0);
    }
    const ids = m.sink.messages.map((msg) => msg.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retries a 421 with backoff and sends one mail', async () => {
    m = await startMailBed();
    const epic = await open(m.bed);
    m.sink.fail(JANE.email, { code: 421, times: 1 });
    await addContact(m, epic, JANE);
    await m.sink.waitFor(1);
    expect(m.sink.attempts.get(JANE.email)).toBe(2);
    await sweep(m);
    expect(m.sink.messages).toHaveLength(1);
  });

  it('a 550 is not retried: one comment on the EPIC names the address and the words, plus needs-attention', async () => {
    m = await startMailBed();
    const epic = await open(m.bed);
    m.sink.fail(JANE.email, { code: 550, message: '5.1.1 <jane.doe@contoso.com>: user unknown' });
    await addContact(m, epic, JANE);
    await finishStage(m.bed, epic, 0); // "your part" would be due: the refused address gets nothing more
    m.bed.advance(48 * HOUR);
    await sweep(m);
    await sweep(m);
    expect(m.sink.messages).toHaveLength(0);
    expect(m.sink.attempts.get(JANE.email)).toBe(1);
    const notices = m.bed.double.comments(REPO, epic).filter((c) => c.via_app && readNoticeKey(c.body)?.startsWith('mail-refused:'));
    expect(notices).toHaveLength(1);
    expect(shown(notices[0]!.body)).toContain('Customer mail to jane.doe@contoso.com was refused');
    expect(shown(notices[0]!.body)).toContain('550 5.1.1 <jane.doe@contoso.com>: user unknown');
    expect(m.bed.double.issue(REPO, epic).labels.map((l) => (typeof l === 'string' ? l : l.name))).toContain('needs-attention');
  });

  it('two replicas sweeping at once and a restart still send one mail per key', async () => {
    m = await startMailBed({ replicas: 2, redis: { url: REDIS_URL, prefix: `embark-test-mail-${randomUUID()}` } });
    const epic = await open(m.bed);
    await addContact(m, epic, JANE);
    await finishStage(m.bed, epic, 0);
    await m.sink.waitFor(2);
    for (const hours of [24, 48, 7 * 24]) {
      m.bed.advance(hours * HOUR - (m.bed.clock.now.getTime() - Date.parse('2026-11-23T09:00:00Z')));
      await Promise.all(m.bed.replicas.map((r) => sweep(m!, r.runtime.deps)));
      if (hours === 48) {
        await m.bed.stopReplica(0);
        await m.bed.startReplica();
      }
      await Promise.all(m.bed.replicas.map((r) => sweep(m!, r.runtime.deps)));
    }
    expect(subjects(m)).toEqual([
      'Contoso: your onboarding has started',
      'Contoso: your part in Stage 1: Access',
      'Reminder: 2 open items for you in Stage 1: Access',
      'Reminder: 2 open items for you in Stage 1: Access',
      'Reminder: 2 open items for you in Stage 1: Access',
    ]);
  });

  it('starts from a template whose intake names the contact: the welcome goes out with the start', async () => {
    m = await startMailBed({ template: TEMPLATE_WITH_CONTACT });
    const body = BODY.replace('- Tenant ID:', '- Contact email: `Jane Doe <jane.doe@contoso.com>`\n- Tenant ID:');
    m.bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body, user: 'alice' });
    await m.bed.settle();
    const [welcome] = await m.sink.waitFor(1);
    expect(welcome!.envelope.to).toEqual([JANE.email]);
    expect(welcome!.parsed.text).toMatch(/^Hello Jane Doe,/);
  });

  it("unsubscribing with the mail's one-click link stops reminders and updates; the status comment says so", async () => {
    m = await startMailBed();
    const epic = await open(m.bed);
    await addContact(m, epic, JANE);
    await finishStage(m.bed, epic, 0);
    const [, yours] = await m.sink.waitFor(2);
    const [unsubscribe] = header(yours!, 'List-Unsubscribe');
    const url = unsubscribe!.slice(1, -1);
    // What a mailbox provider does for RFC 8058: a POST with this body, no cookies, no Origin.
    const res = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    await m.bed.settle();
    for (const hours of [24, 48, 7 * 24, 14 * 24]) {
      m.bed.advance(hours * HOUR - (m.bed.clock.now.getTime() - Date.parse('2026-11-23T09:00:00Z')));
      await sweep(m);
    }
    expect(m.sink.messages).toHaveLength(2);
    expect(shown(statusComment(m.bed, epic)!.body)).toMatch(/unsubscribed/i);
  });

  it('the last check-in carries the survey; the answer given on its page shows in the report\'s CSAT', async () => {
    m = await startMailBed({ config: `${'roles:\n  CSM: [alice]\n  Engineer: [bob]\n'}customer:\n  digest: off\n` });
    const epic = await open(m.bed);
    await addContact(m, epic, JANE);
    for (const index of [0, 1, 2]) await finishStage(m.bed, epic, index);
    expect(m.bed.double.issue(REPO, epic).state).toBe('closed');
    // Day 31, then day 92 (day 90 is a Sunday: the check-in waits for Monday morning).
    for (const days of [31, 61]) {
      m.bed.advance(days * 24 * HOUR);
      await sweep(m);
    }
    const checkins = m.sink.messages.filter((msg) => /-day check-in/.test(msg.parsed.subject ?? ''));
    expect(checkins.map((msg) => msg.parsed.subject)).toEqual(['Contoso: 30-day check-in', 'Contoso: 90-day check-in, how are we doing?']);
    const surveyUrl = linksIn(checkins[1]!).find((l) => l.includes('/embark/survey/'))!;
    expect(linksIn(checkins[0]!).some((l) => l.includes('/embark/survey/'))).toBe(false);
    const page = await fetch(surveyUrl);
    const form = /name="form" value="([^"]+)"/.exec(await page.text())![1]!;
    const answer = await fetch(surveyUrl, {
      method: 'POST',
      body: new URLSearchParams({ form, score: '5', comment: 'Smooth, thank you' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: m.base },
      redirect: 'manual',
    });
    expect(answer.status).toBeLessThan(400);
    await m.bed.settle();

    let stdout = '';
    const io: CliIo = {
      ...nodeIo(),
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stdout += t;
      },
    };
    const env = { GITHUB_TOKEN: m.bed.double.tokenFor('dave'), GITHUB_API_URL: m.bed.double.apiUrl };
    expect(await reportCommand(['--repo', REPO, '--json'], io, { env, now: () => m!.bed.clock.now })).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.kpis.csat).toMatchObject({ rate: 1, answers: 1, satisfied: 1 });
    expect(stdout).not.toContain('Smooth');
  });
});

/**
 * Customer mail over a whole onboarding of each bundled template, on the GitHub double with a real
 * SMTP server and a fake clock: one contact, each stage finished three days after it started, a sweep every four hours while it runs and twice a day for the 120 days after (the
 * check-ins). The same script runs again with mail off; the difference in GitHub requests,
 * divided by the mails sent, is what a mail costs in requests (goal: none).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTasks } from '../src/checklist/index.js';
import { sweepAccount } from '../src/handlers/sweep.js';
import { addContact, appOctokit, type MailBed, startMailBed } from '../test/flows/mail-bed.js';

const HOUR = 3_600_000;
const REPO = 'acme/onboarding';
const CONFIG = `roles:
  CSM: [alice]
  Engineer: [bob]
  Customer: []
`;

export interface TemplateMail {
  template: string;
  stages: number;
  /** Mails by kind (from the subjects received). */
  mails: Record<string, number>;
  total: number;
  /** GitHub requests of the whole scripted run, with mail on and off. */
  requests: { mailOn: number; mailOff: number; writesOn: number; writesOff: number };
  /** (requests with mail - requests without) / mails. */
  requestsPerMail: number;
}

const KINDS: [string, RegExp][] = [
  ['welcome', /your onboarding has started/],
  ['your part', /: your part in /],
  ['reminder', /^Reminder: /],
  ['update', /onboarding update$/],
  ['go-live', / is live: /],
  ['check-in', /-day check-in/],
];

function kindOf(subject: string): string {
  return KINDS.find(([, pattern]) => pattern.test(subject))?.[0] ?? 'other';
}

async function finishStage(m: MailBed, number: number): Promise<void> {
  const issue = m.bed.double.issue(REPO, number);
  readTasks(issue.body ?? '').forEach((task, index) => {
    if (!task.checked) m.bed.double.toggleCheckbox(REPO, number, index, 'alice');
  });
  await m.bed.settle();
}

/** The scripted onboarding; returns the GitHub request counts and the subjects mailed. */
async function script(file: string, mailOn: boolean): Promise<{ subjects: string[]; total: number; writes: number; stages: number }> {
  const template = readFileSync(resolve(process.cwd(), 'templates', file), 'utf8');
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(template)![1]!.replace('%customer%', 'Contoso');
  const m = await startMailBed({ template, config: CONFIG, ...(mailOn ? {} : { env: { EMBARK_SMTP_URL: '', EMBARK_MAIL_FROM: '' } }) });
  try {
    const { bed } = m;
    bed.double.resetCounts();
    const body = template.split('---\n').slice(2).join('---\n');
    const epic = bed.double.openIssue(REPO, { title, body, user: 'alice' }).number;
    await bed.settle();
    await addContact(m, epic, { name: 'Jane Doe', email: 'jane.doe@contoso.com' });
    const sweep = async () => {
      await sweepAccount(bed.deps, appOctokit(m), 'acme');
      await bed.settle();
    };
    const stages = bed.double.subIssues(REPO, epic);
    for (const stage of stages) {
      // Three days of work per stage, swept every four hours.
      for (let i = 0; i < 18; i++) {
        bed.advance(4 * HOUR);
        await sweep();
      }
      await finishStage(m, stage.number);
    }
    for (let i = 0; i < 240; i++) {
      bed.advance(12 * HOUR);
      await sweep();
    }
    const counts = bed.double.counts();
    return { subjects: m.sink.messages.map((msg) => msg.parsed.subject ?? ''), total: counts.total, writes: counts.writes + counts.graphqlMutations, stages: stages.length };
  } finally {
    await m.close();
  }
}

/** Mails and request costs per bundled template. */
export async function benchCustomerMail(files: readonly string[]): Promise<TemplateMail[]> {
  const out: TemplateMail[] = [];
  for (const file of files) {
    const on = await script(file, true);
    const off = await script(file, false);
    const mails: Record<string, number> = {};
    for (const subject of on.subjects) mails[kindOf(subject)] = (mails[kindOf(subject)] ?? 0) + 1;
    out.push({
      template: file,
      stages: on.stages,
      mails,
      total: on.subjects.length,
      requests: { mailOn: on.total, mailOff: off.total, writesOn: on.writes, writesOff: off.writes },
      requestsPerMail: on.subjects.length === 0 ? 0 : Math.round(((on.total - off.total) / on.subjects.length) * 100) / 100,
    });
  }
  return out;
}

/**
 * `embark report` over the GitHub double: onboardings driven by the real app into every status,
 * then the CLI's JSON compared with a table computed by hand (dates below, business days with
 * the repository's calendar, where Thursday 26 November is closed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { CliIo } from '../../src/cli/io.js';
import { nodeIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { reportUsage, UsageError } from '../../src/cli/usage.js';
import { type AppBed, startAppBed } from '../flows/app-bed.js';
import { BODY, CONFIG, TEMPLATE } from '../flows/harness.js';

const REPO = 'acme/onboarding';
const DAY = 86_400_000;

/** Run the report command as `embark report ...` would, with our env and clock. */
async function report(args: string[], env: NodeJS.ProcessEnv, now: Date) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    ...nodeIo(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  };
  let code: number;
  try {
    code = await reportCommand(args, io, { env, now: () => now });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    code = reportUsage(io.stderr, error);
  }
  return { code, stdout, stderr };
}

let bed: AppBed;
const epics = { late: 0, done: 0, active: 0, blocked: 0, cancelled: 0 };
let now: Date;
let env: NodeJS.ProcessEnv;

async function open(customer: string): Promise<number> {
  const issue = bed.double.openIssue(REPO, { title: `[Managed Services Onboarding] ${customer}`, body: BODY, user: 'alice' });
  await bed.settle();
  return issue.number;
}

async function tick(epic: number, stage: number, items: number[]): Promise<void> {
  const s = bed.double.subIssues(REPO, epic)[stage]!;
  for (const i of items) bed.double.toggleCheckbox(REPO, s.number, i, 'alice');
  await bed.settle();
}

beforeAll(async () => {
  bed = await startAppBed({
    files: { '.github/onboarding.yml': `${CONFIG}calendar:\n  closed: ['2026-11-26']\n`, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE },
    collaborators: { alice: 'write', bob: 'write', carol: 'write' },
  });
  bed.double.addRepo({ owner: 'acme', name: 'other', collaborators: { alice: 'write' }, files: {} });
  // Monday 23 November 09:00: Late and Done start.
  epics.late = await open('Late Co');
  epics.done = await open('Done Co');
  bed.advance(DAY); // Tue 24: Done's stage 0
  await tick(epics.done, 0, [0]);
  bed.advance(3 * DAY); // Fri 27: Done's stage 1
  await tick(epics.done, 1, [0, 1]);
  bed.advance(3 * DAY); // Mon 30: Done's stage 2, the last
  await tick(epics.done, 2, [0, 1]);
  bed.advance(DAY); // Tue 1 December 09:00: three more start; one is blocked, one cancelled.
  epics.active = await open('Active Co');
  epics.blocked = await open('Blocked Co');
  bed.double.comment(REPO, epics.blocked, '/block waiting for the customer admin', 'alice');
  epics.cancelled = await open('Cancelled Co');
  bed.double.comment(REPO, epics.cancelled, '/cancel customer withdrew', 'alice');
  await bed.settle();
  now = new Date('2026-12-02T10:00:00Z'); // Wednesday
  env = { GITHUB_TOKEN: 'ghp_report', GITHUB_API_URL: bed.double.apiUrl };
}, 60_000);

afterAll(async () => {
  bed.double.assertNoViolations();
  await bed.close();
});

describe('embark report over the double', () => {
  it('--json matches the hand-computed table', async () => {
    const out = await report(['--repo', REPO, '--json'], env, now);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    const url = (n: number) => `${bed.double.url}/${REPO}/issues/${n}`;
    const both = { CSM: ['alice'], Engineer: ['bob', 'carol'] };
    const base = { repo: REPO, template: 'Managed Services Onboarding', templateVersion: 'v2026.11' };
    // Fields added since (CSAT) are checked apart: every field a consumer read before is unchanged.
    const old = json.onboardings.map(({ survey: _survey, forecastAt: _f, slipDays: _s, templateFingerprint: _fingerprint, ...row }: Record<string, unknown>) => row);
    // The forecast (added later): three stages of 5 business days each. Late Co's first stage was due
    // Tue 1 Dec and is still open on Wed 2 Dec 10:00, so it ends today at the earliest and the
    // other two follow: 16 Dec, one business day past its plan of 15 Dec. Done Co finished on
    // 30 Nov, 11 business days ahead of its plan. A cancelled onboarding has no forecast.
    expect(json.onboardings.map((r: Record<string, unknown>) => [r['customer'], r['forecastAt'], r['slipDays']])).toEqual([
      ['Active Co', '2026-12-22T09:00:00.000Z', 0],
      ['Blocked Co', '2026-12-22T09:00:00.000Z', 0],
      ['Late Co', '2026-12-16T10:00:00.000Z', 1],
      ['Done Co', '2026-11-30T09:00:00.000Z', -11],
      ['Cancelled Co', null, null],
    ]);
    // Template versions (added since): every onboarding ran the fixture template from its start.
    expect(new Set(json.onboardings.map((r: { templateFingerprint: unknown }) => r.templateFingerprint)).size).toBe(1);
    expect(json.onboardings[0].templateFingerprint).toMatch(/^[0-9a-f]{12}$/);
    const noAnswers = { answers: 0, satisfied: 0, averageScore: null, latestScore: null, latestCheckin: null };
    expect(json.onboardings.map((r: { survey: unknown }) => r.survey)).toEqual(Array(5).fill(noAnswers));
    // Target 15 business days, skipping Thursday 26 Nov: from Mon 23 Nov -> Tue 15 Dec; from Tue 1 Dec -> Tue 22 Dec.
    expect(old).toEqual([
      { ...base, epic: epics.active, url: url(epics.active), customer: 'Active Co', status: 'active', stage: { index: 0, title: 'Stage 0: Agreement' }, progress: { done: 0, total: 5 }, owners: { CSM: ['alice'] }, startedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-22T09:00:00.000Z', completedAt: null, onTime: null, businessDaysOpen: 1, businessDaysBlocked: 0 },
      { ...base, epic: epics.blocked, url: url(epics.blocked), customer: 'Blocked Co', status: 'blocked', stage: { index: 0, title: 'Stage 0: Agreement' }, progress: { done: 0, total: 5 }, owners: { CSM: ['alice'] }, startedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-22T09:00:00.000Z', completedAt: null, onTime: null, businessDaysOpen: 1, businessDaysBlocked: 1 },
      // Stage 0 was due Tue 1 Dec 09:00 (5 business days, the 26th closed): overdue, though the target is ahead.
      { ...base, epic: epics.late, url: url(epics.late), customer: 'Late Co', status: 'overdue', stage: { index: 0, title: 'Stage 0: Agreement' }, progress: { done: 0, total: 5 }, owners: { CSM: ['alice'] }, startedAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-12-15T09:00:00.000Z', completedAt: null, onTime: null, businessDaysOpen: 6, businessDaysBlocked: 0 },
      // 24, 25, 27, 30 November: 4 business days.
      { ...base, epic: epics.done, url: url(epics.done), customer: 'Done Co', status: 'completed', stage: null, progress: { done: 5, total: 5 }, owners: both, startedAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-12-15T09:00:00.000Z', completedAt: '2026-11-30T09:00:00.000Z', onTime: true, businessDaysOpen: 4, businessDaysBlocked: 0 },
      { ...base, epic: epics.cancelled, url: url(epics.cancelled), customer: 'Cancelled Co', status: 'cancelled', stage: null, progress: { done: 0, total: 5 }, owners: both, startedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-22T09:00:00.000Z', completedAt: null, onTime: null, businessDaysOpen: 0, businessDaysBlocked: 0 },
    ]);
    const { csat, templateVersions, ...oldKpis } = json.kpis;
    expect(templateVersions).toEqual([
      { template: 'Managed Services Onboarding', version: 'v2026.11', fingerprint: json.onboardings[0].templateFingerprint, onboardings: 5, open: 3 },
    ]);
    expect(csat).toEqual({ rate: null, answers: 0, satisfied: 0, target: 0.9, byTemplate: [{ template: 'Managed Services Onboarding', rate: null, answers: 0, satisfied: 0 }] });
    expect(oldKpis).toEqual({
      active: 1, blocked: 1, overdue: 1, completed: 1, cancelled: 1,
      onTimeRate: 1,
      medianBusinessDaysToComplete: 4,
      // Agreement 23 -> 24 Nov; Access 24 -> 27 (the 26th closed); Setup 27 -> 30.
      stageCycle: [
        { stage: 'Stage 0: Agreement', medianBusinessDays: 1, n: 1 },
        { stage: 'Stage 1: Access', medianBusinessDays: 2, n: 1 },
        { stage: 'Stage 2: Setup', medianBusinessDays: 1, n: 1 },
      ],
      businessDaysBlocked: 1,
    });
    expect(json.generatedAt).toBe('2026-12-02T10:00:00.000Z');
  });

  it('--org finds the same onboardings; --since leaves out what closed before the date', async () => {
    const org = JSON.parse((await report(['--org', 'acme', '--json'], env, now)).stdout);
    expect(org.onboardings.map((r: { customer: string }) => r.customer)).toEqual(['Active Co', 'Blocked Co', 'Late Co', 'Done Co', 'Cancelled Co']);
    const since = JSON.parse((await report(['--repo', REPO, '--json', '--since', '2026-12-01'], env, now)).stdout);
    expect(since.onboardings.map((r: { customer: string }) => r.customer)).toEqual(['Active Co', 'Blocked Co', 'Late Co', 'Cancelled Co']);
    expect(since.kpis.completed).toBe(0);
  });

  it('costs a handful of GraphQL requests and no writes', async () => {
    bed.double.resetCounts();
    await report(['--repo', REPO, '--json'], env, now);
    const counts = bed.double.counts();
    expect(counts.graphql).toBe(2); // the config, one search page
    expect(counts.total).toBe(2);
    expect(counts.writes + counts.graphqlMutations).toBe(0);
  });

  it('table, CSV and markdown carry the same onboardings', async () => {
    const table = await report(['--repo', REPO], env, now);
    expect(table.stdout).toMatch(/^STATUS\s+REPO\s+EPIC/);
    // The template version (added since) is the last column.
    expect(table.stdout).toMatch(/^overdue +acme\/onboarding +#\d+ +Late Co +0 Stage 0: Agreement +0\/5 +CSM: alice +2026-12-15 +- +6 +v2026\.11$/m);
    expect(table.stdout).toContain('on time: 100% (cancelled not counted)');
    const csv = (await report(['--repo', REPO, '--csv'], env, now)).stdout.trim().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[0]).toMatch(/^repo,epic,url,customer/);
    expect(csv[0]).toMatch(/,businessDaysBlocked,surveyAnswers,surveySatisfied,surveyAverageScore,surveyLatestScore,surveyLatestCheckin,forecastAt,slipDays,templateFingerprint$/);
    const md = (await report(['--repo', REPO, '--markdown'], env, now)).stdout;
    expect(md).toContain('### Overdue (1)');
    expect(md).toContain('[Late Co](');
    expect(md).toContain('```mermaid');
    expect(md).toContain('- CSAT: no survey answers yet (target 90%)');
  });

  it('an unknown repository is named on stderr, exit 1, and the others are still reported', async () => {
    const out = await report(['--repo', REPO, '--repo', 'acme/nope', '--json'], env, now);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('embark: acme/nope: not found, or the token cannot read it\n');
    expect(JSON.parse(out.stdout).onboardings).toHaveLength(5);
  });

  it('a repository without onboardings is an empty report, exit 0', async () => {
    const out = await report(['--repo', 'acme/other', '--json'], env, now);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).onboardings).toEqual([]);
  });
});

describe('bad input: one clear line and the right exit code', () => {
  const someEnv = { GITHUB_TOKEN: 'x', GITHUB_API_URL: 'http://127.0.0.1:9/api/v3' };
  it.each([
    { name: 'no token', args: ['--repo', 'a/b'], env: {}, line: 'embark: report: no token; set GITHUB_TOKEN or GH_TOKEN' },
    { name: '--since not a date', args: ['--repo', 'a/b', '--since', 'yesterday'], env: someEnv, line: 'embark: report: --since "yesterday" is not a date; write it as YYYY-MM-DD' },
    { name: '--since an impossible date', args: ['--repo', 'a/b', '--since', '2026-02-30'], env: someEnv, line: 'is not a date' },
    { name: 'a repository that is not OWNER/REPO', args: ['--repo', 'acme'], env: someEnv, line: 'embark: report: --repo "acme" is not OWNER/REPO' },
    { name: 'nothing to report on', args: [], env: someEnv, line: 'embark: report: name what to report on' },
    { name: 'two formats', args: ['--org', 'acme', '--json', '--csv'], env: someEnv, line: 'choose one output format' },
  ])('$name: exit 2', async ({ args, env: e, line }) => {
    const out = await report(args, e, new Date());
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toContain(line);
    expect(out.stdout).toBe('');
  });

  it('is registered as an embark command', async () => {
    let stderr = '';
    const io: CliIo = {
      ...nodeIo(),
      stdout: () => undefined,
      stderr: (t) => {
        stderr += t;
      },
    };
    const code = await runCli(['report'], io, { version: 'test', env: { GITHUB_TOKEN: 'x' } });
    expect(code).toBe(2);
    expect(stderr).toContain('report: name what to report on');
  });

  describe('answers of github.com the double does not give (nock)', () => {
    beforeAll(() => nock.disableNetConnect());
    afterAll(() => {
      nock.cleanAll();
      nock.enableNetConnect();
    });

    it('a rejected token: one line, exit 1', async () => {
      nock('https://api.github.com').post('/graphql').reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      const out = await report(['--repo', 'acme/onboarding'], { GH_TOKEN: 'ghp_revoked' }, new Date());
      expect(out.code).toBe(1);
      expect(out.stderr).toBe('embark: GitHub rejected the token (401 Bad credentials); set GITHUB_TOKEN or GH_TOKEN to a valid token\n');
    });

    it('a token without access to a private repository (GitHub says NOT_FOUND): named, exit 1', async () => {
      nock('https://api.github.com')
        .post('/graphql')
        .reply(200, { data: { r0: null }, errors: [{ type: 'NOT_FOUND', path: ['r0'], message: "Could not resolve to a Repository with the name 'acme/secret'." }] });
      const out = await report(['--repo', 'acme/secret'], { GITHUB_TOKEN: 'ghp_other' }, new Date());
      expect(out.code).toBe(1);
      expect(out.stderr).toBe('embark: acme/secret: not found, or the token cannot read it\n');
      expect(out.stdout).toContain('No onboardings found.');
    });

    it('a token that can see the repository but not search its issues: named, exit 1', async () => {
      nock('https://api.github.com')
        .post('/graphql')
        .reply(200, { data: { r0: { config: null } } })
        .post('/graphql')
        .reply(200, { data: { search: null }, errors: [{ type: 'FORBIDDEN', path: ['search'], message: 'Resource not accessible by personal access token' }] });
      const out = await report(['--repo', 'acme/limited', '--json'], { GITHUB_TOKEN: 'ghp_fine_grained' }, new Date());
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('embark: acme/limited: ');
      expect(out.stderr).toContain('Resource not accessible by personal access token');
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});

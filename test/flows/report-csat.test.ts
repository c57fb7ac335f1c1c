/**
 * A survey answer shows in the portfolio's CSAT, end to end on the GitHub double: onboardings of
 * two templates driven by the real app, survey answers written into their status comments' state
 * as the app keeps them (contact ref, check-in day, score, comment, when), then `embark report`
 * with a person's token (JSON, CSV, markdown) and the sweep's dashboard issue. The survey page
 * that records answers is not built yet, so the test writes the state with `encodeState`, through
 * the app's own token, exactly where the app writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { CliIo } from '../../src/cli/io.js';
import { nodeIo } from '../../src/cli/io.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { decodeState, encodeState } from '../../src/onboarding/state.js';
import { type AppBed, startAppBed } from './app-bed.js';
import { appClient, BODY, CONFIG, REPO, statusComment, TEMPLATE } from './harness.js';

const DAY = 86_400_000;
const PREMIUM = `---
name: Premium Onboarding
about: the white-glove track
title: "[Premium Onboarding] %customer%"
labels: EPIC
---
### Stage 0: Kickoff
- [ ] CSM >> Kickoff call held
`;
const PREMIUM_BODY = PREMIUM.split('---\n').slice(2).join('---\n');
const MSP = 'Managed Services Onboarding';
const COMMENT = 'Dana here (dana@contoso.example): the portal was slow';

let bed: AppBed;
const epics = { old: 0, done: 0, premium: 0, fresh: 0 };
let env: NodeJS.ProcessEnv;
const now = new Date('2026-12-02T10:00:00Z');

async function open(title: string, body: string): Promise<number> {
  const issue = bed.double.openIssue(REPO, { title, body, user: 'alice' });
  await bed.settle();
  return issue.number;
}

/** Tick every box of every stage, stage by stage, as people would. */
async function completeAll(epic: number): Promise<void> {
  for (let i = 0; ; i++) {
    const stage = bed.double.subIssues(REPO, epic)[i];
    if (!stage) break;
    const boxes = (stage.body ?? '').match(/- \[ \]/g)?.length ?? 0;
    for (let b = 0; b < boxes; b++) bed.double.toggleCheckbox(REPO, stage.number, b, 'alice');
    await bed.settle();
  }
  expect(bed.double.issue(REPO, epic).state).toBe('closed');
}

/** Add survey answers to the onboarding's stored state, in its status comment, with the app's token. */
async function answer(epic: number, scores: number[]): Promise<void> {
  const comment = statusComment(bed, epic)!;
  const state = decodeState(comment.body)!;
  // One answer per check-in (30, 60, 90 days), a minute apart: the last one given is the latest.
  const at = (i: number) => new Date(bed.clock.now.getTime() + i * 60_000).toISOString();
  const surveys = scores.map((score, i) => ({ contact: `c-contact${i}`, checkin: 30 * (i + 1), score, comment: `${COMMENT} #${i}`, at: at(i) }));
  const start = comment.body.indexOf('<!-- embark:state ');
  const end = comment.body.indexOf(' -->', start) + ' -->'.length;
  const body = `${comment.body.slice(0, start)}${encodeState({ ...state, surveys: [...(state.surveys ?? []), ...surveys] })}${comment.body.slice(end)}`;
  const [owner, repo] = REPO.split('/') as [string, string];
  await appClient(bed).rest.issues.updateComment({ owner, repo, comment_id: comment.id, body });
  await bed.settle();
  expect(decodeState(statusComment(bed, epic)!.body)!.surveys).toHaveLength((state.surveys ?? []).length + scores.length);
}

async function report(args: string[]) {
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
  const code = await reportCommand(['--repo', REPO, ...args], io, { env, now: () => now });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

beforeAll(async () => {
  bed = await startAppBed({
    files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE, '.github/ISSUE_TEMPLATE/premium.md': PREMIUM },
    collaborators: { alice: 'write', bob: 'write', carol: 'write', dave: 'read' },
  });
  // Monday 23 November: Old Co runs and completes at once; its customer is unhappy.
  epics.old = await open(`[${MSP}] Old Co`, BODY);
  await completeAll(epics.old);
  await answer(epics.old, [1, 2]);
  // Tuesday 1 December: two more complete, one stays open without answers.
  bed.advance(8 * DAY);
  epics.done = await open(`[${MSP}] Done Co`, BODY);
  await completeAll(epics.done);
  epics.premium = await open('[Premium Onboarding] Premium Co', PREMIUM_BODY);
  await completeAll(epics.premium);
  epics.fresh = await open(`[${MSP}] Fresh Co`, BODY);
  await answer(epics.done, [5, 4, 3]);
  await answer(epics.premium, [5]);
  // Dave can read the repository, no more: a manager's token, not the app's.
  env = { GITHUB_TOKEN: bed.double.tokenFor('dave'), GITHUB_API_URL: bed.double.apiUrl };
}, 60_000);

afterAll(async () => {
  bed.double.assertNoViolations();
  await bed.close();
});

describe('survey answers in embark report, read with a person\'s token', () => {
  it('--json: CSAT overall and per template, and each onboarding\'s answers', async () => {
    const json = JSON.parse(await report(['--json']));
    // Old Co 1, 2; Done Co 5, 4, 3; Premium Co 5: 3 of 6 scored 4 or 5.
    expect(json.kpis.csat).toEqual({
      rate: 0.5, answers: 6, satisfied: 3, target: 0.9,
      byTemplate: [
        { template: MSP, rate: 0.4, answers: 5, satisfied: 2 },
        { template: 'Premium Onboarding', rate: 1, answers: 1, satisfied: 1 },
      ],
    });
    const byCustomer = Object.fromEntries(json.onboardings.map((r: { customer: string; survey: unknown }) => [r.customer, r.survey]));
    expect(byCustomer).toEqual({
      'Old Co': { answers: 2, satisfied: 0, averageScore: 1.5, latestScore: 2, latestCheckin: 60 },
      'Done Co': { answers: 3, satisfied: 2, averageScore: 4, latestScore: 3, latestCheckin: 90 },
      'Premium Co': { answers: 1, satisfied: 1, averageScore: 5, latestScore: 5, latestCheckin: 30 },
      'Fresh Co': { answers: 0, satisfied: 0, averageScore: null, latestScore: null, latestCheckin: null },
    });
  });

  it('--since: only the answers of the onboardings the report keeps (Old Co closed before the date)', async () => {
    const json = JSON.parse(await report(['--json', '--since', '2026-11-30']));
    expect(json.onboardings.map((r: { customer: string }) => r.customer).sort()).toEqual(['Done Co', 'Fresh Co', 'Premium Co']);
    expect(json.kpis.csat).toMatchObject({ rate: 0.75, answers: 4, satisfied: 3 });
    expect(json.kpis.csat.byTemplate[0]).toEqual({ template: MSP, rate: 0.666, answers: 3, satisfied: 2 });
  });

  it('--csv: the survey columns after the older ones (the forecast and template fingerprint columns, added later, after them)', async () => {
    const rows: string[][] = parse(await report(['--csv']));
    const head = rows[0]!;
    expect(head.slice(-9)).toEqual(['businessDaysBlocked', 'surveyAnswers', 'surveySatisfied', 'surveyAverageScore', 'surveyLatestScore', 'surveyLatestCheckin', 'forecastAt', 'slipDays', 'templateFingerprint']);
    const done = rows.find((r) => r[head.indexOf('customer')] === 'Done Co')!;
    expect(done.slice(-8, -3)).toEqual(['3', '2', '4', '3', '90']);
  });

  it('--markdown: the CSAT line against the target and the table per template', async () => {
    const md = await report(['--markdown']);
    expect(md).toContain('- CSAT: 50% (3 of 6 answers scored 4 or 5); target 90%: ⚠️ below\n');
    expect(md).toContain(`| ${MSP} | 40% | 2 of 5 | ⚠️ below |\n| Premium Onboarding | 100% | 1 of 1 | ✅ met |`);
  });

  it('no output holds a survey comment or who answered', async () => {
    for (const format of [['--json'], ['--csv'], ['--markdown'], []]) {
      const text = await report(format);
      for (const secret of ['dana', 'portal was slow', 'c-contact']) expect(text).not.toContain(secret);
    }
  });
});

describe('survey answers in the dashboard issue', () => {
  it('the sweep shows CSAT against the target, and no comment or contact', async () => {
    const swept = await sweepAccount(bed.deps, appClient(bed), 'acme');
    await bed.settle();
    expect(swept.failed).toEqual([]);
    const dashboard = bed.double.issues(REPO).find((i) => i.labels.some((l) => l.name === 'onboarding-dashboard'))!;
    const body = dashboard.body ?? '';
    expect(body).toContain('- CSAT: 50% (3 of 6 answers scored 4 or 5); target 90%: ⚠️ below');
    expect(body).toContain('### CSAT by template');
    for (const secret of ['dana', 'portal was slow', 'c-contact']) expect(body).not.toContain(secret);
  });
});

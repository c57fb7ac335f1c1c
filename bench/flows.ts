/**
 * Benchmarks of whole flows against the GitHub double: starting an onboarding (cold and warm,
 * throttled production client, 150 ms latency) against the naive one-REST-call-per-step path,
 * and the request cost of progress events.
 */
import { type Counts, startGitHubDouble } from '../test/github-double/index.js';
import { type Bed, client, openOnboarding, REPO, stagedTemplate, startBed } from './bed.js';

/** Generous: throttled writes are spaced seconds apart. */
const IDLE = { timeoutMs: 120_000 };

export interface RequestFigures {
  total: number;
  /** REST writes plus GraphQL mutations. */
  writes: number;
  graphql: number;
  byRoute: Record<string, number>;
}

export function figures(c: Counts): RequestFigures {
  return { total: c.total, writes: c.writes + c.graphqlMutations, graphql: c.graphql, byRoute: c.byRoute };
}

export interface TimedRun extends RequestFigures {
  ms: number;
}

async function timedOpen(bed: Bed, customer: string): Promise<TimedRun> {
  bed.double.resetCounts();
  const start = performance.now();
  const epic = openOnboarding(bed, customer);
  await bed.double.idle(IDLE);
  const ms = performance.now() - start;
  const stages = bed.double.subIssues(REPO, epic).length;
  if (stages !== 5) throw new Error(`bench: expected 5 stage issues for ${customer}, found ${stages}`);
  return { ms: Math.round(ms), ...figures(bed.double.counts()) };
}

/** Start an onboarding through Embark, first in the process (cold) and again (warm). */
export async function benchStart(latencyMs: number): Promise<{ cold: TimedRun; warm: TimedRun }> {
  const bed = await startBed({ latencyMs, throttle: true });
  try {
    const cold = await timedOpen(bed, 'Contoso');
    const warm = await timedOpen(bed, 'Fabrikam');
    bed.double.assertNoViolations();
    return { cold, warm };
  } finally {
    await bed.close();
  }
}

/**
 * What a straightforward implementation would do: one REST call per stage issue, one per
 * sub-issue link, then edit the EPIC and comment, all through the throttled production client.
 */
export async function benchNaive(latencyMs: number): Promise<TimedRun> {
  const double = await startGitHubDouble({ latencyMs });
  try {
    double.addRepo({ owner: 'acme', name: 'naive', collaborators: { alice: 'write' } });
    const epic = double.openIssue('acme/naive', { title: '[Bench Onboarding] Naive', body: 'EPIC', user: 'alice' });
    const octokit = client(double, double.tokenFor('alice'), true);
    const repo = { owner: 'acme', repo: 'naive' };
    double.resetCounts();
    const start = performance.now();
    const links: string[] = [];
    for (let s = 0; s < 5; s++) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: `Stage ${s}`, body: `- [ ] Task of stage ${s}` });
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', { ...repo, issue_number: epic.number, sub_issue_id: Number(data.id) });
      links.push(`- [ ] #${data.number}`);
    }
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: epic.number, body: `EPIC\n\n${links.join('\n')}` });
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: epic.number, body: 'Status' });
    const ms = performance.now() - start;
    double.assertNoViolations();
    return { ms: Math.round(ms), ...figures(double.counts()) };
  } finally {
    await double.close();
  }
}

export interface ProgressFigures {
  tickNoStageChange: RequestFigures;
  editNoCheckbox: RequestFigures;
  stageTransition: RequestFigures;
}

/** Request cost of progress events, latency 0 and throttling off. Stage 0 has two items. */
export async function benchProgress(): Promise<ProgressFigures> {
  const bed = await startBed({ throttle: false, template: stagedTemplate(2) });
  try {
    const epic = openOnboarding(bed, 'Contoso', stagedTemplate(2));
    await bed.double.idle();
    const [s0] = bed.double.subIssues(REPO, epic);
    if (!s0) throw new Error('bench: the onboarding has no stage issues');
    const measure = async (act: () => void): Promise<RequestFigures> => {
      bed.double.resetCounts();
      act();
      await bed.double.idle();
      return figures(bed.double.counts());
    };
    const tickNoStageChange = await measure(() => bed.double.toggleCheckbox(REPO, s0.number, 0, 'alice'));
    const body = bed.double.issue(REPO, s0.number).body ?? '';
    const editNoCheckbox = await measure(() => bed.double.editIssue(REPO, s0.number, { body: `${body}\n\nA note.` }, 'alice'));
    const stageTransition = await measure(() => bed.double.toggleCheckbox(REPO, s0.number, 1, 'alice'));
    if (bed.double.issue(REPO, s0.number).state !== 'closed') throw new Error('bench: ticking the last item did not close stage 0');
    bed.double.assertNoViolations();
    return { tickNoStageChange, editNoCheckbox, stageTransition };
  } finally {
    await bed.close();
  }
}

export interface CommandFigures {
  checkOne: RequestFigures;
  checkThreeOnOneIssue: RequestFigures;
  status: RequestFigures;
  assign: RequestFigures;
}

/**
 * Request cost of slash commands on the EPIC (latency 0, throttling off): each includes the
 * reaction, the permission lookup when not cached, the snapshot read, the plan and the one reply.
 */
export async function benchCommands(): Promise<CommandFigures> {
  const bed = await startBed({ throttle: false, template: stagedTemplate(5) });
  try {
    const epic = openOnboarding(bed, 'Contoso', stagedTemplate(5));
    await bed.double.idle();
    const measure = async (text: string): Promise<RequestFigures> => {
      bed.double.resetCounts();
      bed.double.comment(REPO, epic, text, 'alice');
      await bed.double.idle();
      return figures(bed.double.counts());
    };
    const checkOne = await measure('/check 1');
    const checkThreeOnOneIssue = await measure('/check 2\n/check 3\n/check 4');
    const s0 = bed.double.subIssues(REPO, epic)[0]!;
    const ticked = (bed.double.issue(REPO, s0.number).body ?? '').match(/- \[x\]/g)?.length ?? 0;
    if (ticked !== 4) throw new Error(`bench: expected 4 ticked items in stage 0, found ${ticked}`);
    const status = await measure('/status');
    const assign = await measure('/assign CSM @bob');
    bed.double.assertNoViolations();
    return { checkOne, checkThreeOnOneIssue, status, assign };
  } finally {
    await bed.close();
  }
}

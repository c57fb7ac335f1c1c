/**
 * `embark report` over 1,000 onboardings: GraphQL requests, wall time and CPU. A few onboardings
 * are run by the real app (fresh, progressed, blocked, cancelled); their EPICs, stage issues and
 * status comments are then cloned into a bare double (no app attached) until there are N, each
 * with its own numbers in the hidden state. Goal: at most 25 GraphQL requests, under 2 s of CPU.
 */
import { Octokit as RestOctokit } from '@octokit/rest';
import { defaultConfig } from '../src/config.js';
import { type FoundOnboarding, findOnboardings } from '../src/github/find-onboardings.js';
import type { Octokit } from '../src/github/octokit.js';
import { readPortfolio } from '../src/github/read-portfolio.js';
import { decodeState, encodeState } from '../src/onboarding/state.js';
import { renderPortfolioMarkdown } from '../src/portfolio/dashboard.js';
import { reportTable } from '../src/portfolio/format.js';
import { buildReport } from '../src/portfolio/report.js';
import { onboardingEntry } from '../src/portfolio/row.js';
import { isStatusComment } from '../src/render/markers.js';
import { createCalendar } from '../src/schedule/calendar.js';
import { startGitHubDouble } from '../test/github-double/index.js';
import { bodyOf, CONFIG, openOnboarding, REPO, stagedTemplate, startBed } from './bed.js';

interface Sample {
  title: string;
  body: string;
  state: 'open' | 'closed';
  reason: 'completed' | 'not_planned';
  stages: { title: string; body: string; closed: boolean }[];
  status: string;
}

export interface PortfolioFigures {
  onboardings: number;
  graphql: number;
  requests: number;
  wallMs: number;
  /** CPU of the whole process (the report and the in-process double answering it). */
  cpuMsWithDouble: number;
  /** CPU of the report's own work on the fetched pages: decode, rows, KPIs, JSON, table, markdown. */
  cpuMsReportOnly: number;
  goal: { graphql: number; cpuMs: number };
}

/** Run a few onboardings through Embark and keep what GitHub then holds. */
async function samples(): Promise<Sample[]> {
  const bed = await startBed({ throttle: false });
  try {
    const fresh = openOnboarding(bed, 'Fresh');
    const progressed = openOnboarding(bed, 'Progressed');
    const blocked = openOnboarding(bed, 'Blocked');
    const cancelled = openOnboarding(bed, 'Cancelled');
    await bed.settle();
    bed.advance(86_400_000);
    bed.double.toggleCheckbox(REPO, bed.double.subIssues(REPO, progressed)[0]!.number, 0, 'alice');
    bed.double.comment(REPO, blocked, '/block waiting for the customer', 'alice');
    bed.double.comment(REPO, cancelled, '/cancel customer withdrew', 'alice');
    await bed.settle();
    return [fresh, progressed, blocked, cancelled].map((n) => {
      const epic = bed.double.issue(REPO, n);
      const status = bed.double.comments(REPO, n).find((c) => c.body.startsWith('<!-- embark:status'))!;
      return {
        title: epic.title,
        body: epic.body ?? '',
        state: epic.state,
        reason: epic.state_reason === 'not_planned' ? 'not_planned' : 'completed',
        stages: bed.double.subIssues(REPO, n).map((s) => ({ title: s.title, body: s.body ?? '', closed: s.state === 'closed' })),
        status: status.body,
      };
    });
  } finally {
    await bed.close();
  }
}

export async function benchPortfolio(n = 1000): Promise<PortfolioFigures> {
  const kinds = await samples();
  const double = await startGitHubDouble({});
  try {
    double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: { alice: 'write', bob: 'write', carol: 'write' }, files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/bench.md': stagedTemplate() } });
    for (let i = 0; i < n; i++) {
      const s = kinds[i % kinds.length]!;
      const epic = double.openIssue(REPO, { title: `${s.title} ${i}`, body: s.body || bodyOf(stagedTemplate()), user: 'alice', labels: ['onboarding'] }).number;
      const numbers = s.stages.map((st) => {
        const child = double.openIssue(REPO, { title: st.title, body: st.body.replace(/"epic":\d+/, `"epic":${epic}`), user: double.botLogin, labels: ['onboarding-stage'] }).number;
        double.linkSubIssue(REPO, epic, child, double.botLogin);
        if (st.closed) double.closeIssue(REPO, child, double.botLogin, s.state === 'closed' ? s.reason : 'completed');
        return child;
      });
      const state = decodeState(s.status)!;
      const cloned = { ...state, epic, customer: `Customer ${i}`, stages: state.stages.map((st, k) => ({ ...st, issue: numbers[k] ?? null })) };
      double.comment(REPO, epic, s.status.replace(encodeState(state), encodeState(cloned)), double.botLogin);
      if (s.state === 'closed') double.closeIssue(REPO, epic, double.botLogin, s.reason);
    }
    // The clones' webhooks (about 15 per onboarding, to no target) are sent on the next turns of
    // the event loop: let them drain first, or the report's first request waits behind all of
    // them, and their CPU is counted as the report's. (With a quadratic delivery log, that wait
    // passed Node's 60 s headers timeout at 1,000 onboardings: the double answered 408.)
    await double.idle({ timeoutMs: 300_000 });
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const octokit = new RestOctokit({ auth: 'bench', baseUrl: double.apiUrl, log }) as unknown as Octokit;
    const now = new Date(Date.parse('2026-11-25T09:00:00Z'));
    double.resetCounts();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const reads = await readPortfolio(octokit, { repos: [{ owner: 'acme', repo: 'onboarding' }], since: null, now });
    const entries = reads.flatMap((r) => (r.ok ? r.entries : []));
    const report = buildReport({ entries, now });
    JSON.stringify(report);
    const wallMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    const counts = double.counts();
    if (report.onboardings.length !== n) throw new Error(`portfolio bench: expected ${n} rows, got ${report.onboardings.length}`);
    // The report's own CPU, without the double: the pages are fetched again (not counted above),
    // then decoded, turned into rows and KPIs and written out, on the clock.
    const pages: FoundOnboarding[] = [];
    for await (const page of findOnboardings(octokit, 'repo:acme/onboarding is:issue label:"onboarding"', isStatusComment)) pages.push(...page);
    const calendar = createCalendar(defaultConfig.calendar);
    const own0 = process.cpuUsage();
    const rows = pages.map((f) => onboardingEntry({ source: f, state: decodeState(f.statusBody!)!, calendar, now }));
    const again = buildReport({ entries: rows, now });
    JSON.stringify(again, null, 2);
    reportTable(again);
    renderPortfolioMarkdown({ report: again, today: '2026-11-25', now });
    const own = process.cpuUsage(own0);
    return {
      onboardings: n,
      graphql: counts.graphql,
      requests: counts.total,
      wallMs,
      cpuMsWithDouble: Math.round((cpu.user + cpu.system) / 1000),
      cpuMsReportOnly: Math.round((own.user + own.system) / 1000),
      goal: { graphql: 25, cpuMs: 2000 },
    };
  } finally {
    await double.close();
  }
}

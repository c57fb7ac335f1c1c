/**
 * The bench runner (`npm run bench`): template parsing, starting an onboarding against the naive
 * path, progress costs, handler CPU time and the sweep. Prints a table and writes
 * `bench/results/latest.json`. `BENCH_SWEEP_N` sets the number of onboardings swept (default 200);
 * `BENCH_ONLY=faults,replicas` runs only the named parts (parse, start, progress, sweep, faults, replicas, enroll, status-page, portfolio, mail).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchHandlerCpu } from './cpu.js';
import { benchCustomerMail } from './customer-mail.js';
import { benchEnroll, benchEnrollMemory } from './enroll.js';
import { benchFaults } from './faults.js';
import { benchCommands, benchNaive, benchProgress, benchStart, type RequestFigures } from './flows.js';
import { benchGraph } from './graph.js';
import { benchMailThroughput } from './mail-throughput.js';
import { benchParse } from './parse.js';
import { benchPortfolio } from './portfolio.js';
import { benchBurst } from './replicas.js';
import { benchStatusPage } from './status-page.js';
import { benchSweep } from './sweep.js';

const LATENCY_MS = 150;

type Row = [string, string | number];

function table(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

const req = (f: RequestFigures): string => `${f.total} requests (${f.writes} writes, ${f.graphql} GraphQL)`;
const routes = (f: RequestFigures): string =>
  Object.entries(f.byRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${n}× ${r}`)
    .join('; ');

const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const wanted = (part: string) => !only || only.includes(part);

async function main(): Promise<void> {
  const began = performance.now();
  const sweepN = Number(process.env.BENCH_SWEEP_N ?? 200);
  const out: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  if (wanted('parse')) out.parse = await parseSection();
  if (wanted('start')) out.start = await startSection();
  if (wanted('progress')) out.progress = await progressSection();
  if (wanted('sweep')) out.sweep = await sweepSection(sweepN);
  if (wanted('faults')) out.faults = await faultSection();
  if (wanted('replicas')) out.replicas = await replicaSection();
  if (wanted('portfolio')) out.portfolio = await portfolioSection();
  if (wanted('status-page')) out.statusPage = await statusPageSection();
  if (wanted('enroll')) out.enroll = await enrollSection();
  if (wanted('mail')) out.mail = await mailSection();
  if (wanted('graph')) out.graph = await graphSection();
  const totalMs = Math.round(performance.now() - began);
  console.log(`\nBench took ${(totalMs / 1000).toFixed(1)} s.`);
  const dir = resolve(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'latest.json'), `${JSON.stringify({ ...out, totalMs }, null, 2)}\n`);
  console.log(`Wrote ${resolve(dir, 'latest.json')}`);
}

async function faultSection() {
  const faults = await benchFaults();
  table(`GitHub faults during start + first tick (production retry settings; fault-free run ${faults.faultFreeMs} ms)`, [
    ...faults.cases.map((c): Row => [c.name, `${c.healed ? 'healed, no redelivery' : 'NOT healed'} (fault hit ${c.faultHits}×); duplicates ${c.duplicateIssues} issues / ${c.duplicateComments} comments; ${c.msToHeal} ms`]),
  ]);
  return faults;
}

async function graphSection() {
  const g = await benchGraph();
  table('Stage graph (latency 0, throttling off, templates cached; goal: a 4-track start at most one request more than a linear one)', [
    ['start, 5 stages in a line', `${req(g.startLinear)}: ${routes(g.startLinear)}`],
    ['start, enrollment + 4 tracks (partner hub)', `${req(g.startTracks)}: ${routes(g.startTracks)}`],
    ['tick that starts 2 stages at once', `${req(g.tickStartingTwo)}: ${routes(g.tickStartingTwo)}`],
    ['tick that starts 4 stages at once', `${req(g.tickStartingFour)}: ${routes(g.tickStartingFour)}`],
    [`forecast CPU, ${g.forecast.onboardings} onboardings`, `${g.forecast.cpuMsTotal} ms in all, ${g.forecast.cpuUsPerOnboarding} µs per onboarding`],
  ]);
  return g;
}

async function statusPageSection() {
  const s = await benchStatusPage();
  table(`Status page, ${s.runs} renders of a 10-customer-item onboarding (goals: cold 1, warm 0, < 30 KB, no scripts)`, [
    ['GitHub requests per view', `first in this process ${s.requestsFirstView} (adds the repository's installation lookup), cold ${s.requestsColdView}, warm ${s.requestsWarmView}, ETag revalidation ${s.requestsRevalidated}`],
    ['render time per view (view model + HTML)', `median ${s.renderMedianMs} ms, p95 ${s.renderP95Ms} ms`],
    ['page weight', `${(s.pageBytes / 1024).toFixed(1)} KB, ${s.scripts} scripts`],
  ]);
  return s;
}

async function enrollSection() {
  const run = await benchEnroll(100);
  const small = await benchEnrollMemory(1_000);
  const large = await benchEnrollMemory(10_000);
  const mem = (m: typeof small): string => `heap ${m.heapBeforeMiB} → peak ${m.heapPeakMiB} MiB, RSS ${m.rssBeforeMiB} → peak ${m.rssPeakMiB} MiB, ${m.ms} ms`;
  table(`embark enroll: ${run.rows} rows, ${run.stages}-stage template, default pace, simulated clock (latency 0)`, [
    ['requests per enrolled onboarding', `enroll ${run.enrollRequestsPerOnboarding}, app ${run.appRequestsPerOnboarding}`],
    [`time to enroll ${run.rows} (simulated)`, run.simulated],
    ['creations in the busiest minute / hour', `${run.busiestMinute} / ${run.busiestHour} (GitHub: 80 / 500)`],
    ['dry run, 1,000 rows', mem(small)],
    ['dry run, 10,000 rows', mem(large)],
  ]);
  return { run, memory: { small, large } };
}

async function mailSection() {
  const m = await benchMailThroughput();
  table('Customer mail: paced queue against the in-process SMTP server, pacing off, one connection per message', [
    ['messages per minute sustained', `${m.perMinute} (${m.messages} messages in ${m.ms} ms, ${m.failed} failed)`],
  ]);
  const files = ['managed-services.md', 'managed-services-premium.md', 'm365-backup-compliance.md', 'partner-hub-enrollment.md', 'activation-closeout.md'];
  const perTemplate = await benchCustomerMail(files);
  table('Customer mail over a whole onboarding per bundled template (1 contact, 3 days a stage, sweeps every 4 h, then 120 days of check-ins)', [
    ...perTemplate.map((t): Row => [
      `${t.template} (${t.stages} stages)`,
      `${t.total} mails (${Object.entries(t.mails).map(([k, n]) => `${k} ${n}`).join(', ')}); GitHub requests ${t.requests.mailOn} with mail, ${t.requests.mailOff} without: ${t.requestsPerMail} per mail`,
    ]),
  ]);
  return { throughput: m, perTemplate };
}

async function portfolioSection() {
  const p = await benchPortfolio(Number(process.env.BENCH_PORTFOLIO_N ?? 1000));
  table(`embark report over ${p.onboardings} onboardings (goal: <= ${p.goal.graphql} GraphQL requests, < ${p.goal.cpuMs} ms CPU)`, [
    ['requests', `${p.requests} (${p.graphql} GraphQL)`],
    ['wall time', `${p.wallMs} ms`],
    ['CPU, report only (decode, rows, KPIs, JSON, table, markdown)', `${p.cpuMsReportOnly} ms`],
    ['CPU, report plus the in-process double', `${p.cpuMsWithDouble} ms`],
  ]);
  return p;
}

async function replicaSection() {
  const one = await benchBurst(1);
  const two = await benchBurst(2);
  const row = (b: typeof one): Row => [`${b.replicas} replica${b.replicas > 1 ? 's' : ''}`, `${b.requestsPerTick} requests/tick (${b.requests} requests, ${b.writes} writes), duplicate notices ${b.duplicateNotices}, ${b.ms} ms`];
  table(`Burst of ${one.ticks} ticks over 20 onboardings, shuffled, each delivered twice (Redis, latency 0)`, [row(one), row(two)]);
  return { one, two };
}

async function parseSection() {
  const parse = await benchParse();
  const templates = parse.templates as Record<string, { bytes: number; items: number; medianMs: number; p95Ms: number }>;
  table(
    `Template parsing (${parse.runs} runs each)`,
    [
      ...Object.entries(templates).map(([name, t]): Row => [name, `median ${t.medianMs} ms, p95 ${t.p95Ms} ms (${t.items} items, ${t.bytes} B)`]),
      ['peak RSS growth / heap growth', `${parse.peakRssDeltaMiB} MiB / ${parse.heapDeltaMiB} MiB`],
    ],
  );
  return parse;
}

async function startSection() {
  const start = await benchStart(LATENCY_MS);
  const naive = await benchNaive(LATENCY_MS);
  table(`Start a 5-stage onboarding (latency ${LATENCY_MS} ms, throttled production client)`, [
    ['Embark, cold', `${start.cold.ms} ms, ${req(start.cold)}`],
    ['Embark, warm', `${start.warm.ms} ms, ${req(start.warm)}`],
    ['naive REST path', `${naive.ms} ms, ${req(naive)}`],
    ['speedup (naive / Embark)', `cold ${(naive.ms / start.cold.ms).toFixed(1)}×, warm ${(naive.ms / start.warm.ms).toFixed(1)}×`],
    ['Embark cold routes', routes(start.cold)],
    ['Embark warm routes', routes(start.warm)],
    ['naive routes', routes(naive)],
  ]);
  return { latencyMs: LATENCY_MS, ...start, naive };
}

async function progressSection() {
  const progress = await benchProgress();
  const commands = await benchCommands();
  const cpu = await benchHandlerCpu(100);
  table('Progress (latency 0, throttling off)', [
    ['tick, no stage change', `${req(progress.tickNoStageChange)}: ${routes(progress.tickNoStageChange)}`],
    ['edit changing no checkbox', req(progress.editNoCheckbox)],
    ['tick completing a stage', `${req(progress.stageTransition)}: ${routes(progress.stageTransition)}`],
    ['/check, one item (on the EPIC)', `${req(commands.checkOne)}: ${routes(commands.checkOne)}`],
    ['/check, three items of one stage in one comment', `${req(commands.checkThreeOnOneIssue)}: ${routes(commands.checkThreeOnOneIssue)}`],
    ['/status', `${req(commands.status)}: ${routes(commands.status)}`],
    ['/assign CSM @bob (every open stage with a CSM item)', `${req(commands.assign)}: ${routes(commands.assign)}`],
    [`handler CPU per tick, ${cpu.items}-item stage, warm cache`, `median ${cpu.medianMs} ms CPU, p95 ${cpu.p95Ms} ms (wall median ${cpu.wallMedianMs} ms; ${cpu.runs} runs, ${cpu.fullParsesPerTick} full parses/tick, ${cpu.actions} actions planned)`],
    [`handler CPU per tick, ${cpu.items}-item stage, empty cache`, `median ${cpu.coldTickMedianMs} ms CPU`],
    [`one cold parse of that stage's body`, `median ${cpu.coldParseMedianMs} ms CPU (of which freezing it: ${cpu.freezeMedianMs} ms)`],
  ]);
  return { progress, commands, cpu };
}

async function sweepSection(sweepN: number) {
  const sweep = await benchSweep(sweepN);
  table(`Sweep of ${sweep.onboardings} open onboardings (latency 0, setup took ${sweep.setupMs} ms)`, [
    ['nothing due', `${sweep.nothingDue.ms} ms, ${req(sweep.nothingDue)}, predicted ${sweep.predicted.nothingDue}`],
    ['reminder due on each', `${sweep.remindersDue.ms} ms, ${req(sweep.remindersDue)}, predicted ${sweep.predicted.remindersDue}, posted ${sweep.remindersDue.posted}, failed ${sweep.remindersDue.failed}`],
    ['reminders routes', routes(sweep.remindersDue)],
    ['RSS before → peak (nothing due)', `${sweep.nothingDue.rssBeforeMiB} → ${sweep.nothingDue.rssPeakMiB} MiB`],
    ['RSS before → peak (reminders)', `${sweep.remindersDue.rssBeforeMiB} → ${sweep.remindersDue.rssPeakMiB} MiB`],
    ['heap before → after (reminders)', `${sweep.remindersDue.heapBeforeMiB} → ${sweep.remindersDue.heapAfterMiB} MiB`],
    ['extrapolated to 1,000 (nothing due / all due)', `${Math.ceil(1000 / 50) + 2} / ${Math.ceil(1000 / 50) + 2 + 3000} requests`],
  ]);
  return sweep;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * Soak (issue 18): two replicas on the real Redis (a key prefix of their own), a few onboardings,
 * and a seeded stream of what people and GitHub do to them: ticks and unticks, stage issues
 * closed and reopened by hand, slash commands from people with and without write access (on open
 * and on a completed onboarding), deliveries reordered and repeated (at once, and again after the
 * first copy ran), 5xx answers to writes GitHub applied, replicas killed mid-run (SIGKILL: their
 * jobs and leases are taken over once their claims run out) and one restarted as a deploy does,
 * and the clock moving on. Afterwards, waiting only on conditions:
 * - the queue drains: nothing waiting, running or waiting to retry, and nothing given up;
 * - the jobs converged on their own: the first sweep repairs nothing (it only posts reminders the
 *   moving clock made due, and the dashboard), and a second sweep right after it writes nothing;
 * - every command comment has exactly one reply, each EPIC one status comment and its three
 *   stage issues, and no issue carries the same notice key twice.
 *
 * Replay a failing seed with the command its message prints: the seed fixes every choice (which
 * action on which issue, faults, shuffles, repeats, kills, clock moves); how the jobs of two
 * replicas interleave is up to the machine, so run a replay a few times. Settings: `SOAK_SEED` (first seed),
 * `SOAK_RUNS` (seeds in a row, default 1), `SOAK_ACTIONS` (default 50), `SOAK_ONBOARDINGS`
 * (default 4), `SOAK_KILLS` (default 2); issue 18's trial was 8 onboardings, 80 actions, 4 kills.
 * `SOAK_THROTTLE=1` runs the production client (pacing and retry waits: minutes per seed),
 * `SOAK_TRACE=1` prints progress to stderr.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { type SweepReport, sweepAccount } from '../../src/handlers/sweep.js';
import { readNoticeKey } from '../../src/render/notice-marker.js';
import type { FaultSpec } from '../github-double/faults.js';
import { appClient, type Bed, BODY, REPO, stages, startBed } from './harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FIRST_SEED = Number(process.env.SOAK_SEED ?? 20261123);
const RUNS = Number(process.env.SOAK_RUNS ?? 1);
const ACTIONS = Number(process.env.SOAK_ACTIONS ?? 50);
const ONBOARDINGS = Number(process.env.SOAK_ONBOARDINGS ?? 4);
const KILLS = Number(process.env.SOAK_KILLS ?? 2);
const THROTTLE = Boolean(process.env.SOAK_THROTTLE);
/** How long the queue may take to drain after the chaos: generous, it is a condition, not a wait. */
const DRAIN_MS = THROTTLE ? 600_000 : 90_000;
const trace = process.env.SOAK_TRACE ? (...xs: unknown[]) => process.stderr.write(`soak: ${xs.map(String).join(' ')}\n`) : () => undefined;

/** mulberry32: the same seed, the same choices. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

/** Commands people type; `S`/`I` become a stage and an item number, 0-based stages as the template numbers them. */
const COMMANDS = [
  '/check I',
  '/check S.I',
  '/uncheck S.I',
  '/skip S.I not needed here',
  '/assign csm @bob',
  '/unassign engineer @carol',
  '/assign engineer @carol',
  '/block waiting for the customer',
  '/unblock',
  '/status',
  '/advance',
  '/finish',
  '/finish --force',
  '/reopen S',
  '/due S +3',
  '/due S +2w',
  '/snooze 2d',
  '/remind',
  '/help check',
];

/** 5xx answers GitHub gives to writes it applied (and one it did not), one request each. */
const FAULTS: FaultSpec[] = [
  { route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 502, after: 'apply' },
  { route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', status: 502, after: 'apply' },
  { route: 'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', status: 502, after: 'apply' },
  { route: 'graphql', operation: 'EmbarkIssueChanges', status: 502, after: 'apply' },
  { route: 'graphql', operation: 'EmbarkOnboarding', status: 503 },
];

interface Posted {
  issue: number;
  id: number;
  body: string;
  /** The EPIC was already closed (onboarding completed or cancelled) when the comment was posted. */
  closed: boolean;
}

/** What a run did, for its summary line. */
interface Run {
  actions: number;
  commands: Posted[];
  repeats: number;
  faults: number;
  kills: number;
  restarts: number;
  /** Writes of the first sweep after the drain (the second must make none). */
  firstSweep: number;
}

let bed: Bed | undefined;

/** One person's action on a random onboarding (webhooks are held by the caller). */
function act(b: Bed, rng: Rng, epics: number[], commands: Posted[]): void {
  const epic = rng.pick(epics);
  const subs = stages(b, epic);
  const stage = rng.int(subs.length);
  const issue = subs[stage]!;
  const roll = rng.next();
  if (roll < 0.35) {
    const boxes = readTasks(issue.body ?? '').length;
    if (boxes > 0) b.double.toggleCheckbox(REPO, issue.number, rng.int(boxes), rng.pick(['alice', 'bob', 'carol']));
  } else if (roll < 0.45) {
    if (issue.state === 'open') b.double.closeIssue(REPO, issue.number, 'alice');
    else b.double.reopenIssue(REPO, issue.number, 'alice');
  } else {
    const items = Math.max(1, readTasks(issue.body ?? '').length);
    const body = rng
      .pick(COMMANDS)
      .replace('S.I', `${stage}.${1 + rng.int(items)}`)
      .replace('S', String(stage))
      .replace('I', String(1 + rng.int(2)));
    const on = rng.chance(0.6) ? epic : issue.number;
    const who = rng.chance(0.85) ? rng.pick(['alice', 'bob']) : 'dave';
    const closed = b.double.issue(REPO, epic).state === 'closed';
    const posted = b.double.comment(REPO, on, body, who);
    commands.push({ issue: on, id: posted.id, body, closed });
  }
}

/** One sweep of the account: its report, and what it wrote by route (reads and installation tokens left out). */
async function sweep(b: Bed): Promise<{ report: SweepReport; writes: Record<string, number> }> {
  b.double.resetCounts();
  const report = await sweepAccount(b.replicas[0]!.runtime.deps, appClient(b), 'acme');
  await b.settle();
  const c = b.double.counts();
  const writes = Object.entries(c.byRoute).filter(([route]) => !route.startsWith('GET ') && route !== 'POST /graphql' && !route.endsWith('/access_tokens'));
  if (c.graphqlMutations > 0) writes.push(['graphql mutations', c.graphqlMutations]);
  trace('sweep', JSON.stringify(report), 'wrote', JSON.stringify(Object.fromEntries(writes)));
  return { report, writes: Object.fromEntries(writes) };
}

/** The seeded chaos: rounds of held actions released shuffled (sometimes doubled), redeliveries, faults, kills, a restart. */
async function chaos(b: Bed, rng: Rng, epics: number[]): Promise<Run> {
  const run: Run = { actions: 0, commands: [], repeats: 0, faults: 0, kills: 0, restarts: 0, firstSweep: 0 };
  // Kills and a restart at random points, between two rounds of deliveries (jobs are still running then).
  const killsAt = Array.from({ length: KILLS }, () => 1 + rng.int(ACTIONS - 1));
  const restartAt = 1 + rng.int(ACTIONS - 1);
  let released: string[] = [];
  while (run.actions < ACTIONS) {
    b.double.holdWebhooks();
    const round = Math.min(ACTIONS - run.actions, 2 + rng.int(6));
    const before = run.actions;
    for (let i = 0; i < round; i++) {
      act(b, rng, epics, run.commands);
      run.actions++;
      if (rng.chance(0.08)) {
        b.double.fail(rng.pick(FAULTS));
        run.faults++;
      }
      if (rng.chance(0.1)) b.advance(rng.pick([30, 90, 600]) * 60_000);
    }
    const held = b.double.heldWebhooks().map((d) => d.id);
    const duplicate = rng.chance(0.15) ? 2 : 1;
    if (duplicate > 1) run.repeats += held.length;
    await b.double.releaseWebhooks({ shuffle: rng.int(1_000_000), duplicate });
    // Some earlier deliveries again, after their first copy may well have run (a manual redelivery, a proxy retry).
    for (const id of released) {
      if (rng.chance(0.1)) {
        await b.double.redeliver(id);
        run.repeats++;
      }
    }
    released = [...released, ...held].slice(-40);
    for (const _ of killsAt.filter((at) => before < at && run.actions >= at)) {
      trace('kill after action', run.actions);
      await b.killReplica(rng.int(b.replicas.length));
      await b.startReplica();
      run.kills++;
    }
    if (before < restartAt && run.actions >= restartAt) {
      trace('restart after action', run.actions);
      await b.stopReplica(rng.int(b.replicas.length));
      await b.startReplica();
      run.restarts++;
    }
  }
  b.double.clearFaults();
  return run;
}

async function soak(seed: number): Promise<Run> {
  const rng = prng(seed);
  bed = await startBed({ replicas: 2, redis: { url: REDIS_URL, prefix: `embark-test-soak-${seed}-${randomUUID()}` }, retry: true, throttle: THROTTLE, requestTimeoutMs: 1000 });
  const b = bed;
  const epics: number[] = [];
  for (let i = 0; i < ONBOARDINGS; i++) epics.push(b.double.openIssue(REPO, { title: `[Managed Services Onboarding] Customer ${i}`, body: BODY, user: 'alice' }).number);
  await b.settle();
  // One onboarding is completed before the chaos: the trial's unanswered commands were all on one.
  const done = epics.at(-1)!;
  for (const stage of stages(b, done)) for (let box = 0; box < readTasks(stage.body ?? '').length; box++) b.double.toggleCheckbox(REPO, stage.number, box, 'alice');
  await b.settle();
  expect(b.double.issue(REPO, done).state).toBe('closed');
  const run = await chaos(b, rng, epics);
  trace('chaos over after', run.actions, 'actions');

  // The queue drains: every job ran, the killed replicas' ones too (their claims ran out).
  await b.settle(DRAIN_MS);
  expect(await b.replicas[0]!.runtime.queue.pending()).toBe(0);
  expect(await b.replicas[0]!.runtime.queue.failed()).toEqual([]);

  // The jobs converged on their own: the first sweep repairs nothing and only posts what the
  // moving clock made due (reminders, escalations) and the dashboard; a sweep right after it
  // writes nothing.
  const first = await sweep(b);
  expect({ repaired: first.report.repaired, failed: first.report.failed }).toEqual({ repaired: 0, failed: [] });
  run.firstSweep = Object.values(first.writes).reduce((a, n) => a + n, 0);
  expect((await sweep(b)).writes).toEqual({});
  expect(await b.replicas[0]!.runtime.queue.pending()).toBe(0);

  for (const c of run.commands) {
    const replies = b.double.comments(REPO, c.issue).filter((r) => r.via_app && readNoticeKey(r.body) === `reply:${c.id}`);
    expect({ command: c.body, on: c.issue, replies: replies.length }).toEqual({ command: c.body, on: c.issue, replies: 1 });
  }
  for (const epic of epics) {
    const statuses = b.double.comments(REPO, epic).filter((c) => c.via_app && c.body.startsWith('<!-- embark:status'));
    expect({ epic, statuses: statuses.length }).toEqual({ epic, statuses: 1 });
    expect(stages(b, epic)).toHaveLength(3);
    for (const issue of [epic, ...stages(b, epic).map((s) => s.number)]) {
      const keys = b.double.comments(REPO, issue).filter((c) => c.via_app).map((c) => readNoticeKey(c.body)).filter((k) => k !== null);
      expect({ issue, twice: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ issue, twice: [] });
    }
  }
  b.double.assertNoViolations();
  return run;
}

describe('soak: random actions, repeated and reordered deliveries, faults, killed and restarted replicas', () => {
  it(`converges (seeds ${FIRST_SEED}..${FIRST_SEED + RUNS - 1}: ${ONBOARDINGS} onboardings, ${ACTIONS} actions, ${KILLS} kills each)`, async () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = FIRST_SEED + i;
      const started = Date.now();
      try {
        const r = await soak(seed);
        const onClosed = r.commands.filter((c) => c.closed).length;
        process.stdout.write(
          `soak seed ${seed}: ${r.actions} actions, ${r.commands.length} commands (${onClosed} on closed onboardings), ${r.repeats} repeated deliveries, ${r.faults} faults, ${r.kills} kills, ${r.restarts} restart; first sweep wrote ${r.firstSweep}, the second 0; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      } catch (error) {
        (error as Error).message = `soak failed; replay with SOAK_SEED=${seed} SOAK_ACTIONS=${ACTIONS} SOAK_ONBOARDINGS=${ONBOARDINGS} SOAK_KILLS=${KILLS} npm run jest -- test/flows/soak.test.ts\n${(error as Error).message}`;
        throw error;
      } finally {
        await bed?.close();
        bed = undefined;
      }
    }
  }, (THROTTLE ? 900_000 : 150_000) * RUNS);
});

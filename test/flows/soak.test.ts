/**
 * Soak: two replicas on the real Redis (a key prefix of their own), a few onboardings, and a
 * seeded stream of what people and GitHub do to them: ticks and unticks, stage issues closed and
 * reopened by hand, slash commands from people with and without write access, deliveries
 * reordered and repeated (at once, and again after the first copy ran), 5xx answers to writes
 * GitHub applied, a replica killed mid-run and one restarted, and the clock moving on.
 * Afterwards, waiting only on conditions:
 * - the queue drains (nothing waiting, running or waiting to retry; nothing given up);
 * - sweeps settle, and the last one writes nothing;
 * - every command comment has exactly one reply, each EPIC one status comment, and no issue
 *   carries the same notice key twice.
 *
 * Replay a failing run with the seed it prints: `SOAK_SEED=<seed> npm run jest -- test/flows/soak.test.ts`.
 * `SOAK_RUNS` (default 1) runs more seeds in a row, `SOAK_ACTIONS` (default 60) sets the
 * actions per run.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { readNoticeKey } from '../../src/render/notice-marker.js';
import type { FaultSpec } from '../github-double/faults.js';
import { appClient, type Bed, BODY, REPO, stages, startBed } from './harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FIRST_SEED = Number(process.env.SOAK_SEED ?? 20261123);
const RUNS = Number(process.env.SOAK_RUNS ?? 1);
const ACTIONS = Number(process.env.SOAK_ACTIONS ?? 60);
const ONBOARDINGS = 4;
const t0 = Date.now();
const trace = process.env.SOAK_TRACE ? (...xs: unknown[]) => process.stderr.write(`${Date.now() - t0} ${xs.map(String).join(' ')}\n`) : () => undefined;

/** mulberry32: the same seed, the same run. */
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
}

interface Run {
  seed: number;
  actions: number;
  commands: Posted[];
  epics: number[];
  repeats: number;
  kills: number;
  sweeps: number[];
}

let bed: Bed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

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
    const posted = b.double.comment(REPO, on, body, who);
    commands.push({ issue: on, id: posted.id, body });
  }
}

/** Sweep until a sweep writes nothing; returns the writes of each sweep (the last is 0). */
async function sweepUntilStable(b: Bed, most = 4): Promise<number[]> {
  const writes: number[] = [];
  for (let i = 0; i < most; i++) {
    b.double.resetCounts();
    await sweepAccount(b.replicas[0]!.runtime.deps, appClient(b), 'acme');
    await b.settle();
    const c = b.double.counts();
    writes.push(c.writes + c.graphqlMutations);
    if (writes.at(-1) === 0) return writes;
  }
  return writes;
}

async function soak(seed: number): Promise<Run> {
  const rng = prng(seed);
  bed = await startBed({ replicas: 2, redis: { url: REDIS_URL, prefix: `embark-test-soak-${seed}-${randomUUID()}` }, retry: true, requestTimeoutMs: 1000 });
  const b = bed;
  const epics: number[] = [];
  for (let i = 0; i < ONBOARDINGS; i++) epics.push(b.double.openIssue(REPO, { title: `[Managed Services Onboarding] Customer ${i}`, body: BODY, user: 'alice' }).number);
  await b.settle();
  const commands: Posted[] = [];
  const run: Run = { seed, actions: 0, commands, epics, repeats: 0, kills: 0, sweeps: [] };
  // A kill and a restart at random points of the run, between two rounds of deliveries.
  const killAt = 1 + rng.int(ACTIONS - 2);
  const restartAt = 1 + rng.int(ACTIONS - 2);
  let released: string[] = [];
  while (run.actions < ACTIONS) {
    b.double.holdWebhooks();
    const round = Math.min(ACTIONS - run.actions, 2 + rng.int(6));
    const before = run.actions;
    for (let i = 0; i < round; i++) {
      act(b, rng, epics, commands);
      run.actions++;
      if (rng.chance(0.08)) b.double.fail(rng.pick(FAULTS));
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
    trace('round done', run.actions, 'pending', await b.replicas[0]!.runtime.queue.pending());
    if (before < killAt && run.actions >= killAt) {
      trace('kill');
      await b.killReplica(rng.int(b.replicas.length));
      await b.startReplica();
      run.kills++;
    }
    if (before < restartAt && run.actions >= restartAt) {
      trace('restart');
      await b.stopReplica(rng.int(b.replicas.length));
      await b.startReplica();
    }
  }
  b.double.clearFaults();
  trace('chaos over');
  if (process.env.SOAK_TRACE) {
    for (let i = 0; i < 30; i++) {
      // biome-ignore lint/suspicious/noExplicitAny: diagnostics
      const q = (b.replicas[0]!.runtime.queue as any).queue;
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'failed');
      const active = await q.getActive();
      trace('counts', JSON.stringify(counts), active.map((j: { id: string; name: string; data: { payload: { action: string; comment?: { body: string } } }; attemptsStarted: number; stalledCounter: number }) => `${j.id.slice(0, 10)} ${j.name}.${j.data.payload.action} ${j.data.payload.comment?.body ?? ''} ats=${j.attemptsStarted} stc=${j.stalledCounter}`).join(' | '));
      if (Object.values(counts).every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  // The queue drains: every job ran, the killed replica's ones too (their claims ran out).
  await b.settle(90_000);
  expect(await b.replicas[0]!.runtime.queue.pending()).toBe(0);
  expect(await b.replicas[0]!.runtime.queue.failed()).toEqual([]);
  trace('drained');
  run.sweeps = await sweepUntilStable(b);
  expect(run.sweeps.at(-1)).toBe(0);
  expect(await b.replicas[0]!.runtime.queue.pending()).toBe(0);

  for (const c of commands) {
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

describe('soak: random actions, repeated and reordered deliveries, faults and a killed replica', () => {
  it(`converges (seeds ${FIRST_SEED}..${FIRST_SEED + RUNS - 1}, ${ACTIONS} actions each)`, async () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = FIRST_SEED + i;
      try {
        const run = await soak(seed);
        process.stdout.write(`soak seed ${seed}: ${run.actions} actions, ${run.commands.length} commands, ${run.repeats} repeated deliveries, ${run.kills} kill, sweep writes ${run.sweeps.join(' → ')}\n`);
      } catch (error) {
        (error as Error).message = `soak failed; replay with SOAK_SEED=${seed} npm run jest -- test/flows/soak.test.ts\n${(error as Error).message}`;
        throw error;
      } finally {
        await bed?.close();
        bed = undefined;
      }
    }
  }, 120_000 * RUNS);
});

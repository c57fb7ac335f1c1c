/**
 * GitHub Actions, simulated around the GitHub double: every event GitHub would start Embark's
 * workflow for (`issues`, `issue_comment`; never one caused by the workflow's own token, which
 * writes as `github-actions[bot]`) becomes a pending run; a run writes the event payload to a
 * file and calls the Action's entry with the runner's environment (`GITHUB_EVENT_NAME`,
 * `GITHUB_EVENT_PATH`, `GITHUB_TOKEN`, ...). `concurrency` can be applied the way Actions does
 * it: one run at a time per group, and of the runs waiting only the newest is kept.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRunOptions, runAction } from '../../src/app/action.js';
import type { ActionOutcome } from '../../src/handlers/action-event.js';
import { clientClass } from '../flows/app-bed.js';
import { CONFIG, TEMPLATE } from '../flows/harness.js';
import { type GitHubDouble, startGitHubDouble } from '../github-double/index.js';

export const REPO = 'acme/onboarding';
export const ACTIONS_BOT = 'github-actions[bot]';

/** An event waiting for its workflow run, as the runner will hand it over. */
export interface PendingRun {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: the event payload
  payload: any;
}

export interface ActionBed {
  double: GitHubDouble;
  clock: { now: Date };
  advance(ms: number): void;
  /** Runs GitHub would start, oldest first. */
  pending: PendingRun[];
  /** Every run made, with its exit code and outcome. */
  runs: { name: string; code: number; outcome: ActionOutcome | null; out: string[] }[];
  /** Run the oldest pending event; returns its exit code. */
  runNext(env?: NodeJS.ProcessEnv): Promise<number>;
  /** Run pending events one at a time until none is left (runs add none: the token's events start nothing). */
  runAll(): Promise<void>;
  /** A `schedule` run (the cron sweep). */
  schedule(): Promise<number>;
  /** Actions' concurrency group: while one run goes, of the waiting ones only the newest stays. Returns how many were cancelled. */
  cancelAllButNewest(): number;
  /** Run the entry on a given event (name, payload), with more environment. */
  run(event: PendingRun, env?: NodeJS.ProcessEnv, options?: Partial<ActionRunOptions>): Promise<number>;
  /** The environment the runner gives a run of `name` whose payload is at `path`. */
  envFor(name: string, path: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startActionBed(options: { files?: Record<string, string>; latencyMs?: number } = {}): Promise<ActionBed> {
  const pending: PendingRun[] = [];
  const double = await startGitHubDouble({
    // Writes made with the workflow's token come from GitHub Actions' bot.
    appSlug: 'github-actions',
    latencyMs: options.latencyMs,
    webhook: async (call) => {
      if (call.name !== 'issues' && call.name !== 'issue_comment') return;
      const payload = JSON.parse(call.payload);
      // GitHub starts no workflow for events its GITHUB_TOKEN caused.
      if (payload.sender?.login === ACTIONS_BOT) return;
      // An event file in a workflow run carries no app installation.
      delete payload.installation;
      pending.push({ name: call.name, payload });
    },
  });
  double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: { alice: 'write', bob: 'write', carol: 'write', dave: 'read' }, files: options.files ?? { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE } });
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  double.setNow(clock.now);
  const dir = mkdtempSync(join(tmpdir(), 'embark-action-'));
  const runs: ActionBed['runs'] = [];
  let counter = 0;
  const envFor = (name: string, path: string): NodeJS.ProcessEnv => ({
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_TOKEN: 'ghs_the_workflow_token',
    GITHUB_API_URL: double.apiUrl,
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: String(1000 + counter),
    GITHUB_RUN_ATTEMPT: '1',
    EMBARK_REQUEST_TIMEOUT_MS: '10000',
  });
  const bed: ActionBed = {
    double,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
      double.setNow(clock.now);
    },
    pending,
    runs,
    async run(event, env = {}, extra = {}) {
      counter += 1;
      const path = join(dir, `event-${counter}.json`);
      writeFileSync(path, JSON.stringify(event.payload));
      const out: string[] = [];
      let outcome: ActionOutcome | null = null;
      const code = await runAction({
        env: { ...envFor(event.name, path), ...env },
        now: () => clock.now,
        Octokit: clientClass(false),
        sleep: async () => undefined,
        out: { info: (l) => out.push(l), error: (l) => out.push(l) },
        onOutcome: (o) => {
          outcome = o;
        },
        ...extra,
      });
      await double.idle();
      runs.push({ name: event.name, code, outcome, out });
      return code;
    },
    async runNext(env) {
      const next = pending.shift();
      if (!next) throw new Error('action bed: no pending run');
      return bed.run(next, env);
    },
    async runAll() {
      while (pending.length > 0) await bed.runNext();
    },
    schedule() {
      return bed.run({ name: 'schedule', payload: { schedule: '*/15 * * * *', repository: { full_name: REPO, name: 'onboarding', owner: { login: 'acme' } } } });
    },
    cancelAllButNewest() {
      const cancelled = Math.max(0, pending.length - 1);
      pending.splice(0, cancelled);
      return cancelled;
    },
    envFor,
    async close() {
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bed;
}

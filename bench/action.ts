/**
 * Cold start of the GitHub Action's entry: each event runs `node dist/src/action.js` in a fresh
 * process, as the Actions runner does, against the GitHub double (latency 0). The CPU time of
 * the process (user + system, from the shell's `times`) is the cost per event; the goal is under
 * 2 s. Events: an issue nobody meant as an onboarding (the floor: start-up and one event file),
 * a start, a tick, a `/status`, and the scheduled sweep.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubDouble } from '../test/github-double/index.js';
import { bodyOf, CONFIG, REPO, stagedTemplate } from './bed.js';

const run = promisify(execFile);

export interface ActionEventFigure {
  event: string;
  cpuMs: number;
  wallMs: number;
  requests: number;
}

/** `times` prints the shell's own user/system time, then its children's: `0m0.512s 0m0.084s`. */
function childCpuMs(times: string): number {
  const line = times.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return Math.round(parts.reduce((a, b) => a + b, 0));
}

export async function benchActionColdStart(): Promise<{ events: ActionEventFigure[]; goalCpuMs: number }> {
  // biome-ignore lint/suspicious/noExplicitAny: webhook payloads
  const pending: { name: string; payload: any }[] = [];
  const double = await startGitHubDouble({
    appSlug: 'github-actions',
    webhook: async (call) => {
      const payload = JSON.parse(call.payload);
      if ((call.name === 'issues' || call.name === 'issue_comment') && payload.sender?.login !== 'github-actions[bot]') {
        delete payload.installation;
        pending.push({ name: call.name, payload });
      }
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'embark-bench-action-'));
  const events: ActionEventFigure[] = [];
  const template = stagedTemplate();
  try {
    double.addRepo({ owner: 'acme', name: 'onboarding', collaborators: { alice: 'write', bob: 'write', carol: 'write' }, files: { '.github/onboarding.yml': CONFIG, '.github/ISSUE_TEMPLATE/bench.md': template } });
    const once = async (label: string, name: string, payload: unknown) => {
      const path = join(dir, `${events.length}.json`);
      writeFileSync(path, JSON.stringify(payload));
      double.resetCounts();
      const began = performance.now();
      const { stdout } = await run('bash', ['-c', 'node dist/src/action.js >&2; times'], {
        env: { PATH: process.env.PATH, GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path, GITHUB_TOKEN: 'ghs_bench', GITHUB_API_URL: double.apiUrl, GITHUB_REPOSITORY: REPO },
      });
      const wallMs = Math.round(performance.now() - began);
      await double.idle();
      events.push({ event: label, cpuMs: childCpuMs(stdout), wallMs, requests: double.counts().total });
    };
    const next = async (label: string, act: () => void) => {
      act();
      await double.idle();
      const event = pending.shift();
      pending.length = 0;
      if (!event) throw new Error(`bench: no event for ${label}`);
      await once(label, event.name, event.payload);
    };
    await next('issue that is no onboarding (read, nothing written)', () => double.openIssue(REPO, { title: 'Printer on floor 2 is jammed', body: 'Help', user: 'alice' }));
    let epic = 0;
    await next('issues.opened: start a 5-stage onboarding', () => {
      epic = double.openIssue(REPO, { title: '[Bench Onboarding] Contoso', body: bodyOf(template), user: 'alice' }).number;
    });
    const [s0] = double.subIssues(REPO, epic);
    if (!s0) throw new Error('bench: the Action did not start the onboarding');
    await next('issues.edited: a tick that completes a stage', () => double.toggleCheckbox(REPO, s0.number, 0, 'alice'));
    await next('issue_comment.created: /status', () => double.comment(REPO, epic, '/status', 'alice'));
    await once('schedule: the sweep', 'schedule', { schedule: '*/15 * * * *' });
    double.assertNoViolations();
    return { events, goalCpuMs: 2000 };
  } finally {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The GitHub Action's composition root: Embark without an app or a server. One workflow run is
 * one event: read the runner's environment and event file, build the same deps as the app (an
 * in-process lock, the bundled templates) and a client from the workflow's token, hand the event
 * to `handlers/action-event.ts`, and answer with an exit code (0 done or nothing to do, 1 the
 * event failed, 2 the run is misconfigured). Workflow commands (`::error::`) mark failures.
 */
import { readFile } from 'node:fs/promises';
import type { ProbotOctokit } from 'probot';
import { loadBundledTemplates } from '../bundled-templates.js';
import { createKeyedLock } from '../coordination/lock.js';
import { RepoSetupCache } from '../github/load-repo-setup.js';
import { tokenClient } from '../github/token-client.js';
import { type ActionOutcome, runActionEvent } from '../handlers/action-event.js';
import type { Deps } from '../handlers/deps.js';
import { ViewCache } from '../status-page/view-cache.js';
import { readActionSettings } from './action-settings.js';
import { readSettings } from './settings.js';

export interface ActionRunOptions {
  env: NodeJS.ProcessEnv;
  /** Reads the event file (default: from disk). */
  readFile?: (path: string) => Promise<string>;
  /** The clock (tests pass a fake one). */
  now?: () => Date;
  /** The client class (tests turn retries and throttling off). */
  Octokit?: typeof ProbotOctokit;
  /** Waits between retries (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  out?: { info(line: string): void; error(line: string): void };
  /** Receives the outcome (tests read it). */
  onOutcome?: (outcome: ActionOutcome) => void;
}

const console_ = { info: (line: string) => console.log(line), error: (line: string) => console.error(line) };

/** One line of a workflow command's message (`%`, CR and LF escaped, as the runner wants). */
const commandText = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');

/** Run one event; returns the exit code. */
export async function runAction(options: ActionRunOptions): Promise<number> {
  const out = options.out ?? console_;
  const read = readActionSettings(options.env);
  if (!read.ok) {
    for (const e of read.errors) out.error(`::error title=Embark::${commandText(e)}`);
    return 2;
  }
  const action = read.settings;
  const settings = readSettings(options.env);
  for (const w of settings.warnings) out.info(`::warning title=Embark::${commandText(w)}`);
  let payload: unknown;
  try {
    payload = JSON.parse(await (options.readFile ?? ((p) => readFile(p, 'utf8')))(action.eventPath));
  } catch (error) {
    out.error(`::error title=Embark::cannot read the event file ${action.eventPath}: ${commandText((error as Error).message)}`);
    return 2;
  }
  const octokit = tokenClient({ token: action.token, baseUrl: action.apiUrl, requestTimeoutMs: settings.requestTimeoutMs, Octokit: options.Octokit });
  const deps = actionDeps(options.now ?? (() => new Date()));
  try {
    const outcome = await runActionEvent(
      deps,
      octokit,
      { name: action.eventName, payload, repository: action.repository, runId: action.runId },
      {
        self: action.self,
        repairDays: settings.sweep.repairDays,
        retry: settings.retry,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        log: { warn: (_obj, msg) => out.info(`::warning title=Embark::${commandText(msg)}`) },
      },
    );
    options.onOutcome?.(outcome);
    out.info(describe(outcome));
    if (outcome.kind === 'swept' && outcome.report.failed.length > 0) {
      for (const f of outcome.report.failed) out.error(`::error title=Embark sweep::${commandText(`${f.epic}: ${f.error}`)}`);
      return 1;
    }
    return 0;
  } catch (error) {
    out.error(`::error title=Embark::${commandText(`${action.eventName} failed: ${(error as Error).message}`)}`);
    return 1;
  }
}

/**
 * What the handlers share, for one run: an in-process lock (the workflow's concurrency group runs
 * one event at a time) and no status page, hence no customer mail: nothing serves the page's
 * links in a workflow. Built here rather than by `create-deps.ts`, so a run (a fresh process per
 * event) never loads the mail transport.
 */
function actionDeps(now: () => Date): Deps {
  return {
    lock: createKeyedLock(),
    cache: new RepoSetupCache(),
    bundled: loadBundledTemplates(undefined, { lazy: true }),
    now,
    calendars: new WeakMap(),
    permissions: new Map(),
    statusPage: null,
    statusViews: new ViewCache(now),
    mail: null,
  };
}

function describe(outcome: ActionOutcome): string {
  if (outcome.kind === 'skipped') return `embark: skipped: ${outcome.reason}`;
  if (outcome.kind === 'swept') {
    const r = outcome.report;
    return `embark: swept ${r.onboardings} onboardings: ${r.posted} notices posted, ${r.repaired} repaired, ${r.failed.length} failed`;
  }
  return `embark: handled (${outcome.attempts} attempt${outcome.attempts > 1 ? 's' : ''}): ${JSON.stringify(outcome.outcome)?.slice(0, 500)}`;
}

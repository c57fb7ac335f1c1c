/**
 * The sweep: find open (and recently completed) onboardings, and for those with something due,
 * re-read under the onboarding's lock, post what is due and record it. Safe to run twice at once,
 * after downtime (one reminder, not a burst) or after a crash between posting and recording
 * (notices carry keys that are found on re-read).
 */
import { epicLabels, epicSearches, findEpics } from '../github/epic-search.js';
import type { Octokit } from '../github/octokit.js';
import { configOf, type RepoConfigs, readAccountConfigs, readConfigs } from '../github/repo-configs.js';
import { customerMailDue } from '../onboarding/customer-mail.js';
import { calendarFor } from '../onboarding/due.js';
import { itemReaderFor } from '../onboarding/items.js';
import type { OnboardingSnapshot } from '../onboarding/snapshot.js';
import { decodeState } from '../onboarding/state.js';
import { statusAction } from '../onboarding/status-action.js';
import { sweepActions, sweepDue } from '../onboarding/sweep.js';
import { deriveStages, progressDigest } from '../onboarding/view.js';
import { readDigest } from '../render/markers.js';
import type { MailRun } from './customer-mail.js';
import { type Deps, onboardingKey } from './deps.js';
import { applyWithMail, loadOnboarding } from './session.js';
import { refreshDashboards, type SweptOnboarding } from './sweep-dashboard.js';
import { type EpicRef, findUnstarted, repairAll } from './sweep-repair.js';

/** Check-ins are looked for this long after completion (the seeds' longest is 90 days). */
const CHECKIN_HORIZON_DAYS = 120;

export interface SweepReport {
  onboardings: number;
  due: number;
  posted: number;
  /** Customer mails sent. */
  mailed: number;
  /** Onboardings found unstarted, half-created or with a missing or stale status comment, and finished. */
  repaired: number;
  /** Onboardings whose sweep failed (kept going; the next sweep retries, and keys prevent repeats). */
  failed: { epic: string; error: string }[];
  /** What a repository's optional steps could not do (project sync: permission, missing field or option). */
  warnings: string[];
}

/** A cheap snapshot from the search results, enough to decide whether anything is due. */
function roughSnapshot(f: { owner: string; repo: string; epic: number; stages: { number: number; body: string; state: 'open' | 'closed' }[] }, stageKeys: Map<number, string>): OnboardingSnapshot {
  const issue = (n: number, body: string, state: 'open' | 'closed') => ({
    number: n, nodeId: '', databaseId: 0, title: '', body, state, stateReason: null, createdAt: '', closedAt: null, assignees: [], labels: [],
  });
  return {
    repo: { owner: f.owner, name: f.repo, nodeId: '' },
    epic: issue(f.epic, '', 'open'),
    stageIssues: f.stages.filter((s) => stageKeys.has(s.number)).map((s) => ({ ...issue(s.number, s.body, s.state), stageKey: stageKeys.get(s.number)!, comments: [] })),
    otherSubIssues: [],
    statusComment: null,
    epicNotices: [],
  };
}

/** How far back the sweep looks for onboardings that never started, unless told (`EMBARK_REPAIR_DAYS`). */
export const DEFAULT_REPAIR_DAYS = 7;

/**
 * Sweep everything an installation can see under `account` (user or organisation login). Each
 * repository is swept with its own `.github/onboarding.yml`: EPICs are found by its EPIC label,
 * and what is due is decided with its reminders, escalation, check-ins and calendar.
 */
export async function sweepAccount(
  deps: Deps,
  octokit: Octokit,
  account: string,
  options: {
    repairDays?: number;
    log?: { warn(obj: object, msg: string): void };
    /** Sweep this one repository of the account only (the GitHub Action: its token reaches no other). */
    repo?: string;
  } = {},
): Promise<SweepReport> {
  const report: SweepReport = { onboardings: 0, due: 0, posted: 0, mailed: 0, repaired: 0, failed: [], warnings: [] };
  const now = deps.now();
  const configs: RepoConfigs = options.repo
    ? await readConfigs(octokit, [{ owner: account, repo: options.repo }])
    : ((await readAccountConfigs(octokit, account)) ?? new Map());
  const scope = options.repo ? `repo:${account}/${options.repo}` : `user:${account}`;
  for (const [repo, read] of configs) if (read.ok) report.warnings.push(...read.warnings.map((w) => `${repo}: ${w}`));
  // Open onboardings for reminders and escalations; recently completed ones for check-ins.
  const closedSince = new Date(now.getTime() - CHECKIN_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const searches = epicSearches(scope, epicLabels(usable(configs)), { closedSince });
  const candidates: EpicRef[] = [];
  const repairs: EpicRef[] = [];
  const swept: SweptOnboarding[] = [];
  for await (const page of findEpics(octokit, searches, configs)) {
    for (const f of page) {
      report.onboardings++;
      const state = f.statusBody ? decodeState(f.statusBody) : null;
      if (!state || f.duplicateStatus) {
        repairs.push(f); // status comment missing, edited by someone else, unreadable, or written twice
        if (state) swept.push({ found: f, state });
        continue;
      }
      swept.push({ found: f, state });
      const keys = new Map(state.stages.filter((s) => s.issue !== null).map((s) => [s.issue!, s.key]));
      const stages = deriveStages(roughSnapshot(f, keys), state, itemReaderFor(state, { scan: true }));
      if (readDigest(f.statusBody!) !== progressDigest(stages)) {
        repairs.push(f); // a tick or close was never processed: recompute, then decide reminders next sweep
        continue;
      }
      // The repository's own settings: the decision is made again under the lock from a fresh read.
      const config = configOf(configs, f.owner, f.repo);
      const calendar = calendarFor(config.calendar, deps.calendars);
      const due = sweepDue({ state, stages, config, calendar, now });
      const mail = deps.mail ? customerMailDue({ state, stages, config: config.customer, calendar, now }) : [];
      if (due.length > 0 || mail.length > 0) candidates.push(f);
    }
  }
  repairs.push(...(await findUnstarted(deps, octokit, { scope, now, days: options.repairDays ?? DEFAULT_REPAIR_DAYS, configs })));
  const repair = await repairAll(deps, octokit, repairs);
  report.repaired = repair.repaired;
  report.failed.push(...repair.failed);
  for (const c of candidates) {
    try {
      const one = await sweepOne(deps, octokit, c);
      if (one.posted > 0 || one.mailed > 0) report.due++;
      report.posted += one.posted;
      report.mailed += one.mailed;
      if (one.mailStopped) {
        const warning = `customer mail for ${c.owner}/${c.repo}#${c.epic} stopped: ${one.mailStopped.kind === 'misconfigured' ? 'the mail server refused Embark (check EMBARK_SMTP_URL and EMBARK_MAIL_FROM)' : 'the mail server did not answer; the next sweep tries again'}: ${one.mailStopped.reply}`;
        report.warnings.push(warning);
        options.log?.warn({ account, epic: c.epic }, warning);
      }
    } catch (error) {
      report.failed.push({ epic: `${c.owner}/${c.repo}#${c.epic}`, error: (error as Error).message });
    }
  }
  // Dashboards and project items are refreshed from the rows read above; when this sweep repaired
  // onboardings those rows are stale, so read the pages again (only then): the dashboard then
  // converges in the same sweep instead of changing again in the next one.
  const rows = repair.repaired > 0 ? await readSwept(octokit, searches, configs) : swept;
  const steps = await refreshDashboards(deps, octokit, rows);
  report.failed.push(...steps.failed);
  report.warnings.push(...steps.warnings);
  for (const w of steps.warnings) options.log?.warn({ account }, `project sync: ${w}`);
  return report;
}

function usable(configs: RepoConfigs) {
  return [...configs.values()].filter((r) => r.ok).map((r) => r.config);
}

/** The onboardings with a readable state on the pages of `searches`. */
async function readSwept(octokit: Octokit, searches: Parameters<typeof findEpics>[1], configs: RepoConfigs): Promise<SweptOnboarding[]> {
  const out: SweptOnboarding[] = [];
  for await (const page of findEpics(octokit, searches, configs)) {
    for (const f of page) {
      const state = f.statusBody ? decodeState(f.statusBody) : null;
      if (state) out.push({ found: f, state });
    }
  }
  return out;
}

/** Re-read one onboarding under its lock and post what is due; returns how many comments. */
export async function sweepOne(deps: Deps, octokit: Octokit, ref: { owner: string; repo: string; epic: number }): Promise<SweptOne> {
  return deps.lock.run(onboardingKey(ref.owner, ref.repo, ref.epic), async () => {
    const loaded = await loadOnboarding(deps, octokit, ref);
    if (!loaded?.state || !loaded.trusted) return { posted: 0, mailed: 0, mailStopped: null };
    const now = deps.now();
    const state = structuredClone(loaded.state);
    const calendar = calendarFor(loaded.config.calendar, deps.calendars);
    const stages = deriveStages(loaded.snapshot, state, itemReaderFor(state));
    const due = sweepDue({ state, stages, config: loaded.config, calendar, now });
    const mailDue = deps.mail ? customerMailDue({ state, stages, config: loaded.config.customer, calendar, now }) : [];
    if (due.length === 0 && mailDue.length === 0) return { posted: 0, mailed: 0, mailStopped: null };
    const actions = sweepActions({ due, state, stages, snapshot: loaded.snapshot, calendar, now });
    const applied = await applyWithMail(deps, octokit, ref, loaded, {
      state,
      stages,
      actions: [...actions, statusAction({ state, stages, snapshot: loaded.snapshot, calendar, now: now.toISOString() })],
      mails: [],
    });
    return {
      posted: actions.filter((a) => a.kind === 'comment').length,
      mailed: applied.mail?.outcome.sent.length ?? 0,
      mailStopped: applied.mail?.stopped ?? null,
    };
  });
}

/** What the sweep did for one onboarding. */
export interface SweptOne {
  /** Comments posted (reminders, escalations, check-ins). */
  posted: number;
  /** Customer mails sent. */
  mailed: number;
  /** Why customer mail stopped early (the server refused Embark, or was down), or null. */
  mailStopped: MailRun['stopped'];
}

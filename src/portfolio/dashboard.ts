/**
 * The portfolio as markdown (pure): the section Embark owns in a repository's "Onboarding
 * dashboard" issue, also printed by `embark report --markdown`. One table per status, the KPIs
 * (CSAT among them: scores and counts only, since everyone who can read the repository can read
 * the dashboard), and a Mermaid pie of the statuses. The text depends only on the rows and the local date, so a
 * sweep that finds nothing changed renders the same bytes and writes nothing.
 */
import { DASHBOARD_END, DASHBOARD_START } from '../render/dashboard-section.js';
import { escapeTableCell } from '../render/escape.js';
import type { PortfolioReport } from './report.js';
import { type OnboardingRow, type PortfolioStatus, STATUSES } from './row.js';
import { CSAT_TARGET_PERCENT, type CsatFigure, csatPercent, csatWords, meetsTarget } from './satisfaction.js';
import { versionLabel } from './versions.js';

/** Title and label of the dashboard issue (found by the label, never by the title). */
export const DASHBOARD_TITLE = 'Onboarding dashboard';
export const DASHBOARD_LABEL = 'onboarding-dashboard';


/** Rows shown per status table; the rest is counted (the issue body holds at most 65,536 characters). */
export const MAX_ROWS = 30;

const HEADINGS: Record<PortfolioStatus, string> = {
  active: 'Active',
  blocked: 'Blocked',
  overdue: 'Overdue',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export interface DashboardInput {
  report: Pick<PortfolioReport, 'onboardings' | 'kpis'>;
  /** Local date the figures are for (`YYYY-MM-DD`), shown so readers know how fresh they are. */
  today: string;
  /** When the active stage is due, by EPIC URL (the rows only carry the onboarding's due date). */
  stageDue?: Record<string, string | null>;
  now: Date;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const past = (iso: string | null, now: Date) => iso !== null && Date.parse(iso) < now.getTime();

function ownersCell(owners: Record<string, string[]>): string {
  const parts = Object.entries(owners).map(([role, people]) => `${role}: ${people.length > 0 ? people.join(', ') : '(nobody)'}`);
  return parts.length > 0 ? escapeTableCell(parts.join('; ')) : '–';
}

/** The due column: the onboarding's due date; when something is late, the date that passed, marked. */
function dueCell(row: OnboardingRow, stageDue: string | null, now: Date): string {
  if (row.status === 'completed') return `${day(row.dueAt)}${row.onTime === false ? ' (late)' : ''}`;
  if (row.status === 'cancelled') return '–';
  if (past(row.dueAt, now)) return `⚠️ **${day(row.dueAt)} overdue**`;
  const slip = (row.slipDays ?? 0) > 0 ? ` · forecast ${day(row.forecastAt)} (+${row.slipDays} business day${row.slipDays === 1 ? '' : 's'})` : '';
  if (past(stageDue, now)) return `${day(row.dueAt)} (⚠️ **stage due ${day(stageDue)}**)${slip}`;
  return `${day(row.dueAt)}${slip}`;
}

/** Slipping onboardings first, the most slipped on top; the rest keep the report's order. */
function slippingFirst(rows: OnboardingRow[]): OnboardingRow[] {
  const slip = (r: OnboardingRow) => (r.status === 'completed' || r.status === 'cancelled' ? 0 : Math.max(0, r.slipDays ?? 0));
  return rows.map((row, i) => ({ row, i })).sort((a, b) => slip(b.row) - slip(a.row) || a.i - b.i).map((e) => e.row);
}

function tableOf(rows: OnboardingRow[], input: DashboardInput): string[] {
  const lines = ['| Customer | Stage | Progress | Owners | Due | Business days open | Version |', '|---|---|---|---|---|---|---|'];
  for (const row of slippingFirst(rows).slice(0, MAX_ROWS)) {
    const customer = `[${escapeTableCell(row.customer, { maxLength: 80 })}](${row.url})`;
    const stage = row.stage ? escapeTableCell(`${row.stage.index} · ${row.stage.title}`, { maxLength: 80 }) : '–';
    const progress = `${row.progress.done}/${row.progress.total}`;
    const version = row.templateVersion ? escapeTableCell(row.templateVersion, { maxLength: 40 }) : '–';
    lines.push(`| ${customer} | ${stage} | ${progress} | ${ownersCell(row.owners)} | ${dueCell(row, input.stageDue?.[row.url] ?? null, input.now)} | ${row.businessDaysOpen} | ${version} |`);
  }
  if (rows.length > MAX_ROWS) lines.push('', `…and ${rows.length - MAX_ROWS} more (\`embark report\` lists them all).`);
  return lines;
}

/** The target column: met, below, or nothing to judge yet. */
function verdictOf(f: CsatFigure): string {
  const met = meetsTarget(f);
  return met === null ? '–' : met ? '✅ met' : '⚠️ below';
}

/** The CSAT KPI line: the figure against the seeds' target; "no answers yet" rather than a misleading 0 %. */
function csatLine(csat: PortfolioReport['kpis']['csat']): string {
  if (csat.answers === 0) return `- CSAT: no survey answers yet (target ${CSAT_TARGET_PERCENT}%)`;
  return `- CSAT: ${csatWords(csat)}; target ${CSAT_TARGET_PERCENT}%: ${verdictOf(csat)}`;
}

/** CSAT per template, once there is any answer (before that the KPI line says it all). */
function csatTable(csat: PortfolioReport['kpis']['csat']): string[] {
  if (csat.answers === 0) return [];
  const lines = ['### CSAT by template', '', `| Template | CSAT | Answers scoring 4 or 5 | Target ${CSAT_TARGET_PERCENT}% |`, '|---|---|---|---|'];
  for (const t of csat.byTemplate) {
    lines.push(`| ${escapeTableCell(t.template, { maxLength: 80 })} | ${csatPercent(t) ?? 'no answers yet'} | ${t.satisfied} of ${t.answers} | ${verdictOf(t)} |`);
  }
  return [...lines, ''];
}

/** Onboardings per template version: which still run an older checklist (`/upgrade` brings them up). */
function versionsTable(versions: PortfolioReport['kpis']['templateVersions']): string[] {
  if (versions.length === 0) return [];
  const lines = ['### Template versions', '', '| Template | Version | Onboardings | Open |', '|---|---|---|---|'];
  for (const v of versions) {
    lines.push(`| ${escapeTableCell(v.template, { maxLength: 80 })} | ${escapeTableCell(versionLabel(v.version, v.fingerprint), { maxLength: 60 })} | ${v.onboardings} | ${v.open} |`);
  }
  return [...lines, ''];
}

function pie(kpis: PortfolioReport['kpis']): string[] {
  const slices = STATUSES.filter((s) => kpis[s] > 0).map((s) => `    "${HEADINGS[s]}" : ${kpis[s]}`);
  if (slices.length === 0) return [];
  return ['```mermaid', 'pie showData', '    title Onboardings by status', ...slices, '```'];
}

/** The markdown of the portfolio, without markers (for `embark report --markdown`). */
export function renderPortfolioMarkdown(input: DashboardInput): string {
  const { onboardings, kpis } = input.report;
  const lines: string[] = ['## Onboardings', ''];
  lines.push(`**${STATUSES.map((s) => `${kpis[s]} ${s}`).join(' · ')}** (as of ${input.today})`, '');
  lines.push(
    `- On time: ${percent(kpis.onTimeRate)} (cancelled onboardings not counted)`,
    `- Median business days to complete: ${kpis.medianBusinessDaysToComplete ?? '–'}`,
    `- Business days blocked, all onboardings: ${kpis.businessDaysBlocked}`,
    csatLine(kpis.csat),
    '',
  );
  for (const status of STATUSES) {
    const rows = onboardings.filter((r) => r.status === status);
    if (rows.length === 0) continue;
    lines.push(`### ${HEADINGS[status]} (${rows.length})`, '', ...tableOf(rows, input), '');
  }
  if (kpis.stageCycle.length > 0) {
    lines.push('### Stage cycle time', '', '| Stage | Median business days | Stages |', '|---|---|---|');
    for (const c of kpis.stageCycle) lines.push(`| ${escapeTableCell(c.stage, { maxLength: 80 })} | ${c.medianBusinessDays} | ${c.n} |`);
    lines.push('');
  }
  lines.push(...csatTable(kpis.csat));
  lines.push(...versionsTable(kpis.templateVersions));
  lines.push(...pie(kpis));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Embark's marked section of the dashboard issue. */
export function renderDashboardSection(input: DashboardInput): string {
  const note = '_Kept by Embark: the sweep rewrites everything between the hidden markers. Write your own notes above or below._';
  return `${DASHBOARD_START}\n${note}\n\n${renderPortfolioMarkdown(input)}${DASHBOARD_END}`;
}

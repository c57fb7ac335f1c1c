/**
 * `embark report` as text for people (an aligned table and the KPIs) and as CSV for spreadsheets
 * (one line per onboarding, the same fields as the JSON). Pure.
 */
import { stringify } from 'csv-stringify/sync';
import type { PortfolioReport } from './report.js';
import { type OnboardingRow, STATUSES } from './row.js';
import { CSAT_TARGET_PERCENT, csatWords, meetsTarget } from './satisfaction.js';
import { versionLabel } from './versions.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');
const owners = (o: Record<string, string[]>) =>
  Object.entries(o)
    .map(([role, people]) => `${role}: ${people.join(' ') || '-'}`)
    .join('; ');

const CSV_COLUMNS = [
  'repo', 'epic', 'url', 'customer', 'template', 'templateVersion', 'status', 'stageIndex', 'stageTitle', 'done', 'total',
  'owners', 'startedAt', 'dueAt', 'completedAt', 'onTime', 'businessDaysOpen', 'businessDaysBlocked',
  // Added later: new columns go at the end, so spreadsheets reading columns by position keep working.
  'surveyAnswers', 'surveySatisfied', 'surveyAverageScore', 'surveyLatestScore', 'surveyLatestCheckin',
  'forecastAt', 'slipDays',
  'templateFingerprint',
] as const;

function csvRecord(r: OnboardingRow): (string | number)[] {
  return [
    r.repo, r.epic, r.url, r.customer, r.template, r.templateVersion ?? '', r.status, r.stage?.index ?? '', r.stage?.title ?? '',
    r.progress.done, r.progress.total, owners(r.owners), r.startedAt, r.dueAt ?? '', r.completedAt ?? '',
    r.onTime === null ? '' : String(r.onTime), r.businessDaysOpen, r.businessDaysBlocked,
    r.survey.answers, r.survey.satisfied, r.survey.averageScore ?? '', r.survey.latestScore ?? '', r.survey.latestCheckin ?? '',
    r.forecastAt ?? '', r.slipDays ?? '',
    r.templateFingerprint ?? '',
  ];
}

/** One header line and one line per onboarding (RFC 4180 quoting). */
export function reportCsv(report: PortfolioReport): string {
  return stringify([[...CSV_COLUMNS], ...report.onboardings.map(csvRecord)]);
}

/** Columns padded to their widest cell; long text is cut so a line stays readable. */
function align(rows: string[][]): string {
  const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  const cells = rows.map((r) => r.map(cut));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The default output: the onboardings as a table, then the KPIs. */
export function reportTable(report: PortfolioReport): string {
  const k = report.kpis;
  const lines: string[] = [];
  if (report.onboardings.length === 0) lines.push('No onboardings found.');
  else {
    const head = ['STATUS', 'REPO', 'EPIC', 'CUSTOMER', 'STAGE', 'DONE', 'OWNERS', 'DUE', 'ON TIME', 'DAYS OPEN', 'VERSION'];
    const body = report.onboardings.map((r) => [
      r.status, r.repo, `#${r.epic}`, r.customer, r.stage ? `${r.stage.index} ${r.stage.title}` : '-', `${r.progress.done}/${r.progress.total}`,
      owners(r.owners) || '-', day(r.dueAt), r.onTime === null ? '-' : r.onTime ? 'yes' : 'no', String(r.businessDaysOpen), r.templateVersion ?? '-',
    ]);
    lines.push(align([head, ...body]));
  }
  lines.push(
    '',
    STATUSES.map((s) => `${s} ${k[s]}`).join(', '),
    `on time: ${k.onTimeRate === null ? '-' : `${Math.round(k.onTimeRate * 100)}%`} (cancelled not counted)`,
    `median business days to complete: ${k.medianBusinessDaysToComplete ?? '-'}`,
    `business days blocked: ${k.businessDaysBlocked}`,
  );
  for (const c of k.stageCycle) lines.push(`stage "${c.stage}": median ${c.medianBusinessDays} business days over ${c.n}`);
  const verdict = meetsTarget(k.csat);
  lines.push(`CSAT: ${csatWords(k.csat)}; target ${CSAT_TARGET_PERCENT}%${verdict === null ? '' : verdict ? ', met' : ', not met'}`);
  if (k.csat.answers > 0) for (const t of k.csat.byTemplate) lines.push(`CSAT "${t.template}": ${csatWords(t)}`);
  for (const v of k.templateVersions) {
    lines.push(`template "${v.template}" ${versionLabel(v.version, v.fingerprint)}: ${v.onboardings} onboarding${v.onboardings === 1 ? '' : 's'} (${v.open} open)`);
  }
  return `${lines.join('\n')}\n`;
}

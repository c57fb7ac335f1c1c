/**
 * CSAT in the report's outputs, from rows built the way `embark report` builds them: the CSV keeps
 * its old columns in their order and appends the survey ones, the table and the markdown (the
 * dashboard's text) show CSAT overall and per template against the 90 % target, "no answers yet"
 * rather than 0 %, and no survey comment or contact reaches any of them.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { renderDashboardSection, renderPortfolioMarkdown } from '../../src/portfolio/dashboard.js';
import { reportCsv, reportTable } from '../../src/portfolio/format.js';
import { buildReport, type PortfolioReport } from '../../src/portfolio/report.js';
import { onboardingEntry } from '../../src/portfolio/row.js';
import { calendarFrom, type OnboardingFacts, onboarding } from './support.js';

const NOW = new Date('2027-03-01T09:00:00Z');
const COMMENTS = ['Portal was slow, call dana@contoso.example', 'Loved the kickoff'];
const CONTACTS = ['c-0a1b2c3d', 'c-4e5f6a7b'];

/** A completed onboarding of `template` with these scores (each from its own contact, with a comment). */
function completed(epic: number, template: string, scores: number[]) {
  const facts: OnboardingFacts = {
    epic,
    customer: `Customer ${epic}`,
    startedAt: '2026-11-23T09:00:00Z',
    completedAt: '2026-11-30T09:00:00Z',
    stages: [{ title: 'Agreement', startedAt: '2026-11-23T09:00:00Z', completedAt: '2026-11-30T09:00:00Z' }],
    surveys: scores.map((score, i) => ({ contact: CONTACTS[i % 2]!, checkin: 30 * (i + 1), score, comment: COMMENTS[i % 2]!, at: `2027-01-${String(10 + i)}T10:00:00Z` })),
  };
  const { state, source } = onboarding(facts);
  return onboardingEntry({ source, state: { ...state, template: { ...state.template, name: template } }, calendar: calendarFrom(), now: NOW });
}

function reportOf(...entries: ReturnType<typeof completed>[]): PortfolioReport {
  return buildReport({ entries, now: NOW });
}

const markdown = (report: PortfolioReport) => renderPortfolioMarkdown({ report, today: '2027-03-01', now: NOW });

/** The CSV columns as they were before CSAT: a spreadsheet reading by position must still find them there. */
const OLD_COLUMNS = [
  'repo', 'epic', 'url', 'customer', 'template', 'templateVersion', 'status', 'stageIndex', 'stageTitle', 'done', 'total',
  'owners', 'startedAt', 'dueAt', 'completedAt', 'onTime', 'businessDaysOpen', 'businessDaysBlocked',
];

describe('CSV', () => {
  it('keeps the old columns in their order and appends the survey columns', () => {
    const rows: string[][] = parse(reportCsv(reportOf(completed(1, 'Premium', [5, 2, 4]), completed(2, 'Basic', []))));
    // The forecast columns came after CSAT, then the template fingerprint column, so it is last.
    expect(rows[0]).toEqual([...OLD_COLUMNS, 'surveyAnswers', 'surveySatisfied', 'surveyAverageScore', 'surveyLatestScore', 'surveyLatestCheckin', 'forecastAt', 'slipDays', 'templateFingerprint']);
    const byCustomer = Object.fromEntries(rows.slice(1).map((r) => [r[3], r]));
    expect(byCustomer['Customer 1']!.slice(OLD_COLUMNS.length, OLD_COLUMNS.length + 5)).toEqual(['3', '2', '3.7', '4', '90']);
    expect(byCustomer['Customer 2']!.slice(OLD_COLUMNS.length, OLD_COLUMNS.length + 5)).toEqual(['0', '0', '', '', '']);
    expect(byCustomer['Customer 1']!.slice(0, 5)).toEqual(['acme/onboarding', '1', 'https://github.com/acme/onboarding/issues/1', 'Customer 1', 'Premium']);
    expect(byCustomer['Customer 1']![OLD_COLUMNS.indexOf('businessDaysOpen')]).toBe('5');
  });
});

describe('table', () => {
  it('adds the CSAT line, its verdict, and one line per template', () => {
    const text = reportTable(reportOf(completed(1, 'Premium', [5, 4, 5]), completed(2, 'Basic', [3])));
    expect(text).toContain('\nCSAT: 75% (3 of 4 answers scored 4 or 5); target 90%, not met\n');
    expect(text).toContain('\nCSAT "Basic": 0% (0 of 1 answer scored 4 or 5)\nCSAT "Premium": 100% (3 of 3 answers scored 4 or 5)\n');
  });

  it('without answers: no answers yet, no verdict, no per-template lines', () => {
    const text = reportTable(reportOf(completed(1, 'Premium', [])));
    expect(text).toContain('\nCSAT: no answers yet; target 90%\n');
    expect(text).not.toContain('CSAT "');
  });
});

describe('markdown and the dashboard', () => {
  it('the CSAT KPI against the target, and a table per template (one without answers says so)', () => {
    const md = markdown(reportOf(completed(1, 'Premium', [5, 4, 5, 4, 5, 4, 5, 4, 5, 4]), completed(2, 'Basic', [2]), completed(3, 'Add|on', [])));
    expect(md).toContain('- Business days blocked, all onboardings: 0\n- CSAT: 90% (10 of 11 answers scored 4 or 5); target 90%: ✅ met\n');
    expect(md).toContain(
      [
        '### CSAT by template',
        '',
        '| Template | CSAT | Answers scoring 4 or 5 | Target 90% |',
        '|---|---|---|---|',
        '| Add\\|on | no answers yet | 0 of 0 | – |',
        '| Basic | 0% | 0 of 1 | ⚠️ below |',
        '| Premium | 100% | 10 of 10 | ✅ met |',
        '',
      ].join('\n'),
    );
  });

  it('below the target is marked', () => {
    expect(markdown(reportOf(completed(1, 'Premium', [5, 5, 5, 5, 5, 5, 5, 5, 3])))).toContain('- CSAT: 88% (8 of 9 answers scored 4 or 5); target 90%: ⚠️ below\n');
  });

  it('no answers yet: said so, never 0 %, and no per-template table', () => {
    const md = markdown(reportOf(completed(1, 'Premium', []), completed(2, 'Basic', [])));
    expect(md).toContain('- CSAT: no survey answers yet (target 90%)\n');
    expect(md).not.toMatch(/CSAT: \d+%/);
    expect(md).not.toContain('### CSAT by template');
  });

  it('no survey comment or contact in any output, the dashboard section included', () => {
    const report = reportOf(completed(1, 'Premium', [5, 1]), completed(2, 'Basic', [4, 4]));
    const outputs = [
      JSON.stringify(report),
      reportCsv(report),
      reportTable(report),
      renderDashboardSection({ report, today: '2027-03-01', now: NOW }),
    ];
    for (const text of outputs) {
      for (const secret of [...COMMENTS, ...CONTACTS, 'dana', 'contoso.example']) expect(text).not.toContain(secret);
    }
  });
});

/**
 * Customer satisfaction in the portfolio (pure): per onboarding, what its survey answers add up
 * to; over the report, CSAT (the share of answers scoring 4 or 5, from `customer/csat.ts`) overall
 * and per template, against the seeds' target of 90 %. Only scores and counts leave this module:
 * the dashboard is readable by everyone who can read the repository, so survey comments and who
 * answered are never carried into a row, the JSON, the CSV or the markdown.
 */
import { csat } from '../customer/csat.js';

/** The seeds' success metric: CSAT of at least 90 % (an integer, so the comparison is exact). */
export const CSAT_TARGET_PERCENT = 90;

/** One answer as the portfolio keeps it: the check-in day, the score and when; nothing else. */
export interface SurveyScore {
  checkin: number;
  score: number;
  at: string;
}

/** The survey answers of one onboarding, as its report row shows them. */
export interface SurveySummary {
  answers: number;
  /** Answers scoring 4 or 5. */
  satisfied: number;
  /** Mean score, one decimal; null without answers. */
  averageScore: number | null;
  /** The most recent answer's score and check-in day; null without answers. */
  latestScore: number | null;
  latestCheckin: number | null;
}

/** CSAT over some answers, as the report's KPIs show it. */
export interface CsatFigure {
  /** `satisfied / answers`, cut (not rounded) to 3 decimals so it never reads as meeting the target when it does not; null without answers. */
  rate: number | null;
  answers: number;
  satisfied: number;
}

/** `kpis.csat`: overall, the target, and per template (every template the report covers, answered or not). */
export interface CsatKpi extends CsatFigure {
  /** The target as a rate (0.9). */
  target: number;
  byTemplate: (CsatFigure & { template: string })[];
}

/** Only the fields the portfolio may show; the answer's contact and comment stay behind. */
export function surveyScores(surveys: readonly SurveyScore[] | undefined): SurveyScore[] {
  return (surveys ?? []).map(({ checkin, score, at }) => ({ checkin, score, at }));
}

const time = (iso: string) => Date.parse(iso) || 0;

/** What one onboarding's answers add up to. */
export function surveySummary(scores: readonly SurveyScore[]): SurveySummary {
  if (scores.length === 0) return { answers: 0, satisfied: 0, averageScore: null, latestScore: null, latestCheckin: null };
  // Newest answer by when it was given; two at the same time: the later check-in.
  const latest = [...scores].sort((a, b) => time(b.at) - time(a.at) || b.checkin - a.checkin)[0]!;
  const total = scores.reduce((n, s) => n + s.score, 0);
  return {
    answers: scores.length,
    satisfied: scores.filter((s) => s.score >= 4).length,
    averageScore: Math.round((total / scores.length) * 10) / 10,
    latestScore: latest.score,
    latestCheckin: latest.checkin,
  };
}

function figure(counts: { answers: number; satisfied: number }): CsatFigure {
  const { answers, satisfied } = counts;
  // Integer arithmetic before the cut: 899/1000 must stay 0.899, never become 0.9.
  return { rate: answers === 0 ? null : Math.floor((satisfied * 1000) / answers) / 1000, answers, satisfied };
}

/** CSAT over the onboardings of the report (the caller has already applied the report's filters). */
export function portfolioCsat(onboardings: readonly { template: string; surveys: readonly SurveyScore[] }[]): CsatKpi {
  const report = csat(onboardings);
  const templates = [...new Set(onboardings.map((o) => o.template))].sort((a, b) => a.localeCompare(b));
  return {
    ...figure(report.overall),
    target: CSAT_TARGET_PERCENT / 100,
    byTemplate: templates.map((template) => ({ template, ...figure(report.byTemplate[template] ?? { answers: 0, satisfied: 0 }) })),
  };
}

/** Whether a figure meets the target; null without answers (no verdict, never a failing 0 %). */
export function meetsTarget(f: Pick<CsatFigure, 'answers' | 'satisfied'>): boolean | null {
  return f.answers === 0 ? null : f.satisfied * 100 >= CSAT_TARGET_PERCENT * f.answers;
}

/** `92%`, cut down like the rate (89.9 % shows as 89 %, below a 90 % target); null without answers. */
export function csatPercent(f: Pick<CsatFigure, 'answers' | 'satisfied'>): string | null {
  return f.answers === 0 ? null : `${Math.floor((f.satisfied * 100) / f.answers)}%`;
}

/** `80% (4 of 5 answers scored 4 or 5)`, or `no answers yet`: the words the table and the markdown share. */
export function csatWords(f: Pick<CsatFigure, 'answers' | 'satisfied'>): string {
  const percent = csatPercent(f);
  if (percent === null) return 'no answers yet';
  return `${percent} (${f.satisfied} of ${f.answers} answer${f.answers === 1 ? '' : 's'} scored 4 or 5)`;
}

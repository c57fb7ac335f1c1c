/**
 * Customer satisfaction from survey answers: CSAT is the share of answers scoring 4 or 5 (the
 * usual definition: "satisfied" or "very satisfied" out of all answers), overall and per template.
 */

/** CSAT over a set of answers. */
export interface CsatFigure {
  answers: number;
  /** Answers scoring 4 or 5. */
  satisfied: number;
  /** `satisfied / answers` from 0 to 1; null when there are no answers. */
  csat: number | null;
}

/** CSAT overall and per template name. */
export interface CsatReport {
  overall: CsatFigure;
  byTemplate: Record<string, CsatFigure>;
}

const figure = (scores: readonly number[]): CsatFigure => {
  const satisfied = scores.filter((score) => score >= 4).length;
  return { answers: scores.length, satisfied, csat: scores.length === 0 ? null : satisfied / scores.length };
};

/** CSAT of these onboardings' answers; with `checkin`, only answers to that check-in's survey (90 for the 90-day mark). */
export function csat(
  onboardings: readonly { template: string; surveys?: readonly { score: number; checkin: number }[] | undefined }[],
  options: { checkin?: number } = {},
): CsatReport {
  const byTemplate = new Map<string, number[]>();
  for (const onboarding of onboardings) {
    const scores = (onboarding.surveys ?? []).filter((a) => options.checkin === undefined || a.checkin === options.checkin).map((a) => a.score);
    byTemplate.set(onboarding.template, [...(byTemplate.get(onboarding.template) ?? []), ...scores]);
  }
  const all = [...byTemplate.values()].flat();
  const templates = [...byTemplate].filter(([, scores]) => scores.length > 0).sort(([a], [b]) => a.localeCompare(b));
  return { overall: figure(all), byTemplate: Object.fromEntries(templates.map(([name, scores]) => [name, figure(scores)])) };
}

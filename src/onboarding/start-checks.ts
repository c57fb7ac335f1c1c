/**
 * Whether an onboarding may start (pure): everything that stops it, each as a sentence that says
 * what to fix, with file and line for templates. Nothing is created while any holds.
 */

import type { ConditionResult } from '../template/conditions.js';
import { MAX_STAGES } from '../template/index.js';
import type { Diagnostic, ParseResult } from '../template/model.js';

const PLACEHOLDER = /%customer%|\{\{\s*customer\s*\}\}/i;

function at(file: string, d: Diagnostic): string {
  return `\`${file}\` line ${d.line}, column ${d.column}: ${d.message}`;
}

export interface StartCheckInput {
  /** Errors of `.github/onboarding.yml` (empty when it is valid or absent). */
  configErrors: string[];
  /** The template's file and parse result. */
  template: { file: string; result: Pick<ParseResult, 'ok' | 'errors'> };
  /** The customer name the title gave. */
  customer: string;
  /** The EPIC body parsed with the template; null when the onboarding already started (state found). */
  body: (Pick<ParseResult, 'ok' | 'errors'> & { stages: number }) | null;
}

/** Why the onboarding cannot start; empty when it can. */
export function startProblems(input: StartCheckInput): string[] {
  const problems = input.configErrors.map((e) => `\`.github/onboarding.yml\` ${e}`);
  const { file, result } = input.template;
  if (!result.ok) problems.push(...result.errors.map((d) => at(file, d)));
  const customer = input.customer.trim();
  if (customer === '' || PLACEHOLDER.test(customer)) {
    problems.push('the title still holds the customer placeholder: put the customer name in the title (e.g. `[Onboarding] Contoso`).');
  }
  const body = input.body;
  if (problems.length > 0 || !body) return problems;
  if (!body.ok) problems.push(...body.errors.map((d) => `issue body line ${d.line}: ${d.message}`));
  else if (body.stages === 0) problems.push('the issue body has no stages left: keep the template\'s `### Stage N` headings with their `- [ ]` items.');
  else if (body.stages > MAX_STAGES) problems.push(`the body has ${body.stages} stages; GitHub allows at most ${MAX_STAGES} sub-issues per issue. Merge stages.`);
  return problems;
}

/**
 * What stops a start in the stages' `when:` conditions: a field a condition needs that is still
 * unfilled (or was deleted from the body), or a customer for whom no stage applies.
 */
export function conditionProblems(result: ConditionResult): string[] {
  const problems = result.unfilled.map(
    (name) => `the intake field \`${name}\` is not filled in, and the template decides which stages this customer gets from it: write its value in the issue body.`,
  );
  problems.push(
    ...result.unknown.map((name) => `the issue body has no intake field \`${name}\`, which the template decides stages by: add \`- ${name}: \\\`value\\\`\` to the body.`),
  );
  const keys = Object.keys(result.applies).filter((k) => !k.includes('.'));
  if (problems.length === 0 && keys.length > 0 && keys.every((k) => !result.applies[k])) {
    problems.push('no stage of the template applies to the intake fields as filled in: check their values against the template\'s `when:` settings.');
  }
  return problems;
}

/**
 * The shell around `/replan` (`onboarding/replan.ts`): the template and the EPIC's intake fields
 * it reads (the stage issues `/replan confirm` adds are created by `new-stages.ts`).
 */
import type { CommandContext } from '../onboarding/apply-command.js';
import { upgradeSourceFor } from '../onboarding/upgrade-command.js';
import { parseIssueBody } from '../template/index.js';
import type { Loaded } from './session.js';

/** The onboarding's template (by file, else name) and the intake fields of its EPIC now; null when the template is gone. */
export function variantsOf(loaded: Loaded): CommandContext['variants'] {
  const source = loaded.state ? upgradeSourceFor(loaded.setup.templates, loaded.state.template) : null;
  const template = source?.result.template;
  if (!template) return null;
  return { template, fields: parseIssueBody(loaded.snapshot.epic.body, template).template?.fields ?? [] };
}

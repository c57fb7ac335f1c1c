/**
 * One file of `.github/ISSUE_TEMPLATE`: a markdown template (`*.md`), or an issue form (`*.yml`)
 * whose settings come from the repository config's `forms:` entry. Shared by the app and the CLI
 * (`embark enroll`, `embark upgrade`), so both read a repository's templates the same way.
 */
import { isFormFile, parseForm } from './form.js';
import type { ParseResult } from './model.js';
import { parseTemplate } from './parse.js';
import { formSettings, shortName } from './select.js';

/** True for a file Embark reads as a template: `*.md`, or a form (`*.yml`, not GitHub's `config.yml`). */
export function isTemplateFile(name: string): boolean {
  return /\.md$/i.test(name) || isFormFile(name);
}

/** Parses a template file by its kind; `forms` is the config's `forms:` map. */
export function parseTemplateFile(file: string, text: string, forms: Record<string, unknown> = {}): ParseResult {
  return isFormFile(file) ? parseForm(text, { file, settings: formSettings(forms, file) }) : parseTemplate(text, { file });
}

/**
 * Whether a parsed file counts among the repository's templates. Every markdown template does (as
 * before). A form only when it has a stage or the config names it (in `forms:` or `templates:`):
 * the bug-report form beside the onboarding one is not an onboarding, and never gets a comment.
 */
export function countsAsTemplate(file: string, result: ParseResult, config: { forms: Record<string, unknown>; templates: readonly string[] }): boolean {
  if (!isFormFile(file)) return true;
  if ((result.template?.stages.length ?? 0) > 0) return true;
  if (formSettings(config.forms, file) !== undefined) return true;
  const names = new Set(config.templates.map((t) => t.toLowerCase()));
  return names.has(shortName(file).toLowerCase()) || names.has((file.split('/').pop() ?? '').toLowerCase());
}

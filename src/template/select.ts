/**
 * Which templates count as onboardings in a repository, and a template's short name: the one
 * place that turns `.github/ISSUE_TEMPLATE/msp.md` or `bundled:msp.md` into `msp`.
 */
import type { Template } from './model.js';

/** A template file's name without its folder, `bundled:` prefix or `.md`: what people type. */
export function shortName(file: string): string {
  return (file.split(/[/:]/).pop() ?? '').replace(/\.md$/i, '');
}

/** What selection needs of a template source (the repository's files and the bundled ones). */
export interface TemplateCandidate {
  file: string;
  result: { template: Template | null };
}

/**
 * The templates `wanted` names (config `templates`: file names with or without `.md`, paths or
 * template names, any case); every template when `wanted` is empty.
 */
export function onboardingTemplates<T extends TemplateCandidate>(templates: T[], wanted: readonly string[]): T[] {
  if (wanted.length === 0) return templates;
  const names = new Set(wanted.map((w) => w.toLowerCase()));
  return templates.filter((t) => {
    const file = t.file.split('/').pop()!.toLowerCase();
    return [file, shortName(t.file).toLowerCase(), t.file.toLowerCase(), (t.result.template?.name ?? '').toLowerCase()].some((n) => n !== '' && names.has(n));
  });
}

/**
 * Which templates count as onboardings in a repository, and a template's short name: the one
 * place that turns `.github/ISSUE_TEMPLATE/msp.md` or `bundled:msp.md` into `msp`.
 */
import type { Template } from './model.js';

/** A template file's name without its folder, `bundled:` prefix or `.md` (`.yml` for a form): what people type. */
export function shortName(file: string): string {
  return (file.split(/[/:]/).pop() ?? '').replace(/\.(?:md|ya?ml)$/i, '');
}

/** A form's entry in the config's `forms:` (by file name, with or without `.yml`, any case), or undefined. */
export function formSettings(forms: Record<string, unknown>, file: string): unknown {
  const name = (file.split('/').pop() ?? '').toLowerCase();
  const key = Object.keys(forms).find((k) => k.toLowerCase() === name || k.toLowerCase() === shortName(name));
  return key === undefined ? undefined : forms[key];
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

/** `Managed Services.md` -> `managed-services`: how template names compare when people type them. */
export function templateSlug(s: string): string {
  return s.toLowerCase().replace(/\.md$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The templates `wanted` names, as people type them in `/onboard`, `embark enroll --template`
 * or the start API: by file name, slug of its file or name, or part of its name.
 */
export function findTemplate<T extends TemplateCandidate>(templates: T[], wanted: string): T[] {
  const w = templateSlug(wanted);
  return templates.filter((t) => {
    const file = t.file.split(/[/:]/).pop() ?? '';
    const name = t.result.template?.name ?? '';
    return templateSlug(file) === w || templateSlug(name) === w || templateSlug(name).includes(w);
  });
}

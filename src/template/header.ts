/**
 * The front matter fields of a template: what GitHub reads (`name`, `about`, `title`, `labels`,
 * `assignees`, `type`) plus Embark's `version` and `onboarding:` settings.
 */
import { type Diagnostics, diagnostic } from './diagnostics.js';
import type { Template } from './model.js';
import { defaultTemplateSettings, type TemplateSettings, templateSettingsSchema } from './settings.js';
import { describeSettingsIssue } from './settings-errors.js';
import { hasPlaceholder, titlePrefixOf } from './title.js';
import { findKeyPoint, findKeyRow } from './yaml-lines.js';

/** The parts of a Template that come from front matter. */
export type TemplateHeader = Pick<
  Template,
  'name' | 'about' | 'version' | 'title' | 'titlePrefix' | 'labels' | 'assignees' | 'type' | 'settings'
>;

/** `v2023.04`, `v2022.1`, `v1.2.3` in `about`. */
const VERSION_IN_TEXT = /(?<![\w.])v\d+(?:\.\d+)+(?![\w.])/i;

/** What the header reader needs to know about the file. */
export interface HeaderSource {
  data: Record<string, unknown>;
  yamlLines: string[];
  hasFrontMatter: boolean;
  /** Front matter whose problem was already reported: don't pile "missing" errors on top. */
  unreadable: boolean;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** A list given as YAML list or as `a, b` text; empty entries dropped. */
function listOf(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const texts = parts.map(scalarText);
  if (texts.some((t) => t === null)) return null;
  return (texts as string[]).map((t) => t.trim()).filter((t) => t !== '');
}

function readVersion(data: Record<string, unknown>, about: string): string | null {
  const explicit = scalarText(data['version']);
  if (explicit) return explicit;
  return VERSION_IN_TEXT.exec(about)?.[0] ?? null;
}

/** Reads and checks the front matter fields; problems go to `diagnostics`. */
export function readHeader(source: HeaderSource, diagnostics: Diagnostics): TemplateHeader {
  const { data, yamlLines } = source;
  const lineOf = (path: ReadonlyArray<string | number>): number => (findKeyRow(yamlLines, path) ?? 0) + 1;
  // The column of the key (or list item) the path ends at, so editors put the cursor on it.
  const pointOf = (path: ReadonlyArray<string | number>) => findKeyPoint(yamlLines, path);
  const required = (key: 'name' | 'about', example: string): string => {
    const value = scalarText(data[key]);
    if (value) return value;
    if (source.unreadable || (!source.hasFrontMatter && key === 'about')) return '';
    const where = key in data ? lineOf([key]) : 1;
    const message = !source.hasFrontMatter
      ? 'The template has no front matter: start the file with `---`, `name: Customer onboarding`, `about: ...` and `---` lines (GitHub requires name and about).'
      : key in data
        ? `\`${key}\` must be non-empty text, e.g. \`${key}: ${example}\` (GitHub requires it).`
        : `\`${key}\` is missing from the front matter: add \`${key}: ${example}\` (GitHub requires it).`;
    diagnostics.errors.push(diagnostic(where, 1, message));
    return '';
  };
  const name = required('name', 'Customer onboarding');
  const about = required('about', 'v2024.01 onboarding checklist');
  const title = scalarText(data['title']) ?? '';
  if (!hasPlaceholder(title) && !source.unreadable) {
    diagnostics.warnings.push(
      diagnostic(
        'title' in data ? lineOf(['title']) : 1,
        1,
        'The title has no customer placeholder: add `%customer%`, e.g. `title: "[Onboarding] %customer%"`, so Embark can tell onboarding issues apart and name the customer.',
      ),
    );
  }
  const list = (key: 'labels' | 'assignees'): string[] => {
    const value = listOf(data[key]);
    if (value) return value;
    diagnostics.errors.push(diagnostic(lineOf([key]), 1, `\`${key}\` must be a list or comma-separated text, e.g. \`${key}: a, b\`.`));
    return [];
  };
  return {
    name,
    about,
    version: readVersion(data, about),
    title,
    titlePrefix: titlePrefixOf(title),
    labels: list('labels'),
    assignees: list('assignees').map((a) => a.replace(/^@/, '')),
    type: scalarText(data['type']) || null,
    settings: readSettings(data['onboarding'], pointOf, diagnostics),
  };
}

function readSettings(
  value: unknown,
  pointOf: (path: ReadonlyArray<string | number>) => { line: number; column: number },
  diagnostics: Diagnostics,
): TemplateSettings {
  if (value === undefined || value === null) return defaultTemplateSettings;
  const parsed = templateSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = ['onboarding', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const { line, column } = pointOf(path);
    diagnostics.errors.push(diagnostic(line, column, `\`${path.join('.')}\`: ${describeSettingsIssue(issue, value)}.`));
  }
  return defaultTemplateSettings;
}

/**
 * Issue titles: the `%customer%` / `{{ customer }}` placeholder, the fixed prefix that tells an
 * onboarding issue from others, and matching a title back to its template.
 */
import type { Template } from './model.js';

/** Any spacing or case: `%customer%`, `% Customer %`, `{{customer}}`, `{{ CUSTOMER }}`. */
const PLACEHOLDER = /%\s*customer\s*%|\{\{\s*customer\s*\}\}/gi;

/** True when `title` holds a customer placeholder. */
export function hasPlaceholder(title: string): boolean {
  return new RegExp(PLACEHOLDER.source, 'i').test(title);
}

/** The fixed text before the first placeholder, trimmed; null when the title has no fixed part. */
export function titlePrefixOf(title: string): string | null {
  const match = new RegExp(PLACEHOLDER.source, 'i').exec(title);
  if (!match) return null;
  const prefix = title.slice(0, match.index).replace(/\s+/g, ' ').trim();
  return prefix === '' ? null : prefix;
}

/** The fixed text after the last placeholder, trimmed. */
function titleSuffixOf(title: string): string {
  const parts = title.split(new RegExp(PLACEHOLDER.source, 'i'));
  return parts.length > 1 ? (parts.at(-1) ?? '').replace(/\s+/g, ' ').trim() : '';
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The template an issue title was opened from, and the customer it names: the title starts
 * with the template's `titlePrefix` (case-insensitive); the customer is the rest, trimmed, with
 * a fixed suffix removed. A placeholder left in the title means the customer is still `''`.
 * With several matching templates, the longest prefix wins.
 */
export function matchTitle(title: string, templates: Template[]): { template: Template; customer: string } | null {
  const wanted = squash(title);
  let best: { template: Template; customer: string } | null = null;
  for (const template of templates) {
    const prefix = template.titlePrefix;
    if (!prefix || !wanted.toLowerCase().startsWith(prefix.toLowerCase())) continue;
    if (best && (best.template.titlePrefix?.length ?? 0) >= prefix.length) continue;
    let customer = wanted.slice(prefix.length).trim();
    const suffix = titleSuffixOf(template.title);
    if (suffix && customer.toLowerCase().endsWith(suffix.toLowerCase()))
      customer = customer.slice(0, -suffix.length).trim();
    if (hasPlaceholder(customer) && customer.replace(new RegExp(PLACEHOLDER.source, 'gi'), '').trim() === '')
      customer = '';
    best = { template, customer };
  }
  return best;
}

/** The template's title with every placeholder replaced by `customer`; appended when there is none. */
export function renderTitle(template: Pick<Template, 'title'>, customer: string): string {
  const name = customer.trim();
  if (hasPlaceholder(template.title)) return template.title.replace(PLACEHOLDER, () => name).trim();
  return squash(`${template.title} ${name}`);
}

/**
 * Building a stage's items from its task entries: role, optional flag, stable id, links.
 */
import type { ListEntry } from '../checklist/list-items.js';
import { normaliseText } from '../checklist/normalise.js';
import { conditionOf } from './conditions.js';
import { type FootnoteIndex, footnoteLinks } from './footnotes.js';
import { idAllocator } from './ids.js';
import type { TemplateItem } from './model.js';
import { splitRetired } from './retired.js';
import { addRole, type RoleBook, resolveRole } from './roles.js';
import type { TemplateSettings } from './settings.js';

/** What building items needs besides the entries. */
export interface ItemContext {
  stageKey: string;
  /** Role that owns items without a role marker (`onboarding.stages[..].owner`). */
  owner: string | null;
  settings: TemplateSettings;
  roles: RoleBook;
  footnotes: FootnoteIndex;
  lineOffset: number;
}

const OPTIONAL_TEXT = /^optional\s*[:\-–]|^[[(]optional[\])]|\(optional\)\s*\.?$/i;

/** Does a fragment (case-insensitive) or id from the settings name this item? */
export function namesItem(fragment: string, text: string, id: string): boolean {
  return fragment === id || normaliseText(text).includes(normaliseText(fragment));
}

function isOptional(text: string, id: string, settings: TemplateSettings): boolean {
  if (OPTIONAL_TEXT.test(text.trim())) return true;
  return settings.optional.some((fragment) => namesItem(fragment, text, id));
}

/** The item's `when:`, from the first `onboarding.items` entry that names it. */
function itemCondition(text: string, id: string, settings: TemplateSettings) {
  const hit = Object.entries(settings.items).find(([fragment]) => namesItem(fragment, text, id));
  return hit ? { when: conditionOf(hit[1].when) } : {};
}

/** One TemplateItem per task entry, in document order. */
export function buildItems(
  entries: Array<ListEntry & { checked: boolean; checkboxOffset: number }>,
  context: ItemContext,
): TemplateItem[] {
  const nextId = idAllocator(context.stageKey);
  const owner = context.owner ? addRole(context.roles, context.owner) : null;
  return entries.map((entry) => {
    const resolved = resolveRole(entry.text, context.roles);
    // An item an upgrade marked as dropped from the template reads as itself, and never blocks.
    const { text, retired } = splitRetired(resolved.text);
    const id = nextId(text);
    return {
      id,
      text,
      role: resolved.role ?? owner,
      checked: entry.checked,
      optional: retired || isOptional(text, id, context.settings),
      line: entry.line + context.lineOffset,
      column: entry.column,
      checkboxOffset: entry.checkboxOffset,
      depth: entry.depth,
      links: footnoteLinks(entry.paragraph, context.footnotes),
      ...itemCondition(text, id, context.settings),
    };
  });
}

/**
 * Read the checklist items of a stage issue body as the core needs them: text, role, checked,
 * optional. Roles and optional markers use the spellings the template declared (kept in state),
 * so no template fetch is needed on every checkbox edit.
 */
export interface StageItem {
  /** Stable id within the stage (from the template engine). */
  id: string;
  /** 1-based position among the stage issue's items (what `/check 3` means). */
  position: number;
  text: string;
  role: string | null;
  checked: boolean;
  optional: boolean;
}

import { deepFreeze } from '../checklist/fresh-parse.js';
import { type MarkdownDoc, parseMarkdown } from '../checklist/mdast.js';
import { flipOrigin } from '../checklist/single-flip.js';
import { GITHUB_BODY_LIMIT, parseIssueBody } from '../template/index.js';
import type { Template, TemplateItem } from '../template/model.js';
import { scanIssueBodyItems } from '../template/scanned-items.js';
import { defaultTemplateSettings } from '../template/settings.js';
import type { StoredState } from './state.js';

/** A minimal template carrying just what item reading needs: role spellings and optional markers. */
function templateForItems(state: Pick<StoredState, 'roleAliases' | 'optional' | 'template'>): Template {
  return {
    name: state.template.name,
    about: '',
    version: state.template.version,
    title: '',
    titlePrefix: null,
    labels: [],
    assignees: [],
    type: null,
    settings: {
      ...defaultTemplateSettings,
      roles: Object.fromEntries(Object.entries(state.roleAliases).map(([r, aliases]) => [r, { aliases }])),
      optional: state.optional,
    },
    roles: Object.keys(state.roleAliases),
    fields: [],
    stages: [],
    footnotes: {},
  };
}

/** The items of one body under one onboarding's reading settings, with where each item's box is. */
interface ReadItems {
  items: readonly StageItem[];
  /** Index in the body of each item's checkbox character, item by item. */
  boxes: readonly number[];
}

/**
 * Items by parsed body, then by reading settings. Parses are shared by content (the checklist
 * parse cache), so keying on the parse shares items between every reader and every event, and
 * bounds this cache as that one is bounded: entries go when their parse is evicted.
 */
const itemsByDoc = new WeakMap<MarkdownDoc, Map<string, ReadItems>>();

/** How an item reader reads bodies. */
export interface ItemReaderOptions {
  /**
   * Read each body by the line scan (`checklist/scan.ts`) where it can, past the parse cache:
   * for readers of many bodies read once (the report, the dashboard, the sweep's search pages),
   * where a parse would cost milliseconds each and be evicted unused. Off for event handlers:
   * the diff and checkbox writes that follow a read need the parse anyway, and find it cached.
   */
  scan?: boolean;
}

/**
 * Build the item reader for one onboarding: body -> items, in document order, numbered from 1.
 * One tick reads every stage body, several times; each distinct body is read once per process.
 * Each call returns a fresh array of frozen items: callers may rearrange it, not change items.
 */
export function itemReaderFor(
  state: Pick<StoredState, 'roleAliases' | 'optional' | 'template'>,
  options: ItemReaderOptions = {},
): (body: string) => StageItem[] {
  const template = templateForItems(state);
  const settings = JSON.stringify([state.template.name, state.template.version, state.roleAliases, state.optional]);
  return (body) => {
    // Longer than GitHub allows: never a real issue body, so not worth a cache entry.
    if (body.length > GITHUB_BODY_LIMIT) return [...readItems(body, template).items];
    // Bodies as Embark wrote them (ticks and plain edits included) scan for a fraction of a
    // parse; the scan refuses (null) whatever it cannot be sure of, and that is parsed.
    const scanned = options.scan ? scanIssueBodyItems(body, template) : null;
    if (scanned) return [...itemsOf(scanned).items];
    const { doc } = parseMarkdown(body);
    if (!doc) return [...readItems(body, template).items];
    let bySettings = itemsByDoc.get(doc);
    if (!bySettings) {
      bySettings = new Map();
      itemsByDoc.set(doc, bySettings);
    }
    let read = bySettings.get(settings);
    if (!read) {
      read = afterOneBox(doc, settings) ?? readItems(body, template);
      bySettings.set(settings, read);
    }
    return [...read.items];
  };
}

/**
 * The items of a body whose parse was derived from another's by one box (a tick): the earlier
 * body's items with that item's `checked` changed. Nothing else about an item depends on its
 * box, and which tasks are items depends on headings, not boxes. Null when the earlier items
 * are not at hand.
 */
function afterOneBox(doc: MarkdownDoc, settings: string): ReadItems | null {
  const origin = flipOrigin(doc);
  const earlier = origin?.from.deref();
  const before = earlier ? itemsByDoc.get(earlier)?.get(settings) : undefined;
  if (!origin || !before) return null;
  const at = before.boxes.indexOf(origin.checkboxOffset);
  // A task outside every stage is not an item: the items are the same.
  if (at === -1) return before;
  const items = [...before.items];
  items[at] = Object.freeze({ ...items[at]!, checked: origin.checked });
  return { items: Object.freeze(items), boxes: before.boxes };
}

/** The items of `body` read afresh, past the item cache: what a cache miss computes. */
export function readStageItems(body: string, state: Pick<StoredState, 'roleAliases' | 'optional' | 'template'>): StageItem[] {
  return [...readItems(body, templateForItems(state)).items];
}

function readItems(body: string, template: Template): ReadItems {
  const parsed = parseIssueBody(body, template);
  return itemsOf((parsed.template?.stages ?? []).flatMap((s) => s.items));
}

function itemsOf(items: readonly TemplateItem[]): ReadItems {
  return deepFreeze({
    items: items.map((item, i) => ({
      id: item.id,
      position: i + 1,
      text: item.text,
      role: item.role,
      checked: item.checked,
      optional: item.optional,
    })),
    boxes: items.map((item) => item.checkboxOffset),
  });
}

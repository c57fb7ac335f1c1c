/**
 * One pass over mdast that finds every list item with what the rest of Embark needs from it:
 * its own text, its checkbox and where that checkbox sits in the source.
 */
import type { ListItem, Paragraph } from 'mdast';
import { deepFreeze } from './fresh-parse.js';
import { endOf, type MarkdownDoc, sourceOf, startOf, walk } from './mdast.js';
import { joinLines } from './normalise.js';

/** A list item as found in the source, task or not. */
export interface ListEntry {
  node: ListItem;
  /** The item's first paragraph, when it starts with one. */
  paragraph: Paragraph | null;
  /** `true`/`false` for a task item, null for a plain bullet. */
  checked: boolean | null;
  /**
   * A `- [ ]` with nothing after the box: GitHub renders a box, but there is nothing to do.
   * `checked` and `checkboxOffset` are set; `text` is empty.
   */
  emptyTask: boolean;
  /** The first paragraph's source text without the checkbox, lines joined, trimmed. */
  text: string;
  /** Index in the source of the state character inside `[ ]`, or null for a plain bullet. */
  checkboxOffset: number | null;
  /** 1-based line and column of the list marker. */
  line: number;
  column: number;
  /** 0 for a top-level item, 1 for an item nested under another item, ... */
  depth: number;
  inBlockquote: boolean;
  startOffset: number;
  endOffset: number;
}

const EMPTY_BOX = /^\[([ xX])\]$/;

/**
 * The state character of the `[ ]` between the item's marker and its content. remark-gfm moves
 * the paragraph's start past the box only when the paragraph opens with plain text; before
 * `**bold**` or a link it still starts at the `[`, so look there too.
 */
function findCheckbox(doc: MarkdownDoc, item: ListItem): number | null {
  const start = startOf(doc, item);
  const first = item.children[0];
  const end = first ? startOf(doc, first) : endOf(doc, item);
  const open = doc.source.slice(start, end).lastIndexOf('[');
  if (open !== -1) return start + open + 1;
  return /^\[[ xX]\]/.test(doc.source.slice(end, end + 3)) ? end + 1 : null;
}

function entryFor(doc: MarkdownDoc, node: ListItem, depth: number, inBlockquote: boolean): ListEntry {
  const first = node.children[0];
  const paragraph = first?.type === 'paragraph' ? first : null;
  const raw = paragraph ? joinLines(sourceOf(doc, paragraph), inBlockquote) : '';
  const base = {
    node,
    paragraph,
    depth,
    inBlockquote,
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    startOffset: startOf(doc, node),
    endOffset: endOf(doc, node),
  };
  if (typeof node.checked === 'boolean') {
    const box = findCheckbox(doc, node);
    const text =
      paragraph && box !== null && box >= startOf(doc, paragraph)
        ? joinLines(doc.source.slice(box + 2, endOf(doc, paragraph)), inBlockquote)
        : raw;
    return { ...base, checked: node.checked, emptyTask: false, text, checkboxOffset: box };
  }
  // remark-gfm only makes a task item when text follows the box; `- [ ]` alone stays a bullet.
  const empty = EMPTY_BOX.exec(raw);
  if (empty && paragraph) {
    const box = startOf(doc, paragraph) + doc.source.slice(startOf(doc, paragraph)).indexOf('[') + 1;
    return { ...base, checked: empty[1] !== ' ', emptyTask: true, text: '', checkboxOffset: box };
  }
  return { ...base, checked: null, emptyTask: false, text: raw, checkboxOffset: null };
}

/** The entries of each parsed document: documents are shared and frozen, so are their entries. */
const entriesByDoc = new WeakMap<MarkdownDoc, readonly ListEntry[]>();

/**
 * Every list item in document order (never those in code blocks or HTML comments: those are not
 * list items). Computed once per document and frozen: never mutate the entries.
 */
export function collectListItems(doc: MarkdownDoc): readonly ListEntry[] {
  const known = entriesByDoc.get(doc);
  if (known) return known;
  const entries: ListEntry[] = [];
  walk(doc.root, (node, context) => {
    if (node.type === 'listItem') entries.push(entryFor(doc, node, context.listDepth, context.inBlockquote));
    return undefined;
  });
  return rememberListItems(doc, entries);
}

/** Records `entries` as the list items of `doc` (for a parse derived without walking the tree). */
export function rememberListItems(doc: MarkdownDoc, entries: ListEntry[]): readonly ListEntry[] {
  const frozen = deepFreeze(entries);
  entriesByDoc.set(doc, frozen);
  return frozen;
}

/** True for an entry that is a real task: a checkbox with text after it. */
export function isTask(entry: ListEntry): entry is ListEntry & { checked: boolean; checkboxOffset: number } {
  return entry.checked !== null && entry.checkboxOffset !== null && !entry.emptyTask;
}

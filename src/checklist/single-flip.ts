/**
 * The common edit without a parse: someone ticks one box. `issues.edited` carries the old body
 * and the new one; when they differ in exactly one character, inside the `[ ]` of a task the old
 * body's parse knows, the new parse is the old one with that task's `checked` changed. Offsets,
 * lines and text are the same: the box's character is its own token, never part of a text node.
 * Anything else is left to a full parse. `test/checklist/single-flip.property.test.ts` checks
 * that a derived parse equals the full parse of the same body.
 */
import type { ListItem, Nodes, Parent } from 'mdast';
import { collectListItems, isTask, type ListEntry, rememberListItems } from './list-items.js';
import { endOf, type MarkdownDoc, startOf } from './mdast.js';
import { type ParseCache, sharedParseCache } from './parse-cache.js';

const BOX_STATES = ' xX';

/** The index of the one character where `before` and `after` differ; -1 for none or more than one. */
export function singleDifference(before: string, after: string): number {
  if (before.length !== after.length) return -1;
  let at = 0;
  while (at < before.length && before.charCodeAt(at) === after.charCodeAt(at)) at++;
  if (at === before.length) return -1;
  // Comparing the tails as strings is far faster than a character loop.
  return before.endsWith(after.slice(at + 1)) ? at : -1;
}

/** The chain from `root` down to `target` (both included), or null when it is not in the tree. */
function pathTo(doc: MarkdownDoc, target: ListItem): Nodes[] | null {
  const offset = startOf(doc, target);
  const stack: Nodes[][] = [[doc.root]];
  while (stack.length > 0) {
    const path = stack.pop()!;
    const node = path.at(-1)!;
    if (node === target) return path;
    if (!('children' in node)) continue;
    // Only nodes that span the target's start can hold it; ties (a list and its first item) are all tried.
    for (const child of node.children as Nodes[]) {
      if (startOf(doc, child) <= offset && endOf(doc, child) > offset) stack.push([...path, child]);
    }
  }
  return null;
}

/** Copies the nodes on `path` with `replacement` in place of its last node; everything else is shared. */
function replaceOnPath(path: Nodes[], replacement: Nodes): Map<Nodes, Nodes> {
  const copies = new Map<Nodes, Nodes>([[path.at(-1)!, replacement]]);
  let child = path.at(-1)!;
  let copy = replacement;
  for (let i = path.length - 2; i >= 0; i--) {
    const parent = path[i] as Parent;
    const children = parent.children.map((c) => (c === child ? copy : c));
    const parentCopy = Object.freeze({ ...parent, children: Object.freeze(children) }) as unknown as Nodes;
    copies.set(parent as Nodes, parentCopy);
    child = parent as Nodes;
    copy = parentCopy;
  }
  return copies;
}

/** Where a derived parse came from: the parse it was derived from, and the one box that differs. */
export interface FlipOrigin {
  /** Held weakly: a chain of ticks must not keep every earlier body alive. */
  from: WeakRef<MarkdownDoc>;
  checkboxOffset: number;
  checked: boolean;
}

const origins = new WeakMap<MarkdownDoc, FlipOrigin>();

/**
 * How `doc` was derived by `deriveSingleFlip`, so that readers who keep their own results per
 * parse (the stage item reader) can derive theirs the same way; undefined for a full parse.
 */
export function flipOrigin(doc: MarkdownDoc): FlipOrigin | undefined {
  return origins.get(doc);
}

/**
 * The parse of `after`, derived from the parse of `before` when `after` only changes the state
 * character of one of its tasks' boxes (` ` and `x`/`X`); null for any other edit.
 */
export function deriveSingleFlip(before: MarkdownDoc, after: string): MarkdownDoc | null {
  const at = singleDifference(before.source, after);
  if (at === -1 || !BOX_STATES.includes(before.source[at]!) || !BOX_STATES.includes(after[at]!)) return null;
  const entries = collectListItems(before);
  const flipped = entries.find((e) => isTask(e) && e.checkboxOffset === at);
  if (!flipped) return null;
  const path = pathTo(before, flipped.node);
  if (!path) return null;
  const checked = after[at] !== ' ';
  const copies = replaceOnPath(path, Object.freeze({ ...flipped.node, checked }));
  const doc: MarkdownDoc = Object.freeze({ source: after, root: copies.get(before.root) as MarkdownDoc['root'], shift: before.shift });
  const derived = entries.map((entry): ListEntry => {
    const node = copies.get(entry.node) as ListItem | undefined;
    if (!node) return entry;
    return entry === flipped ? { ...entry, node, checked } : { ...entry, node };
  });
  rememberListItems(doc, derived);
  origins.set(doc, { from: new WeakRef(before), checkboxOffset: at, checked });
  return doc;
}

/**
 * Makes the parse of `after` available in `cache` without parsing it when it is a one-box edit
 * of `before` (parsing `before` if need be: callers read both). True when `after` is cached
 * afterwards, whether derived here or already there.
 */
export function seedSingleFlip(before: string, after: string, cache: ParseCache = sharedParseCache): boolean {
  if (cache.peek(after)) return true;
  if (singleDifference(before, after) === -1) return false;
  const { doc } = cache.parse(before);
  const derived = doc ? deriveSingleFlip(doc, after) : null;
  if (!derived) return false;
  cache.seed(after, { doc: derived, problem: null });
  return true;
}

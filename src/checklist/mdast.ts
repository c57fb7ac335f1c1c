/**
 * Parse markdown to mdast once per distinct body (remark + remark-gfm, cached by content), with
 * helpers that turn node positions into offsets of the string the caller passed in. Shared by
 * `checklist/` and `template/`.
 */
import type { Nodes, Root } from 'mdast';
import type { MarkdownDoc, ParseMarkdownResult } from './fresh-parse.js';
import { sharedParseCache } from './parse-cache.js';

export type { MarkdownDoc, ParseMarkdownResult } from './fresh-parse.js';

/**
 * Parses `source` into mdast, through the shared parse cache: a body any reader has seen is not
 * parsed again. The result is frozen and shared: never mutate it. Never throws: text whose
 * shape would make parsing slow, or that the parser cannot handle, comes back as a `problem`.
 */
export function parseMarkdown(source: string): ParseMarkdownResult {
  return sharedParseCache.parse(source);
}

/** Index in `doc.source` where `node` starts. */
export function startOf(doc: MarkdownDoc, node: Nodes): number {
  return (node.position?.start.offset ?? 0) + doc.shift;
}

/** Index in `doc.source` just after `node` ends. */
export function endOf(doc: MarkdownDoc, node: Nodes): number {
  return (node.position?.end.offset ?? 0) + doc.shift;
}

/** The source text of `node`, exactly as written. */
export function sourceOf(doc: MarkdownDoc, node: Nodes): string {
  return doc.source.slice(startOf(doc, node), endOf(doc, node));
}

/** Where a node sits while walking: how many list items and block quotes enclose it. */
export interface WalkContext {
  parent: Nodes | null;
  /** Enclosing list items (0 for a top-level list item itself). */
  listDepth: number;
  inBlockquote: boolean;
}

/**
 * Visits every node in document order without recursion (deep nesting must not overflow the
 * stack). Return `false` from the visitor to skip a node's children.
 */
export function walk(root: Root, visit: (node: Nodes, context: WalkContext) => boolean | undefined): void {
  const stack: Array<{ node: Nodes; context: WalkContext }> = [
    { node: root, context: { parent: null, listDepth: 0, inBlockquote: false } },
  ];
  while (stack.length > 0) {
    const { node, context } = stack.pop()!;
    if (visit(node, context) === false || !('children' in node)) continue;
    const childContext: WalkContext = {
      parent: node,
      listDepth: context.listDepth + (node.type === 'listItem' ? 1 : 0),
      inBlockquote: context.inBlockquote || node.type === 'blockquote',
    };
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, context: childContext });
  }
}

/** Plain text of a node (what a reader sees), without markup. */
export function textOf(node: Nodes): string {
  let text = '';
  walk({ type: 'root', children: [node as Root['children'][number]] }, (child) => {
    if (child.type === 'text' || child.type === 'inlineCode') text += child.value;
    return undefined;
  });
  return text;
}

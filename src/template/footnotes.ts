/**
 * Footnotes: MSP templates link their tools as `` `Portal`[^5] `` with `[^5]: [Portal](https://...)`
 * at the end. We resolve each definition to its link, and warn about references with no
 * definition (remark leaves those as plain text) and definitions nobody references.
 */
import type { FootnoteDefinition, Nodes } from 'mdast';
import { type MarkdownDoc, sourceOf, textOf, walk } from '../checklist/mdast.js';
import { type Diagnostics, diagnostic } from './diagnostics.js';

/** Footnote definitions: markdown by label, and URL by identifier. */
export interface FootnoteIndex {
  /** Label as written -> the definition's markdown after `[^label]: `. */
  byLabel: Record<string, string>;
  /** Identifier (case-folded, as mdast normalises it) -> URL. */
  byIdentifier: Map<string, string>;
}

function urlOf(definition: FootnoteDefinition): string {
  let url: string | null = null;
  walk({ type: 'root', children: definition.children }, (node) => {
    if (url === null && node.type === 'link') url = node.url;
    return undefined;
  });
  return url ?? textOf(definition).trim();
}

const UNDEFINED_REFERENCE = /\[\^([^\]\s]+)\]/g;

/** Reads footnote definitions and checks references across the body. */
export function readFootnotes(doc: MarkdownDoc, lineOffset: number, diagnostics: Diagnostics): FootnoteIndex {
  const index: FootnoteIndex = { byLabel: {}, byIdentifier: new Map() };
  const definitions: FootnoteDefinition[] = [];
  const referenced = new Set<string>();
  walk(doc.root, (node: Nodes) => {
    if (node.type === 'footnoteDefinition') definitions.push(node);
    else if (node.type === 'footnoteReference') referenced.add(node.identifier);
    else if (node.type === 'text') {
      for (const match of node.value.matchAll(UNDEFINED_REFERENCE)) {
        const before = node.value.slice(0, match.index);
        const rows = before.split('\n');
        const start = node.position?.start;
        const line = (start?.line ?? 1) + rows.length - 1 + lineOffset;
        const column = rows.length > 1 ? (rows.at(-1)?.length ?? 0) + 1 : (start?.column ?? 1) + before.length;
        diagnostics.warnings.push(
          diagnostic(
            line,
            column,
            `The footnote \`[^${match[1]}]\` is never defined, so it links nowhere: add a line \`[^${match[1]}]: [Title](https://...)\` at the end, or remove the reference.`,
          ),
        );
      }
    }
    return undefined;
  });
  for (const definition of definitions) {
    const url = urlOf(definition);
    index.byLabel[definition.label ?? definition.identifier] = sourceOf(doc, definition)
      .replace(/^\[\^[^\]]*\]:[ \t]*/, '')
      .trim();
    index.byIdentifier.set(definition.identifier, url);
    if (!referenced.has(definition.identifier)) {
      diagnostics.warnings.push(
        diagnostic(
          (definition.position?.start.line ?? 1) + lineOffset,
          1,
          `The footnote \`[^${definition.label ?? definition.identifier}]\` is defined but never referenced: use it in an item or remove it.`,
        ),
      );
    }
  }
  return index;
}

/** The resolved URLs of the footnotes referenced inside `node`, in order, without repeats. */
export function footnoteLinks(node: Nodes | null, index: FootnoteIndex): string[] {
  if (!node) return [];
  const links: string[] = [];
  walk({ type: 'root', children: [node as never] }, (child) => {
    if (child.type === 'footnoteReference') {
      const url = index.byIdentifier.get(child.identifier);
      if (url && !links.includes(url)) links.push(url);
    }
    return undefined;
  });
  return links;
}

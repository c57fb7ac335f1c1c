/**
 * The one place that runs the markdown parser (remark + remark-gfm). Everything else reads
 * parses through the shared cache (`parse-cache.ts`), so the result is frozen: one reader
 * must not be able to change the tree another reader is handed.
 */
import type { Root } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { type ComplexityProblem, findComplexityProblem } from './complexity.js';

/** A frozen processor holds no per-call state; freezing it once avoids re-building it per parse. */
const processor = remark().use(remarkGfm).freeze();

const BOM = '\uFEFF';

/** A parsed markdown document and the source it came from. Shared and frozen: never mutate. */
export interface MarkdownDoc {
  /** The string as the caller passed it (BOM included). */
  source: string;
  root: Root;
  /**
   * micromark drops a leading byte-order mark and counts offsets from after it; add `shift`
   * to a node offset to get an index into `source`.
   */
  shift: number;
}

export type ParseMarkdownResult = { doc: MarkdownDoc; problem: null } | { doc: null; problem: ComplexityProblem };

/**
 * Freezes `value` and everything reachable from it, without recursion (deep trees must not
 * overflow the stack). Already frozen objects are shared subtrees and are not walked again.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const key in item) stack.push((item as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Parses `source` into frozen mdast, bypassing the cache: what a cache miss costs. Never
 * throws: text whose shape would make parsing slow, or that the parser cannot handle, comes
 * back as a `problem` instead of a document.
 */
export function parseMarkdownFresh(source: string): ParseMarkdownResult {
  const found = findComplexityProblem(source);
  if (found) return deepFreeze({ doc: null, problem: found });
  const shift = source.startsWith(BOM) ? 1 : 0;
  try {
    const root = processor.parse(shift ? source.slice(shift) : source);
    return deepFreeze({ doc: { source, root, shift }, problem: null });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem = { line: 1, column: 1, message: `The markdown could not be parsed (${reason}); simplify its nesting.` };
    return deepFreeze({ doc: null, problem });
  }
}

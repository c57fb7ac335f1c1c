/** Reading the task items of an issue body. */
import { collectListItems, isTask } from './list-items.js';
import { parseMarkdown } from './mdast.js';

/** One task-list item of a body, in document order. */
export interface Task {
  /** 0-based position among the body's tasks. */
  index: number;
  /** The item's own first-paragraph text as written, without the checkbox (role markers kept). */
  text: string;
  checked: boolean;
  /** Index in the body of the state character inside `[ ]`. */
  checkboxOffset: number;
  /** 1-based line of the list marker. */
  line: number;
  /** 0 for a top-level item, 1 for an item nested under another, ... */
  depth: number;
}

/**
 * The task items of `markdown` in document order. Items in code blocks and HTML comments and
 * `- [ ]` with no text are not tasks. A body too convoluted to parse safely has no tasks.
 */
export function readTasks(markdown: string): Task[] {
  const { doc } = parseMarkdown(markdown);
  if (!doc) return [];
  return collectListItems(doc)
    .filter(isTask)
    .map((entry, index) => ({
      index,
      text: entry.text,
      checked: entry.checked,
      checkboxOffset: entry.checkboxOffset,
      line: entry.line,
      depth: entry.depth,
    }));
}

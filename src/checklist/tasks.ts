/** Reading the task items of an issue body. */
import { deepFreeze } from './fresh-parse.js';
import { collectListItems, isTask } from './list-items.js';
import { type MarkdownDoc, parseMarkdown } from './mdast.js';

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

const NO_TASKS: readonly Task[] = Object.freeze([]);

/** The tasks of each parsed document, computed once: documents are shared, so are their tasks. */
const tasksByDoc = new WeakMap<MarkdownDoc, readonly Task[]>();

/** The task items of a parsed document, in document order; frozen and shared. */
export function tasksOf(doc: MarkdownDoc): readonly Task[] {
  const known = tasksByDoc.get(doc);
  if (known) return known;
  const tasks = deepFreeze(
    collectListItems(doc)
      .filter(isTask)
      .map((entry, index) => ({
        index,
        text: entry.text,
        checked: entry.checked,
        checkboxOffset: entry.checkboxOffset,
        line: entry.line,
        depth: entry.depth,
      })),
  );
  tasksByDoc.set(doc, tasks);
  return tasks;
}

/**
 * The task items of `markdown` in document order. Items in code blocks and HTML comments and
 * `- [ ]` with no text are not tasks. A body too convoluted to parse safely has no tasks.
 * The list is shared with every other reader of the same body (through the parse cache) and
 * frozen: copy it before changing it.
 */
export function readTasks(markdown: string): readonly Task[] {
  const { doc } = parseMarkdown(markdown);
  return doc ? tasksOf(doc) : NO_TASKS;
}

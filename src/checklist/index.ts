/** Pure checklist utilities: read task items, diff two bodies, flip one checkbox in place. */
export { diffTasks, type TaskChange } from './diff.js';
export { collectListItems, isTask, type ListEntry } from './list-items.js';
export { type MarkdownDoc, parseMarkdown } from './mdast.js';
export { normaliseText } from './normalise.js';
export { type CheckboxTarget, setCheckbox } from './set-checkbox.js';
export { readTasks, type Task } from './tasks.js';

/** Ticking or clearing one checkbox in a body people wrote, without re-serialising it. */
import { normaliseText } from './normalise.js';
import { seedSingleFlip } from './single-flip.js';
import { readTasks, type Task } from './tasks.js';

/**
 * Which task to flip: by index (as in `Task.index`), or by text, matched after normalising case
 * and spacing, where `occurrence` is how many tasks with that text come before it (0-based,
 * default 0: the first).
 */
export type CheckboxTarget = { text: string; occurrence?: number } | { index: number };

/** `CSM >> ` / `[CSM] ` style role markers, so `/check Enable portal` finds `CSM >> Enable portal`. */
const LEADING_ROLE = /^(?:[^\s>[\]()*]{1,40}(?: [^\s>[\]()*]{1,40}){0,3}\s*>>?\s*|\[[^\]]{1,40}\]\s*|\([^)]{1,40}\)\s*)/;

function findTask(tasks: readonly Task[], target: CheckboxTarget): Task | undefined {
  if ('index' in target) return tasks[target.index];
  const occurrence = target.occurrence ?? 0;
  if (!Number.isInteger(occurrence) || occurrence < 0) return undefined;
  const wanted = normaliseText(target.text);
  const exact = tasks.filter((t) => normaliseText(t.text) === wanted);
  if (exact.length > 0) return exact[occurrence];
  return tasks.filter((t) => normaliseText(t.text.replace(LEADING_ROLE, '')) === wanted)[occurrence];
}

/**
 * Sets one task's checkbox by replacing the single character inside its `[ ]`; everything else
 * in `body` stays byte for byte. Returns null when the task is not found, and `changed: false`
 * (with `body` untouched) when it already has that state. The new body's parse is derived from
 * the old one and cached, so whoever reads it next (the plan, the next event) does not parse it.
 */
export function setCheckbox(
  body: string,
  target: CheckboxTarget,
  checked: boolean,
): { body: string; changed: boolean } | null {
  const task = findTask(readTasks(body), target);
  if (!task) return null;
  if (task.checked === checked) return { body, changed: false };
  const mark = checked ? 'x' : ' ';
  const next = body.slice(0, task.checkboxOffset) + mark + body.slice(task.checkboxOffset + 1);
  seedSingleFlip(body, next);
  return { body: next, changed: true };
}

/**
 * Which checkboxes changed between two versions of a body (`changes.body.from` and the new body).
 */
import { parseMarkdown } from './mdast.js';
import { normaliseText } from './normalise.js';
import { flipOrigin, seedSingleFlip } from './single-flip.js';
import { readTasks, type Task, tasksOf } from './tasks.js';

/** One task whose state changed, or that was added (`from: null`) or removed (`to: null`). */
export interface TaskChange {
  text: string;
  /** Index of the task in `after`; for a removed task, its index in `before`. */
  index: number;
  from: boolean | null;
  to: boolean | null;
}

/** Pairs tasks with the same normalised text: the k-th occurrence before with the k-th after. */
function matchByText(before: readonly Task[], after: readonly Task[]): Map<number, number> {
  const queues = new Map<string, number[]>();
  for (const task of before) {
    const key = normaliseText(task.text);
    const queue = queues.get(key) ?? [];
    queue.push(task.index);
    queues.set(key, queue);
  }
  const pairs = new Map<number, number>();
  for (const task of after) {
    const partner = queues.get(normaliseText(task.text))?.shift();
    if (partner !== undefined) pairs.set(task.index, partner);
  }
  return pairs;
}

/**
 * Pairs the leftovers by position: tasks left unmatched between the same two matched
 * neighbours are taken as edits of each other (someone reworded an item), in order.
 */
function matchByPosition(before: readonly Task[], after: readonly Task[], pairs: Map<number, number>): void {
  const taken = new Set(pairs.values());
  let run: number[] = [];
  let lowerBefore = -1;
  const flush = (upperBefore: number): void => {
    const candidates = before
      .filter((t) => !taken.has(t.index) && t.index > lowerBefore && t.index < upperBefore)
      .map((t) => t.index);
    run.forEach((afterIndex, k) => {
      const partner = candidates[k];
      if (partner === undefined) return;
      pairs.set(afterIndex, partner);
      taken.add(partner);
    });
    run = [];
  };
  for (const task of after) {
    const partner = pairs.get(task.index);
    if (partner === undefined) {
      run.push(task.index);
      continue;
    }
    if (run.length > 0) flush(partner);
    lowerBefore = partner;
  }
  if (run.length > 0) flush(before.length);
}

/**
 * The change of a one-box edit whose parse was derived from `before`'s: every other task is the
 * same, in the same place, so matching would pair each with itself. Null for any other edit.
 */
function oneBoxChange(before: string, after: string): TaskChange[] | null {
  const { doc } = parseMarkdown(after);
  const origin = doc ? flipOrigin(doc) : undefined;
  if (!doc || !origin || origin.from.deref()?.source !== before) return null;
  const task = tasksOf(doc).find((t) => t.checkboxOffset === origin.checkboxOffset);
  if (!task) return null;
  const from = before[origin.checkboxOffset] !== ' ';
  return from === task.checked ? [] : [{ text: task.text, index: task.index, from, to: task.checked }];
}

/**
 * The checkbox changes from `before` to `after`: state flips, added and removed tasks. Items
 * are matched by text (robust to reordering and inserted lines), then by position (robust to
 * rewording). Edits that change no checkbox yield `[]`. A one-box edit of a body already read
 * costs no parse (see `single-flip.ts`).
 */
export function diffTasks(before: string, after: string): TaskChange[] {
  const quick = seedSingleFlip(before, after) ? oneBoxChange(before, after) : null;
  if (quick) return quick;
  const old = readTasks(before);
  const now = readTasks(after);
  const pairs = matchByText(old, now);
  matchByPosition(old, now, pairs);
  const changes: TaskChange[] = [];
  for (const task of now) {
    const partner = pairs.get(task.index);
    const previous = partner === undefined ? undefined : old[partner];
    if (!previous) changes.push({ text: task.text, index: task.index, from: null, to: task.checked });
    else if (previous.checked !== task.checked)
      changes.push({ text: task.text, index: task.index, from: previous.checked, to: task.checked });
  }
  const kept = new Set(pairs.values());
  for (const task of old) {
    if (!kept.has(task.index)) changes.push({ text: task.text, index: task.index, from: task.checked, to: null });
  }
  return changes;
}

/**
 * "Did you mean" for mistyped command names. Uses optimal-string-alignment distance so a swapped
 * pair of letters (`/stauts`) costs one edit, like a dropped one (`/asign`).
 */
import { COMMAND_NAMES, type CommandName } from './types.js';

/** Edits (insert, delete, substitute, swap neighbours) needed to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known command closest to `typed`, or null when none is close enough to be a plausible typo:
 * at most 1 edit for names up to 4 letters, 2 for longer ones. Ties go to the first in list order.
 */
export function suggestCommand(typed: string): CommandName | null {
  const name = typed.toLowerCase();
  const limit = name.length <= 4 ? 1 : 2;
  let best: CommandName | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of COMMAND_NAMES) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : null;
}

/**
 * Telling a misspelt name from a different one: `CMS` beside `CSM`, `Enginer` beside `Engineer`.
 * Short names differ by one letter all the time on purpose (`PM` and `AM`, `SE` and `SA`), so a
 * one-letter edit only counts from four letters on; two swapped neighbours count at any length,
 * since nobody names two roles with the same letters in another order.
 */

const fold = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** True when `a` and `b` differ only by two swapped neighbouring characters. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j] && a[j] === b[i!];
}

/** True when one insertion, deletion or substitution turns `a` into `b`. */
function oneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // Same length: skip the one differing character in both; otherwise skip it in the longer one.
  const rest = short.length === long.length ? short.slice(i + 1) === long.slice(i + 1) : short.slice(i) === long.slice(i + 1);
  return rest;
}

/** True when `a` looks like a misspelling of `b` (or the other way round); case and spacing aside. */
export function isNearMiss(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (x === y) return false;
  if (swapped(x, y)) return true;
  return Math.min(x.length, y.length) >= 4 && oneEdit(x, y);
}

/** The first of `candidates` that `name` looks like a misspelling of, or null. */
export function nearestName(name: string, candidates: Iterable<string>): string | null {
  for (const candidate of candidates) if (isNearMiss(name, candidate)) return candidate;
  return null;
}

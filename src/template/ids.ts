/**
 * Stable item ids: `<stageKey>.<hash of the normalised text>`, `-2`, `-3` for repeats within a
 * stage. They depend only on the stage key and the item's own text, so editing, adding or
 * moving other lines leaves them unchanged.
 */
import { createHash } from 'node:crypto';
import { normaliseText } from '../checklist/normalise.js';

/** 8 hex characters of SHA-256 over the normalised text. */
export function textHash(text: string): string {
  return createHash('sha256').update(normaliseText(text)).digest('hex').slice(0, 8);
}

/** Hands out ids for one stage, numbering repeats of the same text. */
export function idAllocator(stageKey: string): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = `${stageKey}.${textHash(text)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
}

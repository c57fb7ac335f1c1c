/**
 * Items a template upgrade took out of the template. They stay in the onboarding's stage issue
 * (a tick is never removed), marked at the end of their text with a note people can read:
 * `- [x] CSM >> Send the fax *(no longer in the template)*`. A marked item reads as the same item
 * (same text, same id, so `/skip` keys and matching keep working) and is optional: it never
 * blocks its stage again.
 */

/** The note of an item the new template dropped. */
export const RETIRED_NOTE = 'no longer in the template';

// ` *(no longer in the template)*` or ` *(moved to Stage 3: Setup in the template)*`, at the very end.
const RETIRED = /\s*\*\((?:no longer in the template|moved to [^()\n]{1,120} in the template)\)\*\s*$/i;

/** The text written after an item to mark it: ` *(no longer in the template)*`. */
export function retiredSuffix(note: string = RETIRED_NOTE): string {
  return ` *(${note.replace(/[()*\n]/g, ' ').replace(/\s+/g, ' ').trim()})*`;
}

/** An item's text without its retired mark, and whether it had one. */
export function splitRetired(text: string): { text: string; retired: boolean } {
  const match = RETIRED.exec(text);
  if (!match || match.index === 0) return { text, retired: false };
  return { text: text.slice(0, match.index).trimEnd(), retired: true };
}

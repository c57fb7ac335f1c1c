/**
 * Text that goes into a mail header (a subject, a display name) or a one-line log of the mail
 * server's answer. A CR or LF there would end the header and let the text write headers of its
 * own (header injection), so every control and bidirectional-override character goes, blanks
 * collapse to one space, and the length is capped.
 */

// Control characters (CR and LF among them) and bidi marks/overrides that make text read
// differently than it is.
const CONTROL = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u0085]/gu;

/** True when `text` holds a character {@link oneLine} would remove (tab and space excepted). */
export function hasControl(text: string): boolean {
  return /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u0085]/u.test(text.replace(/[ \t]/g, ''));
}

/** `text` on one line, at most `max` characters (code points; `…` marks a cut). */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

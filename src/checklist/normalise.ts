/**
 * Text normalisation used to match task items across edits: case, spacing and non-breaking
 * spaces do not make two items different.
 */

/** Lowercase, U+00A0 as a space, whitespace collapsed, trimmed. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Collapses the line breaks (and block-quote markers) inside a multi-line paragraph into spaces. */
export function joinLines(text: string, inBlockquote: boolean): string {
  const lineBreak = inBlockquote ? /[ \t]*\r?\n[ \t>]*/g : /[ \t]*\r?\n[ \t]*/g;
  return text.replace(lineBreak, ' ').trim();
}

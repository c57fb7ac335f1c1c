/**
 * Splitting a command's arguments into words, with quoting. Quotes are the ones people actually
 * type or that their keyboards produce: straight `"..."`, typographic `“...”` / `„...“`, and
 * backticks (a template file name is often written as code). Single quotes are not quotes, so
 * `O'Brien` stays one name.
 */

/** A word of the arguments; `quoted` when it was written inside quotes (taken verbatim). */
export interface Token {
  value: string;
  quoted: boolean;
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '`': '`' };

/**
 * Makes a line easy to read: unusual spaces become plain spaces (non-breaking spaces come from
 * pasting), zero-width characters go, runs of blanks collapse.
 */
export function normaliseLine(line: string): string {
  return line
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Drops punctuation people put at the end of a line or word (`/check 3.`, `@alice,`). */
export function stripTrailingPunctuation(text: string): string {
  return text.replace(/[.,;:!?]+$/u, '');
}

/** The result of taking one word: the word and what follows it, or why it could not be read. */
export type Taken = { ok: true; token: Token; rest: string } | { ok: false; message: string };

/** Takes the first word (or quoted phrase) of `input`; null when nothing is left. */
export function takeToken(input: string): Taken | null {
  const text = input.trimStart();
  if (text === '') return null;
  const open = text[0]!;
  const close = CLOSING_QUOTE[open];
  if (close !== undefined) {
    const end = text.indexOf(close, 1);
    if (end < 0) return { ok: false, message: `a quote ${open} is not closed; add the closing ${close}` };
    return { ok: true, token: { value: text.slice(1, end).trim(), quoted: true }, rest: text.slice(end + 1) };
  }
  const space = text.indexOf(' ');
  const word = space < 0 ? text : text.slice(0, space);
  return { ok: true, token: { value: word, quoted: false }, rest: space < 0 ? '' : text.slice(space) };
}

/** Every word of `input`, or the first reason it could not be read. */
export function tokenize(input: string): { ok: true; tokens: Token[] } | { ok: false; message: string } {
  const tokens: Token[] = [];
  let rest = input;
  for (let taken = takeToken(rest); taken !== null; taken = takeToken(rest)) {
    if (!taken.ok) return taken;
    tokens.push(taken.token);
    rest = taken.rest;
  }
  return { ok: true, tokens };
}

/** Free text as written: surrounding quotes removed when the whole text is one quoted phrase. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  const taken = takeToken(trimmed);
  if (taken?.ok && taken.token.quoted && taken.rest.trim() === '') return taken.token.value;
  return trimmed;
}

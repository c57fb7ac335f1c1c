/**
 * Making text people typed (customer names, reasons, item and stage titles) safe to write back
 * into issue and comment markdown, so that it shows exactly as typed and does nothing else:
 *
 * - `http(s)://` URLs stay working links, written as `<https://...>` autolinks (see `escapeLine`);
 *   a bare `www.` address is shown as text, not linked (its dot is escaped);
 * - no `@mention`: a zero-width space (U+200B) goes between `@` and the login. GitHub then shows
 *   `@alice` but notifies nobody (Renovate uses the same character for this). Backticks would also
 *   stop the mention, but they change how the text looks and break a heading's or bold's style;
 * - no HTML, so nothing can pose as Embark's hidden markers (`<!-- embark:... -->`): `<`, `>` and
 *   `&` become entities (outside URLs), so the source never holds `<!--`;
 * - no markdown: `\ ` `` ` `` `*` `_` `[` `]` `|` `~` `$` are backslash-escaped (`|` keeps table
 *   cells whole, `$` stops GitHub math), and a leading `#`, `-`, `+` or `1.` cannot start a
 *   heading or list;
 * - one line: line breaks and other blanks become single spaces; control and bidirectional
 *   override characters (which can make text read differently than it is) are removed;
 * - a length cap, counted in characters as people see them (an ellipsis marks a cut).
 *
 * Issue references (`#123`) are left alone: linking them is useful and notifies nobody.
 * The output is markdown source; issue titles are not markdown and need none of this.
 */

/** Default cap for user text, in characters: GitHub's own limit for an issue title. */
export const DEFAULT_MAX_LENGTH = 256;

/** Options for the escapers. */
export interface EscapeOptions {
  /** Most characters kept (code points, before escaping); longer text ends with `…`. */
  maxLength?: number;
}

const ZERO_WIDTH_SPACE = '\u200b';
// Control characters (blanks are turned into spaces before this runs) and bidi marks/overrides.
const CONTROL = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~$]/g;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Removes characters that never belong in one line of shown text, and collapses blanks. */
function clean(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(CONTROL, '').trim();
}

/** The first `max` code points, with `…` when anything was cut. */
function cap(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 0 ? '' : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Escapes text that is not a URL. */
function escapePlain(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => HTML[c]!)
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    // GFM links a bare `www.` address raw, backslashes and all; an escaped dot stops that.
    .replace(/(www)\./gi, '$1\\.');
}

// A web address as GFM finds one: `http(s)://` not glued to a letter, up to the next blank.
const URL = /(?<![A-Za-z])https?:\/\/[^\s<>]+/;

// A host starts with anything but a blank or ASCII punctuation (`-` and `_` allowed), as in GFM.
const HOST_START = /^https?:\/\/[^\s!-,./:-@[-^`{-~]/i;

/** The URL without what GFM also leaves out of a link: closing punctuation, an unbalanced `)`. */
function urlExtent(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    const unbalanced = last === ')' && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length;
    if (!unbalanced && !`.,:;!?'"*_~`.includes(last)) return url;
    url = url.slice(0, -1);
  }
}

/**
 * Escapes one already cleaned and capped line. URLs become `<...>` autolinks, inside which
 * markdown reads nothing, so `a_b` in a path stays `a_b` and the link works; a backslash escape
 * there would become part of the address. `|` and `@` in them are percent-encoded (same address)
 * so a table cell stays whole and nothing looks like a mention.
 */
function escapeLine(text: string): string {
  const urls = new RegExp(URL.source, 'gi');
  let out = '';
  let from = 0;
  for (let match = urls.exec(text); match !== null; match = urls.exec(text)) {
    const url = urlExtent(match[0]);
    if (!HOST_START.test(url)) {
      urls.lastIndex = match.index + 1; // `https:///http://x`: the inner address still counts
      continue;
    }
    out += escapePlain(text.slice(from, match.index)) + `<${url.replace(/\|/g, '%7C').replace(/@/g, '%40')}>`;
    from = match.index + url.length;
    urls.lastIndex = from;
  }
  out += escapePlain(text.slice(from));
  return out.replace(/^(#|[-+]|\d{1,9}(?=[.)]))/, (lead) => (/^\d/.test(lead) ? `${lead}\\` : `\\${lead}`));
}

/**
 * User text as inline markdown that renders as typed, on one line, mentioning nobody, with no
 * HTML. Safe inside a table cell, a heading, bold or a list item.
 */
export function escapeUserText(text: string, options: EscapeOptions = {}): string {
  return escapeLine(cap(clean(text), options.maxLength ?? DEFAULT_MAX_LENGTH));
}

/**
 * User text for a table cell: as {@link escapeUserText}, but the person's line breaks are kept as
 * `<br>` (the only way to break a line inside a GFM cell) instead of becoming spaces.
 */
export function escapeTableCell(text: string, options: EscapeOptions = {}): string {
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const lines = text
    .split(LINE_BREAK)
    .map(clean)
    .filter((line) => line !== '');
  const capped = cap(lines.join('\n'), max);
  return capped
    .split('\n')
    .map((line) => escapeLine(clean(line)))
    .join('<br>');
}

/**
 * Text as a code span that shows it verbatim: the backtick fence is longer than any run of
 * backticks inside, with a space of padding where CommonMark would otherwise eat or merge one.
 * Line breaks become spaces (a code span cannot hold one). In a table cell (`inTable`) every `|`
 * is written `\|`, which GFM reads as a `|` inside the cell. `<!--` is broken with a zero-width
 * space: it would render as text anyway, but a reader that scans the raw source for Embark's
 * markers must never find one in user text.
 */
export function inlineCode(text: string, options: EscapeOptions & { inTable?: boolean } = {}): string {
  let content = text.replace(LINE_BREAK, ' ').replace(/\t/g, ' ').replace(CONTROL, '').replace(/<!--/g, `<!${ZERO_WIDTH_SPACE}--`);
  if (options.maxLength !== undefined) content = cap(content, options.maxLength);
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  if (content === '') return '` `';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad =
    content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '');
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/**
 * Checking a value the customer typed for an intake field before it goes into the EPIC body
 * (pure). The value lands inside text people wrote, so it must stay one plain line that cannot
 * change the body's structure: no line break (a new paragraph, list item or heading), no HTML
 * (`<details>`, `<script>`, a fake `<!-- embark:... -->` marker), nothing that closes the code
 * span of a `Name: \`value\`` field, nothing that turns a plain `Name: value` into a link, an
 * image, a heading or a list item, and no `@mention` (a body edit notifies whoever it names).
 * Each refusal says what is wrong and how to write it instead; nothing is silently rewritten.
 */

/** Longest value accepted, in characters as people count them. */
export const MAX_FIELD_VALUE_LENGTH = 200;

export type FieldValueCheck = { ok: true; value: string } | { ok: false; message: string };

// Control characters (tab and line breaks included), the Unicode line and paragraph separators,
// and bidirectional overrides (which make text read differently than it is stored).
const CONTROL = /[\p{Cc}\u0085\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// What a plain value may not start with: the marks of a heading, a list item, emphasis or a table.
// The value follows `Name: ` on its line, so none of them can act today; refusing them keeps a
// later edit of the line (the name removed, the line split) from turning the answer into structure.
const PLAIN_LEAD = /^[#\-*+|~_]/;
const MENTION = /(?:^|[^\p{L}\p{N}_`])@[A-Za-z0-9]/u;

/**
 * The value to write (trimmed), or why it cannot be written. `quoted` is true for a field written
 * `Name: \`value\`` (the value sits in a code span), false for a plain `Name: value`.
 */
export function checkFieldValue(raw: string, options: { quoted: boolean }): FieldValueCheck {
  const value = raw.trim();
  if (value === '') return { ok: false, message: 'The value is empty: type it in the field, then save.' };
  if (LINE_BREAK.test(value)) return { ok: false, message: 'The value holds a line break: write it on one line.' };
  if (CONTROL.test(value)) return { ok: false, message: 'The value holds a tab or an invisible control character: type it again without them.' };
  const length = [...value].length;
  if (length > MAX_FIELD_VALUE_LENGTH) {
    return { ok: false, message: `The value is ${length} characters long; at most ${MAX_FIELD_VALUE_LENGTH} fit. Shorten it, or send the rest to your onboarding contact.` };
  }
  if (value.includes('`')) return { ok: false, message: 'The value holds a backtick (`), which cannot be stored here: leave it out.' };
  if (/<!--|-->/.test(value)) return { ok: false, message: 'The value holds <!-- or -->, which cannot be stored here: leave them out.' };
  if (options.quoted) return { ok: true, value };
  // A plain value is markdown: these would become HTML, a link or image, a heading or a list item.
  if (PLAIN_LEAD.test(value)) {
    return { ok: false, message: `The value starts with ${JSON.stringify(value[0])}, which would change the page's layout here: start it with a letter or digit.` };
  }
  if (/[<>]/.test(value)) return { ok: false, message: 'The value holds < or >, which would be read as HTML here: leave them out.' };
  if (/[[\]]/.test(value)) return { ok: false, message: 'The value holds [ or ], which would be read as a link here: leave them out.' };
  if (/\\$/.test(value)) return { ok: false, message: 'The value ends with a backslash (\\): leave it out.' };
  if (MENTION.test(value)) return { ok: false, message: 'The value holds an @name, which would notify a GitHub user: write the name without the @.' };
  return { ok: true, value };
}

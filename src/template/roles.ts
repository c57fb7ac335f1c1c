/**
 * Who owns an item. MSP templates write the owner at the start of the item text:
 * `CSM >> Enable portal access` (the common form), `[CSM] ...`, `(CSM) ...`, `**CSM** ...`,
 * `CSM: ...`, or simply start the sentence with the role (`CSM checked if ...`).
 *
 * Rules:
 * - `ROLE >> text`, `[ROLE] text`, `(ROLE) text`, `**ROLE** text` always name a role (up to four
 *   words starting with a letter; words like "Optional" or "Note" are not roles); the marker is
 *   stripped from the item text.
 * - `ROLE > text` and `ROLE: text` name a role only when ROLE is known (declared in
 *   `onboarding.roles` or used with a marker above elsewhere), since `Latency > 50ms` or
 *   `TenantID: ...` are ordinary text; the marker is stripped.
 * - A known role as the first word(s) of the sentence (`CSM checked if ...`) names that role, and
 *   the text is kept intact, since the word is part of the sentence.
 * Matching is case-insensitive and treats U+00A0 as a space; the canonical spelling is the
 * declaration's, else the first use's.
 */
import type { TemplateSettings } from './settings.js';

/** Words that look like a role in `[X]` / `(X)` / `**X**` but are not one. */
const NOT_ROLES = new Set(['optional', 'required', 'note', 'tip', 'important', 'warning', 'todo', 'done', 'wip', 'new', 'tbd']);

const NAME = String.raw`\p{L}[\p{L}\p{N}&/'._-]*(?: [\p{L}\p{N}&/'._-]+){0,3}`;
const ALWAYS: RegExp[] = [
  new RegExp(`^(${NAME}) ?>> ?`, 'u'),
  new RegExp(String.raw`^\[(${NAME})\](?![([:])[ :]*`, 'u'),
  new RegExp(String.raw`^\((${NAME})\) *:? *`, 'u'),
  new RegExp(String.raw`^\*\*(${NAME}):?\*\* *(?:>>|:)? *`, 'u'),
  new RegExp(`^__(${NAME}):?__ *(?:>>|:)? *`, 'u'),
];
const WHEN_KNOWN = new RegExp(`^(${NAME}) ?(?:>|:) +`, 'u');

const key = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();
const spaced = (text: string): string => text.replace(/\u00a0/g, ' ');

/** Known roles: lower-cased spelling (names and aliases) -> canonical name. */
export interface RoleBook {
  byKey: Map<string, string>;
  /** Canonical names in first-seen order. */
  names: string[];
}

/** A role book holding the declared roles (with aliases) and any roles already known. */
export function createRoleBook(declared: TemplateSettings['roles'], known: readonly string[] = []): RoleBook {
  const book: RoleBook = { byKey: new Map(), names: [] };
  for (const [name, spec] of Object.entries(declared)) {
    addRole(book, name);
    const aliases = Array.isArray(spec) ? spec : spec.aliases;
    for (const alias of aliases) if (!book.byKey.has(key(alias))) book.byKey.set(key(alias), name.trim());
  }
  for (const name of known) addRole(book, name);
  return book;
}

/** Registers `name` (first spelling wins) and returns its canonical name. */
export function addRole(book: RoleBook, name: string): string {
  const existing = book.byKey.get(key(name));
  if (existing) return existing;
  const canonical = name.replace(/\s+/g, ' ').trim();
  book.byKey.set(key(name), canonical);
  book.names.push(canonical);
  return canonical;
}

/** An explicit marker (`CSM >>`, `[CSM]`, ...) at the start of `text`: name and marker length. */
export function explicitMarker(text: string): { name: string; length: number } | null {
  const plain = spaced(text);
  for (const pattern of ALWAYS) {
    const match = pattern.exec(plain);
    if (match?.[1] && !NOT_ROLES.has(key(match[1])) && match[0].length < plain.length)
      return { name: match[1], length: match[0].length };
  }
  return null;
}

/** The item's role and its text without the marker. */
export interface RoleMatch {
  role: string | null;
  text: string;
}

/** Finds the role of one item's text; explicit markers register new roles in `book`. */
export function resolveRole(text: string, book: RoleBook): RoleMatch {
  const explicit = explicitMarker(text);
  if (explicit) return { role: addRole(book, explicit.name), text: text.slice(explicit.length).trim() };
  const plain = spaced(text);
  const colon = WHEN_KNOWN.exec(plain);
  const named = colon?.[1] ? book.byKey.get(key(colon[1])) : undefined;
  if (colon && named && colon[0].length < plain.length) return { role: named, text: text.slice(colon[0].length).trim() };
  const lower = plain.toLowerCase();
  let best: string | null = null;
  for (const spelling of book.byKey.keys()) {
    if (!lower.startsWith(spelling) || (best && best.length >= spelling.length)) continue;
    const next = lower.charAt(spelling.length);
    if (next === '' || !/[\p{L}\p{N}]/u.test(next)) best = spelling;
  }
  return { role: best ? (book.byKey.get(best) ?? null) : null, text };
}

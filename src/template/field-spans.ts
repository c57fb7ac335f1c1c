/**
 * Intake fields of a body with the source span of each value, and writing one value in place.
 * Fields are recognised exactly as the template parser does (`fieldOf`), from one mdast parse;
 * a write replaces only the characters of that value and leaves every other byte as written,
 * the way `setCheckbox` flips one character.
 */
import { collectListItems } from '../checklist/list-items.js';
import { endOf, parseMarkdown, startOf } from '../checklist/mdast.js';
import { fieldOf } from './fields.js';
import { headingText } from './sections.js';

/** One intake field as it sits in a body. */
export interface FieldSpan {
  /** The name as written (`Tenant ID`). */
  name: string;
  /** {@link fieldNameKey} of the name: how templates and forms refer to it. */
  key: string;
  /** Among fields with the same key, 0 for the first in the body, 1 for the next... */
  occurrence: number;
  /** The value's source text between `start` and `end` (inside the backticks for a quoted field). */
  value: string;
  placeholder: boolean;
  /** `Name: \`value\``: the value sits in a code span, where markdown is not read. */
  quoted: boolean;
  /** UTF-16 offsets of the value in the body; equal for a plain field with no value yet. */
  start: number;
  end: number;
  /** 1-based line of the field's list item. */
  line: number;
}

/** Which field to write: its name (any case and spacing) and which of that name. */
export interface FieldTarget {
  name: string;
  occurrence: number;
}

/** A field name compared case- and space-insensitively: `Tenant ID`, `tenant id` and `TenantID` are one. */
export function fieldNameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

const QUOTED = /^([^`\n]{1,80}?):\s*`([^`]*)`\s*$/d;
const PLAIN = /^([^:`\n]{1,60}):(?:([ \t]+)(.*))?$/d;

/**
 * Every intake field of `body` whose list item holds one line (a field written over several
 * lines is read by the parser but not offered for writing), in body order.
 */
export function readFieldSpans(body: string): FieldSpan[] {
  const parsed = parseMarkdown(body);
  if (!parsed.doc) return [];
  const doc = parsed.doc;
  const headings = doc.root.children.flatMap((node) => (node.type === 'heading' ? [{ start: startOf(doc, node), text: headingText(node) }] : []));
  const counts = new Map<string, number>();
  const out: FieldSpan[] = [];
  for (const entry of collectListItems(doc)) {
    if (!entry.paragraph || entry.inBlockquote) continue;
    const heading = headings.filter((h) => h.start < entry.startOffset).at(-1)?.text ?? '';
    const field = fieldOf({ entry, heading, itemId: null }, 0);
    if (!field) continue;
    const from = entry.checkboxOffset !== null ? entry.checkboxOffset + 2 : startOf(doc, entry.paragraph);
    const raw = body.slice(from, endOf(doc, entry.paragraph));
    const span = valueSpan(raw, from);
    if (!span || raw.includes('\n') || raw.includes('\r')) continue;
    const key = fieldNameKey(field.name);
    const occurrence = counts.get(key) ?? 0;
    counts.set(key, occurrence + 1);
    out.push({ name: field.name, key, occurrence, value: body.slice(span.start, span.end), placeholder: field.placeholder, ...span, line: entry.line });
  }
  return out;
}

/** Where the value sits in one line of field text that starts at `offset`. */
function valueSpan(raw: string, offset: number): { start: number; end: number; quoted: boolean } | null {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const base = offset + lead;
  const quoted = QUOTED.exec(text);
  if (quoted?.indices?.[2]) return { start: base + quoted.indices[2][0], end: base + quoted.indices[2][1], quoted: true };
  const plain = PLAIN.exec(text);
  if (!plain?.indices?.[1]) return null;
  if (!plain.indices[3]) return { start: base + text.length, end: base + text.length, quoted: false };
  const value = plain[3]!;
  const [start] = plain.indices[3];
  return { start: base + start, end: base + start + value.trimEnd().length, quoted: false };
}

/** The field a target names in `body`, if it is still there. */
export function findField(body: string, target: FieldTarget): FieldSpan | undefined {
  const key = fieldNameKey(target.name);
  return readFieldSpans(body).find((f) => f.key === key && f.occurrence === target.occurrence);
}

export type FieldWrite = { ok: true; body: string; changed: boolean } | { ok: false; reason: 'gone' | 'changed' };

/**
 * `body` with the target field's value replaced by `value` (already validated for the field's
 * kind), found by parsing `body` itself. Refused when the field is gone, or when its value is no
 * longer `from` (someone edited it since it was read): a value is never written over one nobody
 * saw. A plain field with no value yet gets a space before the new value.
 */
export function writeFieldValue(body: string, target: FieldTarget & { from: string }, value: string): FieldWrite {
  const field = findField(body, target);
  if (!field) return { ok: false, reason: 'gone' };
  if (field.value !== target.from) return { ok: false, reason: 'changed' };
  if (field.value === value) return { ok: true, body, changed: false };
  const text = !field.quoted && field.start === field.end ? ` ${value}` : value;
  return { ok: true, body: body.slice(0, field.start) + text + body.slice(field.end), changed: true };
}

/**
 * Intake fields: the customer data a template asks for, written as list items
 * `TenantID: \`xxx\`` (plain bullets or task items), or as plain `Key: value` bullets under a
 * heading containing "Description" or "Intake". A value is a placeholder while it is empty,
 * `xxx`, `TBD`, `...`, `?` or `<...>`.
 */
import type { ListEntry } from '../checklist/list-items.js';
import type { IntakeField } from './model.js';

const BACKTICK_FIELD = /^([^`\n]{1,80}?):\s*`([^`]*)`\s*$/;
const PLAIN_FIELD = /^([^:`\n]{1,60}):(?:\s+(.*))?$/;
const PLACEHOLDER = /^(?:x{2,}|tbd|t\.b\.d\.?|\.{2,}|…|\?+|_+|-+|<[^>]*>)?$/i;
const INTAKE_HEADING = /description|intake/i;

/** A field candidate: the list entry, and the text of the nearest heading above it. */
export interface FieldSource {
  entry: ListEntry;
  heading: string;
  /** The item id when the entry is also a task item. */
  itemId: string | null;
}

/** True while a value is still the template's placeholder. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

const cleanName = (name: string): string => name.replace(/^[*_\s]+|[*_\s]+$/g, '').replace(/\s+/g, ' ');

/** The intake field an entry holds, or null. */
export function fieldOf(source: FieldSource, lineOffset: number): IntakeField | null {
  const text = source.entry.text;
  const quoted = BACKTICK_FIELD.exec(text);
  const plain = !quoted && INTAKE_HEADING.test(source.heading) ? PLAIN_FIELD.exec(text) : null;
  const match = quoted ?? plain;
  if (!match) return null;
  const name = cleanName(match[1] ?? '');
  if (name === '') return null;
  const value = (match[2] ?? '').trim();
  return { name, value, placeholder: isPlaceholder(value), line: source.entry.line + lineOffset, itemId: source.itemId };
}

/**
 * The intake fields the customer fills in on the status page (pure): which fields of the EPIC
 * body are theirs (`onboarding.customerFields`), and what filling one in changes: one value
 * written in place in the EPIC body (`setField`, re-checked by the executor against a fresh
 * read) and one line in the activity log naming the field, never the value (it may be sensitive
 * and the log is in a public comment).
 */
import type { Action } from '../onboarding/plan.js';
import type { StoredState } from '../onboarding/state.js';
import { type FieldSpan, fieldNameKey, readFieldSpans } from '../template/field-spans.js';
import { checkFieldValue } from './field-value.js';

/** The EPIC body must stay under GitHub's limit for an issue body. */
const BODY_LIMIT = 65_536;

const CHANGED = 'This field changed since the page was loaded: reload the page, check the value, and send it again.';

/** The form's name for a field: its folded name and which of that name (`tenantid#0`). */
export function pageFieldKey(field: Pick<FieldSpan, 'key' | 'occurrence'>): string {
  return `${field.key}#${field.occurrence}`;
}

/** The fields of `epicBody` that `customerFields` (names as the template writes them) gives the customer. */
export function customerFieldSpans(epicBody: string, customerFields: readonly string[]): FieldSpan[] {
  if (customerFields.length === 0) return [];
  const wanted = new Set(customerFields.map(fieldNameKey));
  return readFieldSpans(epicBody).filter((f) => wanted.has(f.key));
}

export interface FieldFillInput {
  state: StoredState;
  epic: { number: number; body: string };
  customerFields: readonly string[];
  /** {@link pageFieldKey} from the form. */
  fieldKey: string;
  /** As typed. */
  value: string;
  /** The field's value as the page showed it (`PageField.source`); null skips the check. */
  shown: string | null;
  /** Who filled it in, as the log names them (the contact's name, or the name typed on a shared link). */
  who: string;
  now: string;
}

export type FieldFillPlan =
  | { kind: 'filled'; state: StoredState; actions: Action[]; field: string }
  /** The field already holds this value: nothing to write. */
  | { kind: 'unchanged'; field: string }
  | { kind: 'refused'; message: string; status: 400 | 409 };

export function planFieldFill(input: FieldFillInput): FieldFillPlan {
  const field = customerFieldSpans(input.epic.body, input.customerFields).find((f) => pageFieldKey(f) === input.fieldKey);
  // The page offered this field from an earlier read: it was renamed, removed or moved since.
  if (!field) return { kind: 'refused', status: 409, message: CHANGED };
  // Someone changed the field since the page was served: the customer's answer must not silently replace it.
  if (input.shown !== null && input.shown !== field.value) return { kind: 'refused', status: 409, message: CHANGED };
  if (input.state.cancelled || input.state.completedAt) {
    return { kind: 'refused', status: 409, message: 'This onboarding is closed; send the value to your onboarding contact instead.' };
  }
  const checked = checkFieldValue(input.value, { quoted: field.quoted });
  if (!checked.ok) return { kind: 'refused', status: 400, message: checked.message };
  if (checked.value === field.value) return { kind: 'unchanged', field: field.name };
  const grown = checked.value.length - field.value.length + (field.start === field.end && !field.quoted ? 1 : 0);
  if (input.epic.body.length + grown > BODY_LIMIT) {
    return { kind: 'refused', status: 409, message: 'The onboarding issue is full and cannot take this value; send it to your onboarding contact instead.' };
  }
  const state = structuredClone(input.state);
  state.log.unshift({ at: input.now, actor: 'status page', text: `${input.who} filled in ${field.name} via the status page` });
  const action: Action = {
    kind: 'setField',
    issue: input.epic.number,
    field: { name: field.name, occurrence: field.occurrence },
    from: field.value,
    value: checked.value,
  };
  return { kind: 'filled', state, actions: [action], field: field.name };
}

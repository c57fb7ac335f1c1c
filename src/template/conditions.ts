/**
 * `when:` conditions of a stage: which intake field values make it apply (service-level
 * variants of one template: `when: { "Managed Services": [Premium, Full Stack] }`). Pure.
 *
 * Matching is forgiving, as people type values into an issue: case, spacing, `-` and `_` do not
 * matter, and a condition on `Managed Services` finds the field written
 * `Managed Services: CSP, Premium or Full Stack`, whose label lists the choices after a colon.
 */
import type { IntakeField } from './model.js';

/** A stage's condition: field name -> accepted values (any of them). */
export type Condition = Record<string, string[]>;

/** The condition as written in front matter, normalised to lists of strings. */
export function conditionOf(raw: Record<string, string | number | boolean | Array<string | number | boolean>>): Condition {
  return Object.fromEntries(Object.entries(raw).map(([field, values]) => [field, (Array.isArray(values) ? values : [values]).map(String)]));
}

/** Case, spacing, `-` and `_` folded away. */
export function foldValue(text: string): string {
  return text.replace(/[-_\s]+/g, ' ').trim().toLowerCase();
}

/** The field a condition names: same name, or a label that starts with the name and a colon. */
export function fieldFor(name: string, fields: readonly IntakeField[]): IntakeField | null {
  const wanted = foldValue(name);
  return (
    fields.find((f) => foldValue(f.name) === wanted) ??
    fields.find((f) => foldValue(f.name).startsWith(`${wanted}:`)) ??
    null
  );
}

/**
 * Evaluate the conditions of stages and of their items at once (stage keys and item ids never
 * collide: an item id holds a dot).
 */
export function evaluateVariants(stages: ReadonlyArray<{ key: string; when?: Condition | null; items: ReadonlyArray<{ id: string; when?: Condition }> }>, fields: readonly IntakeField[]): ConditionResult {
  const items = stages.flatMap((s) => s.items.filter((i) => i.when).map((i) => ({ key: i.id, when: i.when ?? null })));
  return evaluateConditions([...stages, ...items], fields);
}

/** What evaluating the conditions of a set of stages found. */
export interface ConditionResult {
  /** Stage key -> does the stage apply. Stages without a condition always apply. */
  applies: Record<string, boolean>;
  /** Field names a condition needs that are still unfilled (placeholder), in first-seen order. */
  unfilled: string[];
  /** Field names a condition needs that the body does not have at all. */
  unknown: string[];
}

/**
 * Evaluate every stage's condition against the intake fields as filled in. A condition holds when
 * every field it names holds one of its values. An unfilled or absent field is reported (the start
 * stops and names it), and the stage counts as not applying meanwhile.
 */
export function evaluateConditions(stages: ReadonlyArray<{ key: string; when?: Condition | null }>, fields: readonly IntakeField[]): ConditionResult {
  const result: ConditionResult = { applies: {}, unfilled: [], unknown: [] };
  for (const stage of stages) {
    let applies = true;
    for (const [name, values] of Object.entries(stage.when ?? {})) {
      const field = fieldFor(name, fields);
      if (!field) {
        if (!result.unknown.includes(name)) result.unknown.push(name);
        applies = false;
      } else if (field.placeholder) {
        if (!result.unfilled.includes(field.name)) result.unfilled.push(field.name);
        applies = false;
      } else if (!values.some((v) => foldValue(v) === foldValue(field.value))) applies = false;
    }
    result.applies[stage.key] = applies;
  }
  return result;
}

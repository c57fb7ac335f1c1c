/**
 * Checks of a template file's stage graph (`after:`, `when:`, `optional:`), each reported at the
 * line of the setting that causes it. All are errors: a template with one would run stages in
 * an order other than the one written, or never finish.
 */
import type { BodyTrace } from './body.js';
import { fieldFor } from './conditions.js';
import { type Diagnostics, diagnostic } from './diagnostics.js';
import { namesItem } from './items.js';
import type { Template } from './model.js';
import { findCycle, neverStarting } from './stage-graph.js';
import { findKeyPoint } from './yaml-lines.js';

/** What the checks read (the same as the authoring checks). */
export interface GraphCheckInput {
  template: Template;
  trace: BodyTrace;
  yamlLines: string[];
}

/** The `onboarding.stages` key whose settings a stage took, or null. */
function settingKeyOf(input: GraphCheckInput, stageKey: string): string | null {
  const i = input.template.stages.findIndex((s) => s.key === stageKey);
  return i >= 0 ? (input.trace.stageSettingKeys[i] ?? null) : null;
}

function at(input: GraphCheckInput, stageKey: string, setting: 'after' | 'when', fallbackLine: number) {
  const key = settingKeyOf(input, stageKey);
  if (key === null) return { line: fallbackLine, column: 1 };
  return findKeyPoint(input.yamlLines, ['onboarding', 'stages', key, setting]);
}

/** Runs every graph check; problems go to `diagnostics`. */
export function checkStageGraph(input: GraphCheckInput, diagnostics: Diagnostics): void {
  const { template } = input;
  const stages = template.stages;
  const titleOf = (key: string) => stages.find((s) => s.key === key)?.title ?? key;
  const names = stages.map((s) => (s.number !== null ? `"${s.number}"` : `"${s.title}"`)).join(', ');
  for (const a of input.trace.afterNames ?? []) {
    if (a.resolved !== null) continue;
    const { line, column } = findKeyPoint(input.yamlLines, ['onboarding', 'stages', a.settingKey, 'after']);
    diagnostics.errors.push(
      diagnostic(line, column, `\`after: ${a.name}\` names no stage, so ${titleOf(a.stageKey)} would wait for nothing. Name a stage by its number, key (\`stage-1\`) or heading text; this template's stages are ${names}.`),
    );
  }
  const nodes = stages.map((s) => ({ key: s.key, after: s.after ?? null }));
  const cycle = findCycle(nodes);
  if (cycle) {
    const first = cycle[0]!;
    const stage = stages.find((s) => s.key === first)!;
    const { line, column } = at(input, first, 'after', stage.line);
    diagnostics.errors.push(
      diagnostic(line, column, `The stages wait for each other in a circle: ${cycle.map(titleOf).join(' → ')}. None of them could ever start: remove one of these \`after:\` entries.`),
    );
  }
  const stuck = neverStarting(nodes).filter((k) => !cycle?.includes(k));
  for (const key of stuck) {
    const stage = stages.find((s) => s.key === key)!;
    const { line, column } = at(input, key, 'after', stage.line);
    diagnostics.errors.push(diagnostic(line, column, `${stage.title} can never start: it waits for a stage on the circle above. Change its \`after:\`.`));
  }
  for (const stage of stages) {
    for (const field of Object.keys(stage.when ?? {})) {
      if (fieldFor(field, template.fields)) continue;
      const { line, column } = at(input, stage.key, 'when', stage.line);
      const known = template.fields.map((f) => `\`${f.name}\``).join(', ');
      diagnostics.errors.push(
        diagnostic(line, column, `\`when:\` of ${stage.title} needs the intake field \`${field}\`, which this template does not have. Add \`- ${field}: \\\`xxx\\\`\` to its description${known ? `, or use one of ${known}` : ''}.`),
      );
    }
  }
  const items = stages.flatMap((s) => s.items);
  for (const [key, setting] of Object.entries(template.settings.items)) {
    const { line, column } = findKeyPoint(input.yamlLines, ['onboarding', 'items', key]);
    if (!items.some((i) => namesItem(key, i.text, i.id))) {
      diagnostics.errors.push(diagnostic(line, column, `\`onboarding.items\` has \`${key}\`, which names no item, so its \`when:\` would be ignored. Use a fragment of an item's text or its id.`));
    }
    for (const field of Object.keys(setting.when)) {
      if (fieldFor(field, template.fields)) continue;
      diagnostics.errors.push(diagnostic(line, column, `\`when:\` of the items \`${key}\` needs the intake field \`${field}\`, which this template does not have. Add \`- ${field}: \\\`xxx\\\`\` to its description.`));
    }
  }
  for (const stage of stages) {
    for (const p of stage.after ?? []) {
      const prerequisite = stages.find((s) => s.key === p);
      if (!prerequisite?.when || JSON.stringify(prerequisite.when) === JSON.stringify(stage.when ?? null)) continue;
      const { line, column } = at(input, stage.key, 'after', stage.line);
      diagnostics.errors.push(
        diagnostic(
          line,
          column,
          `${stage.title} waits for ${prerequisite.title}, which its \`when:\` can leave out, so what it waits for would depend on the customer. Wait for a stage that always applies, or give ${stage.title} the same \`when:\`.`,
        ),
      );
    }
  }
}

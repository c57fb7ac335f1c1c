/**
 * Authoring mistakes in a template file: things that parse fine but are almost certainly not what
 * the author meant. Run on template files only, never on issue bodies: people edit an issue's
 * text (delete a stage, add a note) and that must not stop their onboarding.
 *
 * What blocks and what only warns:
 * - Errors are mistakes that make Embark do something other than what the template says: an
 *   `onboarding.stages` entry that matches no stage (its due date or owner is silently dropped,
 *   just as unknown keys are refused), and two stages with the same number (`/check 2.3`,
 *   `/due 2` and `onboarding.stages."2"` could not tell them apart).
 * - Warnings are things that work but look wrong, where a legitimate template can read the same:
 *   a role one letter away from another (`CMS` beside `CSM`; but `PM` beside `AM` is fine), a stage
 *   `owner:` used nowhere else (a role may exist only as an owner), a gap or step back in the stage
 *   numbers (a stage may have been removed on purpose), and one item without a role among items
 *   that all have one (some items are for whoever is on the stage).
 * - `onboarding.customerFields` naming no intake field is an error (the customer could never fill
 *   it in); naming a field inside a stage's section only warns (it moves to the stage issue, where
 *   the status page does not write).
 */
import type { BodyTrace } from './body.js';
import { type Diagnostics, diagnostic } from './diagnostics.js';
import { fieldNameKey } from './field-spans.js';
import { checkStageGraph } from './graph-checks.js';
import type { Template, TemplateItem, TemplateStage } from './model.js';
import { isNearMiss, nearestName } from './near-miss.js';
import { findKeyPoint } from './yaml-lines.js';

/** What the checks read. */
export interface AuthoringInput {
  template: Template;
  trace: BodyTrace;
  /** The front matter's YAML lines, to point at `onboarding.stages` keys. */
  yamlLines: string[];
}

const fold = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs every check; problems go to `diagnostics`. */
export function checkAuthoring(input: AuthoringInput, diagnostics: Diagnostics): void {
  unmatchedStageSettings(input, diagnostics);
  unknownOwners(input, diagnostics);
  nearMissRoles(input, diagnostics);
  stageNumbers(input.template.stages, diagnostics);
  itemsWithoutRole(input.template, diagnostics);
  customerFields(input, diagnostics);
  checkStageGraph(input, diagnostics);
}

/** How a stage can be named in `onboarding.stages`, for the message. */
function stageNames(stages: TemplateStage[]): string {
  return stages
    .filter((s) => !s.key.startsWith('stage-pre'))
    .map((s) => (s.number !== null ? `"${s.number}"` : `"${s.title}"`))
    .join(', ');
}

function unmatchedStageSettings({ template, trace, yamlLines }: AuthoringInput, diagnostics: Diagnostics): void {
  const used = new Set(trace.stageSettingKeys.filter((k): k is string => k !== null));
  for (const key of Object.keys(template.settings.stages)) {
    if (used.has(key)) continue;
    const { line, column } = findKeyPoint(yamlLines, ['onboarding', 'stages', key]);
    diagnostics.errors.push(
      diagnostic(
        line,
        column,
        `\`onboarding.stages\` has settings for \`${key}\`, which matches no stage, so they would be ignored. Name a stage by its number, key (\`stage-1\`) or heading text; this template's stages are ${stageNames(template.stages) || 'none'}.`,
      ),
    );
  }
}

function unknownOwners({ template, trace, yamlLines }: AuthoringInput, diagnostics: Diagnostics): void {
  const known = template.roles.filter((r) => trace.rolesBeforeOwners.has(fold(r)));
  for (const [key, settings] of Object.entries(template.settings.stages)) {
    const owner = settings.owner;
    if (owner === undefined || trace.rolesBeforeOwners.has(fold(owner))) continue;
    const { line, column } = findKeyPoint(yamlLines, ['onboarding', 'stages', key, 'owner']);
    const near = nearestName(owner, known);
    const hint = near
      ? `Did you mean \`${near}\`?`
      : `If it is a role of its own, declare it in \`onboarding.roles\`${known.length > 0 ? `; the roles here are ${known.join(', ')}` : ''}.`;
    diagnostics.warnings.push(
      diagnostic(line, column, `\`owner: ${owner}\` is not declared in \`onboarding.roles\` nor written as \`${owner} >>\` in any item. ${hint}`),
    );
  }
}

function nearMissRoles({ template, trace }: AuthoringInput, diagnostics: Diagnostics): void {
  const declared = new Set(Object.keys(template.settings.roles).map(fold));
  const items = template.stages.flatMap((s) => s.items);
  const usesOf = (role: string): TemplateItem[] => items.filter((i) => i.role === role);
  // Roles that only exist as a stage owner are reported by unknownOwners.
  const roles = template.roles.filter((r) => trace.rolesBeforeOwners.has(fold(r)));
  const reported = new Set<string>();
  for (const [i, a] of roles.entries()) {
    for (const b of roles.slice(i + 1)) {
      if (!isNearMiss(a, b)) continue;
      // The misspelling is the undeclared one, else the one fewer items use (the later one on a tie).
      if (declared.has(fold(a)) && declared.has(fold(b))) continue;
      const [typo, meant] = declared.has(fold(b)) || (!declared.has(fold(a)) && usesOf(a).length < usesOf(b).length) ? [a, b] : [b, a];
      const first = usesOf(typo)[0];
      if (!first || reported.has(typo)) continue;
      reported.add(typo);
      diagnostics.warnings.push(
        diagnostic(
          first.line,
          first.column,
          `\`${typo}\` (${plural(usesOf(typo).length, 'item')}) looks like a misspelling of \`${meant}\` (${plural(usesOf(meant).length, 'item')}); a role of its own gets its own people. Write \`${meant} >>\`, or declare \`${typo}\` in \`onboarding.roles\` if it is a different role.`,
        ),
      );
    }
  }
}

function stageNumbers(stages: TemplateStage[], diagnostics: Diagnostics): void {
  const numbered = stages.filter((s) => s.number !== null);
  const firstLine = new Map<number, number>();
  numbered.forEach((stage, i) => {
    const n = stage.number!;
    const seen = firstLine.get(n);
    if (seen !== undefined) {
      diagnostics.errors.push(
        diagnostic(
          stage.line,
          1,
          `Stage ${n} appears twice (lines ${seen} and ${stage.line}): commands (\`/check ${n}.1\`, \`/due ${n}\`) and \`onboarding.stages\` name stages by number, so each number must be used once. Renumber the stages.`,
        ),
      );
      return;
    }
    firstLine.set(n, stage.line);
    const previous = numbered[i - 1]?.number;
    if (previous === undefined || previous === null) return;
    if (n > previous + 1) {
      const missing = n === previous + 2 ? `Stage ${previous + 1}` : `Stages ${previous + 1} to ${n - 1}`;
      diagnostics.warnings.push(
        diagnostic(stage.line, 1, `Stage ${n} follows Stage ${previous}: there is no ${missing}. Renumber the stages, or add the missing one.`),
      );
    } else if (n < previous) {
      diagnostics.warnings.push(
        diagnostic(stage.line, 1, `Stage ${n} comes after Stage ${previous}: stages run in the order they are written. Renumber or reorder them.`),
      );
    }
  });
}

function itemsWithoutRole(template: Template, diagnostics: Diagnostics): void {
  // Intake fields written as task items (`- [ ] Tenant ID: xxx`) are data, not work for a role.
  const fieldItems = new Set(template.fields.map((f) => f.itemId).filter((id): id is string => id !== null));
  for (const stage of template.stages) {
    // Nested items are sub-steps of the item above them: they need no role of their own.
    const items = stage.items.filter((i) => i.depth === 0 && !fieldItems.has(i.id));
    const without = items.filter((i) => i.role === null);
    if (without.length !== 1 || items.length < 3) continue;
    const item = without[0]!;
    diagnostics.warnings.push(
      diagnostic(
        item.line,
        item.column,
        `This item names no role, unlike the other ${items.length - 1} items of ${stage.title}, so no one is assigned to it. Start it with \`ROLE >>\`, or set an \`owner:\` for the stage in \`onboarding.stages\`.`,
      ),
    );
  }
}

function customerFields({ template, yamlLines }: AuthoringInput, diagnostics: Diagnostics): void {
  const names = [...new Set(template.fields.map((f) => f.name))];
  const body = template.body ?? '';
  template.settings.customerFields.forEach((wanted, index) => {
    const { line, column } = findKeyPoint(yamlLines, ['onboarding', 'customerFields', index]);
    const fields = template.fields.filter((f) => fieldNameKey(f.name) === fieldNameKey(wanted));
    if (fields.length === 0) {
      const known = names.length > 0 ? `this template's fields are ${names.join(', ')}` : 'this template has none (write one as - Name: `xxx` under a Description heading)';
      diagnostics.errors.push(
        diagnostic(line, column, `\`onboarding.customerFields\` names \`${wanted}\`, which matches no intake field, so the customer could never fill it in. Write the name as the body does; ${known}.`),
      );
      return;
    }
    const inStage = (f: (typeof fields)[number]) => template.stages.some((s) => f.line >= s.line && f.line <= s.line + lineCount(body, s.startOffset, s.endOffset));
    if (fields.every(inStage)) {
      const first = fields[0]!;
      diagnostics.warnings.push(
        diagnostic(first.line, 1, `\`${first.name}\` is listed in \`onboarding.customerFields\` but sits inside a stage, so it moves to that stage's issue and the status page cannot fill it in. Move it above the first stage (under Description).`),
      );
    }
  });
}

/** Lines a section spans after its first one. */
function lineCount(body: string, start: number, end: number): number {
  return (body.slice(start, end).trimEnd().match(/\n/g) ?? []).length;
}

/**
 * The markdown half of a template (or of an issue opened from one): stages, items, intake
 * fields, roles and footnotes, from one mdast parse.
 */
import { collectListItems, isTask, type ListEntry } from '../checklist/list-items.js';
import { parseMarkdown } from '../checklist/mdast.js';
import { conditionOf } from './conditions.js';
import { type Diagnostics, diagnostic } from './diagnostics.js';
import { fieldOf } from './fields.js';
import { readFootnotes } from './footnotes.js';
import { buildItems } from './items.js';
import type { IntakeField, Template, TemplateStage } from './model.js';
import { addRole, createRoleBook, explicitMarker } from './roles.js';
import { findSections, headingText, type Section, stageKeys } from './sections.js';
import type { TemplateSettings } from './settings.js';

type StageSettings = TemplateSettings['stages'][string];

/** GitHub allows at most 100 sub-issues per parent: one per stage. */
export const MAX_STAGES = 100;

/** What the body parser needs from outside the body. */
export interface BodyOptions {
  settings: TemplateSettings;
  /** Roles already known (from the template, when parsing an issue body). */
  knownRoles?: readonly string[];
  /** Lines above the body in the file (front matter), added to every line number. */
  lineOffset: number;
  /** Report a body without stages as an error (default true). */
  requireStages?: boolean;
  /** Filled in for the authoring checks (`authoring.ts`), which need facts the model drops. */
  trace?: BodyTrace;
  /**
   * The body of an issue form (or one opened from it): every field is a `### <label>` heading, so
   * a stage ends at the next one, and checkboxes that are not a stage are answers, not stray items.
   */
  form?: boolean;
}

/** What the authoring checks learn from reading the body. */
export interface BodyTrace {
  /** Per stage (in `stages` order), the `onboarding.stages` key whose settings it took, or null. */
  stageSettingKeys: Array<string | null>;
  /** Lower-cased spellings of the roles declared or written as markers, before stage owners are added. */
  rolesBeforeOwners: Set<string>;
  /** Each name written in an `after:` list, with the stage it resolved to (null: no such stage). */
  afterNames?: Array<{ settingKey: string; stageKey: string; name: string; resolved: string | null }>;
}

/** The parts of a Template that come from the markdown. */
export type TemplateBody = Pick<Template, 'roles' | 'fields' | 'stages' | 'footnotes'>;

type TaskEntry = ListEntry & { checked: boolean; checkboxOffset: number };


/** `onboarding.stages` entry for a stage, with its key: by number, key, or heading text (any case). */
function stageSettings(settings: TemplateSettings, section: Section, key: string) {
  const byKey = (name: string) => (Object.hasOwn(settings.stages, name) ? { name, entry: settings.stages[name]! } : undefined);
  const byText = (text: string) => {
    const name = Object.keys(settings.stages).find((n) => text !== '' && n.trim().toLowerCase() === text.toLowerCase());
    return name === undefined ? undefined : byKey(name);
  };
  return (
    (section.number !== null ? byKey(String(section.number)) : undefined) ??
    byKey(key) ??
    byText(section.headingText) ??
    byText(section.title)
  );
}

/** The heading text above each offset: the nearest root-level heading before it. */
function headingAbove(doc: NonNullable<ReturnType<typeof parseMarkdown>['doc']>) {
  const headings = doc.root.children.flatMap((node) =>
    node.type === 'heading' ? [{ start: (node.position?.start.offset ?? 0) + doc.shift, text: headingText(node) }] : [],
  );
  return (offset: number): string => headings.filter((h) => h.start < offset).at(-1)?.text ?? '';
}

const trimSection = (markdown: string): string => markdown.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();

/** Parses the body; problems go to `diagnostics`. */
export function parseBody(body: string, options: BodyOptions, diagnostics: Diagnostics): TemplateBody {
  const { lineOffset, settings } = options;
  const roles = createRoleBook(settings.roles, options.knownRoles);
  const result: TemplateBody = { roles: roles.names, fields: [], stages: [], footnotes: {} };
  const parsed = parseMarkdown(body);
  if (!parsed.doc) {
    const { line, column, message } = parsed.problem;
    diagnostics.errors.push(diagnostic(line + lineOffset, column, message));
    return result;
  }
  const doc = parsed.doc;
  const entries = collectListItems(doc);
  for (const entry of entries) {
    if (entry.emptyTask)
      diagnostics.warnings.push(
        diagnostic(entry.line + lineOffset, entry.column, 'This checkbox has no text, so it is not an item: write what to do after `- [ ]`, or delete the line.'),
      );
  }
  const tasks = entries.filter(isTask) as TaskEntry[];
  // Register every explicit role first, so `CSM checked ...` is recognised even above `CSM >> ...`.
  for (const task of tasks) {
    const marker = explicitMarker(task.text);
    if (marker) addRole(roles, marker.name);
  }
  const footnotes = readFootnotes(doc, lineOffset, diagnostics);
  result.footnotes = footnotes.byLabel;
  const report = findSections(doc, tasks.map((t) => t.startOffset), { sameLevelEnds: options.form === true });
  for (const empty of report.emptyStageHeadings) {
    diagnostics.warnings.push(
      diagnostic(empty.line + lineOffset, 1, `\`${empty.text}\` has no \`- [ ]\` items under it, so it is not a stage: add items or remove the heading.`),
    );
  }
  const keys = stageKeys(report.sections);
  for (const spelling of roles.byKey.keys()) options.trace?.rolesBeforeOwners.add(spelling);
  const itemIds = new Map<ListEntry, string>();
  const names: string[][] = [];
  const afterSettings: Array<{ settingKey: string; after: NonNullable<StageSettings['after']> } | null> = [];
  report.sections.forEach((section, index) => {
    const key = keys[index]!;
    const own = tasks.filter((t) => t.startOffset >= section.startOffset && t.startOffset < section.endOffset);
    const found = stageSettings(settings, section, key);
    options.trace?.stageSettingKeys.push(found?.name ?? null);
    const stageSetting = found?.entry;
    const items = buildItems(own, { stageKey: key, owner: stageSetting?.owner ?? null, settings, roles, footnotes, lineOffset });
    own.forEach((entry, i) => {
      itemIds.set(entry, items[i]!.id);
    });
    const stage: TemplateStage = {
      key,
      number: section.number,
      title: section.title,
      line: section.line + lineOffset,
      startOffset: section.startOffset,
      endOffset: section.endOffset,
      markdown: trimSection(doc.source.slice(section.contentOffset, section.endOffset)),
      items,
      dueDays: stageSetting?.due ?? settings.due[index] ?? null,
      after: null,
      deadlineDays: stageSetting?.deadline ?? null,
      optional: stageSetting?.optional ?? false,
      when: stageSetting?.when ? conditionOf(stageSetting.when) : null,
    };
    result.stages.push(stage);
    // `after:` may also name a stage by its title alone (`Access` for `Stage 2: Access`).
    const bare = section.title.replace(/^(?:stage|phase)\s+\d+\s*[:.)-]?\s*/i, '');
    names.push([String(section.number ?? ''), key, section.headingText, section.title, bare]);
    afterSettings.push(found && stageSetting?.after !== undefined ? { settingKey: found.name, after: stageSetting.after } : null);
  });
  resolveAfter(result.stages, names, afterSettings, options.trace);
  const orphans = tasks.filter((t) => !itemIds.has(t));
  if (orphans.length > 0 && result.stages.length > 0 && !options.form) {
    const first = orphans[0]!;
    diagnostics.warnings.push(
      diagnostic(first.line + lineOffset, first.column, `${orphans.length} item(s) from here on are outside every stage and are ignored: move them under a \`### Stage N\` heading.`),
    );
  }
  const above = headingAbove(doc);
  result.fields = entries
    .map((entry) => fieldOf({ entry, heading: above(entry.startOffset), itemId: itemIds.get(entry) ?? null }, lineOffset))
    .filter((f): f is IntakeField => f !== null);
  if (options.requireStages !== false) validateStages(result.stages, lineOffset, diagnostics);
  return result;
}

/**
 * Turn each stage's `after:` names into stage keys. A name matches a stage's number, key or
 * heading text (any case). Names that match nothing are dropped here (an issue body whose stage
 * was deleted still starts) and reported by the authoring checks for template files.
 */
function resolveAfter(
  stages: TemplateStage[],
  names: string[][],
  settings: Array<{ settingKey: string; after: NonNullable<StageSettings['after']> } | null>,
  trace: BodyTrace | undefined,
): void {
  const fold = (n: string) => n.replace(/\s+/g, ' ').trim().toLowerCase();
  const find = (name: string): string | null => {
    const wanted = fold(name);
    const i = names.findIndex((candidates) => candidates.some((c) => c !== '' && fold(c) === wanted));
    return i >= 0 ? stages[i]!.key : null;
  };
  stages.forEach((stage, i) => {
    const setting = settings[i];
    if (!setting) return;
    const list = Array.isArray(setting.after) ? setting.after : [setting.after];
    const keys: string[] = [];
    for (const raw of list) {
      const name = String(raw);
      const resolved = find(name);
      trace?.afterNames?.push({ settingKey: setting.settingKey, stageKey: stage.key, name, resolved });
      if (resolved !== null && !keys.includes(resolved)) keys.push(resolved);
    }
    stage.after = keys;
  });
}

function validateStages(stages: TemplateStage[], lineOffset: number, diagnostics: Diagnostics): void {
  if (stages.length === 0) {
    diagnostics.errors.push(
      diagnostic(lineOffset + 1, 1, 'No checklist found: add `### Stage 1` headings with `- [ ] ...` items under them.'),
    );
  }
  if (stages.length > MAX_STAGES) {
    diagnostics.errors.push(
      diagnostic(stages[MAX_STAGES]!.line, 1, `The template has ${stages.length} stages; GitHub allows at most ${MAX_STAGES} sub-issues per issue. Merge stages.`),
    );
  }
}

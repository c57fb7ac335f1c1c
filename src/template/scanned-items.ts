/**
 * The items of an issue body read from a line scan (`checklist/scan.ts`) instead of a remark
 * parse: the same stage sections, roles, ids and optional flags `parseIssueBody` gives, built
 * by the same functions, for the bodies the scan accepts. Null when it does not.
 */
import type { ListEntry } from '../checklist/list-items.js';
import { type ScannedTask, scanChecklist } from '../checklist/scan.js';
import { buildItems } from './items.js';
import type { Template, TemplateItem } from './model.js';
import { addRole, createRoleBook, explicitMarker } from './roles.js';
import { findSections, stageKeys } from './sections.js';


type TaskEntry = ListEntry & { checked: boolean; checkboxOffset: number };

/** A scanned task in the shape `buildItems` takes; it reads text, box, place and depth, not the tree. */
function entryOf(task: ScannedTask): TaskEntry {
  return {
    node: { type: 'listItem', children: [] },
    paragraph: null,
    checked: task.checked,
    emptyTask: false,
    text: task.text,
    checkboxOffset: task.checkboxOffset,
    line: task.line,
    column: task.column,
    depth: task.depth,
    inBlockquote: false,
    startOffset: task.startOffset,
    endOffset: task.startOffset,
  };
}

/**
 * The items of `body` (an issue opened from `template`, or a stage issue), stage by stage in
 * document order, as `parseIssueBody(body, template)` would give them, except `links` (always
 * empty: footnotes are not resolved). Null when the scan refuses the body, or when the template
 * has per-stage settings (a stage owner changes roles; item readers never carry them).
 */
export function scanIssueBodyItems(body: string, template: Template): TemplateItem[] | null {
  if (Object.keys(template.settings.stages).length > 0) return null;
  const scan = scanChecklist(body);
  if (!scan) return null;
  const roles = createRoleBook(template.settings.roles, template.roles);
  // Every explicit role first, as the full parse does, so the first spelling wins everywhere.
  for (const task of scan.tasks) {
    const marker = explicitMarker(task.text);
    if (marker) addRole(roles, marker.name);
  }
  const entries = scan.tasks.map(entryOf);
  const { sections } = findSections(scan.skeleton, entries.map((t) => t.startOffset));
  const keys = stageKeys(sections);
  const footnotes = { byLabel: {}, byIdentifier: new Map<string, string>() };
  return sections.flatMap((section, index) => {
    const own = entries.filter((t) => t.startOffset >= section.startOffset && t.startOffset < section.endOffset);
    return buildItems(own, { stageKey: keys[index]!, owner: null, settings: template.settings, roles, footnotes, lineOffset: 0 });
  });
}

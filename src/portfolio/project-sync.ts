/**
 * What to write to a GitHub Project (v2) so it holds one item per EPIC with the fields Status,
 * Stage, Due, Owner and Customer (pure): the project as read, plus the portfolio rows, give one
 * `syncProjectItem` action per EPIC whose item is missing or differs, naming only the fields that
 * differ. Nothing that matches is written, so a sweep that finds nothing changed writes nothing.
 * Embark never creates fields or options in people's project: what is missing becomes a warning.
 */
import type { ProjectFieldWrite, SyncProjectItem } from '../onboarding/plan.js';
import type { OnboardingRow } from './row.js';

/** The fields Embark keeps, by the names people give them in the project (matched case-insensitively). */
export const PROJECT_FIELDS = ['Status', 'Stage', 'Due', 'Owner', 'Customer'] as const;
export type ProjectFieldName = (typeof PROJECT_FIELDS)[number];

/** The data type each field must have (GitHub's `ProjectV2FieldType`). */
const FIELD_TYPES: Record<ProjectFieldName, string> = { Status: 'SINGLE_SELECT', Stage: 'TEXT', Due: 'DATE', Owner: 'TEXT', Customer: 'TEXT' };

/** A field of the project, with its options when it is a single-select field. */
export interface ProjectField {
  id: string;
  name: string;
  dataType: string;
  options?: { id: string; name: string }[];
}

/** An item of the project that is an issue, with the values set on it by field id. */
export interface ProjectItem {
  id: string;
  /** `owner/name` of the issue's repository. */
  repo: string;
  number: number;
  /** Field id -> text, `YYYY-MM-DD` date, or single-select option id. Unset fields are absent. */
  values: Record<string, string>;
}

/** A project as read: its node id, fields and issue items. */
export interface ProjectSnapshot {
  id: string;
  /** For messages: `acme/7`. */
  name: string;
  fields: ProjectField[];
  items: ProjectItem[];
}


export interface ProjectSyncInput {
  project: ProjectSnapshot;
  rows: OnboardingRow[];
  /** Node ids of EPICs that have no item yet (the executor adds them); an EPIC without one is skipped. */
  contentIds: Record<number, string>;
  /** The repository's local date of an instant (`YYYY-MM-DD`): the Due field is a date. */
  localDate: (iso: string) => string;
}

export interface ProjectSyncPlan {
  actions: SyncProjectItem[];
  /** Missing fields or options, once each, in words a project owner can act on. */
  warnings: string[];
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Every login behind the row's roles, once each, in role order. */
function ownerLogins(row: OnboardingRow): string {
  return [...new Set(Object.values(row.owners).flat())].join(', ');
}

/** The project's fields by Embark's names, and a warning for each that is missing or of another type. */
function matchFields(project: ProjectSnapshot, warnings: string[]): Partial<Record<ProjectFieldName, ProjectField>> {
  const found: Partial<Record<ProjectFieldName, ProjectField>> = {};
  for (const name of PROJECT_FIELDS) {
    const field = project.fields.find((f) => same(f.name, name));
    const type = FIELD_TYPES[name];
    if (!field) warnings.push(`project ${project.name} has no field "${name}" (${type.toLowerCase().replace('_', '-')}): add it to sync it`);
    else if (field.dataType !== type) warnings.push(`project ${project.name}: field "${field.name}" is ${field.dataType.toLowerCase()}, Embark needs ${type.toLowerCase().replace('_', '-')}: not synced`);
    else found[name] = field;
  }
  return found;
}

/** Plan the writes that make the project match the rows. Items of other issues are never touched. */
export function planProjectSync(input: ProjectSyncInput): ProjectSyncPlan {
  const { project, rows } = input;
  const warnings: string[] = [];
  const fields = matchFields(project, warnings);
  const missingOptions = new Set<string>();
  const byIssue = new Map(project.items.map((i) => [`${i.repo}#${i.number}`.toLowerCase(), i]));
  const actions: SyncProjectItem[] = [];

  for (const row of rows) {
    const item = byIssue.get(`${row.repo}#${row.epic}`.toLowerCase()) ?? null;
    const wanted: ProjectFieldWrite[] = [];
    const want = (name: ProjectFieldName, value: ProjectFieldWrite['value']) => {
      const field = fields[name];
      if (field) wanted.push({ fieldId: field.id, name: field.name, value });
    };
    const status = fields.Status?.options?.find((o) => same(o.name, row.status));
    if (status) want('Status', { singleSelectOptionId: status.id });
    else if (fields.Status) missingOptions.add(row.status);
    want('Stage', row.stage ? { text: row.stage.title } : null);
    want('Due', row.dueAt ? { date: input.localDate(row.dueAt) } : null);
    const owners = ownerLogins(row);
    want('Owner', owners ? { text: owners } : null);
    want('Customer', { text: row.customer });

    const changed = wanted.filter((w) => !matches(item?.values[w.fieldId], w.value));
    if (item && changed.length === 0) continue;
    const contentId = input.contentIds[row.epic];
    if (!item && contentId === undefined) continue;
    const target = item ? { itemId: item.id } : { contentId: contentId! };
    actions.push({ kind: 'syncProjectItem', projectId: project.id, epic: row.epic, target, fields: changed });
  }
  for (const option of missingOptions) {
    warnings.push(`project ${project.name}: the Status field has no option "${option}": add it to show ${option} onboardings (Status left as it was)`);
  }
  return { actions, warnings };
}

/** Whether the value on the item is already the one wanted (absent = cleared). */
function matches(current: string | undefined, wanted: ProjectFieldWrite['value']): boolean {
  if (wanted === null) return current === undefined || current === '';
  const value = 'text' in wanted ? wanted.text : 'date' in wanted ? wanted.date : wanted.singleSelectOptionId;
  return current === value;
}

/** The notice shown in the dashboard while the sync has warnings (empty when it has none). */
export function projectSyncNotice(warnings: string[]): string {
  if (warnings.length === 0) return '';
  const lines = ['> [!WARNING]', '> **GitHub Project sync:**', ...warnings.map((w) => `> - ${w}`)];
  return `\n${lines.join('\n')}\n`;
}

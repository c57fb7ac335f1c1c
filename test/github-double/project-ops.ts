/**
 * GitHub Projects (v2) in the double, as far as an app syncing items uses them: projects per
 * account with a number, fields (text, date, number, single-select with options), items that
 * point at issues, and the values set on them. A new project has GitHub's built-in "Title" and
 * "Status" (Todo, In Progress, Done) fields. The app's access is one switch, like the
 * installation's "Organization projects" permission: `none` refuses every read and write with
 * GitHub's FORBIDDEN "Resource not accessible by integration", `read` refuses writes.
 */
import { GraphQLDomainError } from './errors.js';
import type { Actor } from './types.js';

export type ProjectFieldType = 'TEXT' | 'DATE' | 'NUMBER' | 'SINGLE_SELECT';

export interface ProjectFieldRecord {
  id: string;
  name: string;
  dataType: ProjectFieldType;
  options: { id: string; name: string }[];
  /** Built-in fields (Title) take their value from the issue and cannot be set. */
  builtIn: boolean;
}

export interface ProjectItemRecord {
  id: string;
  /** Database id of the issue. */
  issueId: number;
  /** Field id -> text, `YYYY-MM-DD`, number, or option id. */
  values: Map<string, string | number>;
  created_at: string;
  updated_at: string;
}

export interface ProjectRecord {
  id: string;
  /** Login of the owning account. */
  owner: string;
  number: number;
  title: string;
  fields: ProjectFieldRecord[];
  items: ProjectItemRecord[];
  created_at: string;
}

export type ProjectAccess = 'none' | 'read' | 'write';

/** A field to create with {@link ProjectBoard.add}. */
export interface ProjectFieldInput {
  name: string;
  dataType: ProjectFieldType;
  /** Option names of a single-select field. */
  options?: string[];
}

/** The value input GitHub takes (`ProjectV2FieldValue`): exactly one key for the field's type. */
export interface ProjectValueInput {
  text?: string | null;
  date?: string | null;
  number?: number | null;
  singleSelectOptionId?: string | null;
  iterationId?: string | null;
}

const forbidden = () => new GraphQLDomainError('FORBIDDEN', 'Resource not accessible by integration');
const unresolved = (id: unknown) => new GraphQLDomainError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
const KEY_OF: Record<ProjectFieldType, keyof ProjectValueInput> = { TEXT: 'text', DATE: 'date', NUMBER: 'number', SINGLE_SELECT: 'singleSelectOptionId' };

/** Every project of the double, and the app's access to them. */
export class ProjectBoard {
  readonly projects: ProjectRecord[] = [];
  /** What the app's installation may do with projects; people are never refused. */
  appAccess: ProjectAccess = 'write';
  private sequence = 0;

  private id(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_kwDO${Buffer.from(`project:${this.sequence}`).toString('base64url')}`;
  }

  /** Refuse the app what its access does not cover. */
  check(actor: Actor, need: 'read' | 'write'): void {
    if (!actor.viaApp) return;
    if (this.appAccess === 'none' || (need === 'write' && this.appAccess === 'read')) throw forbidden();
  }

  /** Create a project under `owner`, numbered after the account's last one unless `number` is given. */
  add(owner: string, input: { title?: string; number?: number; fields?: ProjectFieldInput[] }, now: string): ProjectRecord {
    const taken = this.projects.filter((p) => p.owner.toLowerCase() === owner.toLowerCase()).map((p) => p.number);
    const number = input.number ?? Math.max(0, ...taken) + 1;
    if (taken.includes(number)) throw new Error(`GitHub double: ${owner} already has project ${number}`);
    const field = (f: ProjectFieldInput, builtIn = false): ProjectFieldRecord => ({
      id: this.id(f.dataType === 'SINGLE_SELECT' ? 'PVTSSF' : 'PVTF'),
      name: f.name,
      dataType: f.dataType,
      options: (f.options ?? []).map((name, i) => ({ id: Buffer.from(`${this.sequence}:${i}`).toString('hex').slice(0, 8), name })),
      builtIn,
    });
    const extra = input.fields ?? [];
    const status = extra.find((f) => f.name.toLowerCase() === 'status') ?? { name: 'Status', dataType: 'SINGLE_SELECT' as const, options: ['Todo', 'In Progress', 'Done'] };
    const fields = [field({ name: 'Title', dataType: 'TEXT' }, true), field(status), ...extra.filter((f) => f !== status).map((f) => field(f))];
    const project: ProjectRecord = { id: this.id('PVT'), owner, number, title: input.title ?? `Project ${number}`, fields, items: [], created_at: now };
    this.projects.push(project);
    return project;
  }

  find(owner: string, number: number): ProjectRecord | undefined {
    return this.projects.find((p) => p.owner.toLowerCase() === owner.toLowerCase() && p.number === number);
  }

  byId(id: unknown): ProjectRecord {
    const project = this.projects.find((p) => p.id === id);
    if (!project) throw unresolved(id);
    return project;
  }

  item(project: ProjectRecord, id: unknown): ProjectItemRecord {
    const item = project.items.find((i) => i.id === id);
    if (!item) throw unresolved(id);
    return item;
  }

  field(project: ProjectRecord, id: unknown): ProjectFieldRecord {
    const field = project.fields.find((f) => f.id === id);
    if (!field) throw unresolved(id);
    return field;
  }

  /** Add an issue as an item; an issue that already is one answers with that item (as GitHub does). */
  addItem(project: ProjectRecord, issueId: number, now: string): ProjectItemRecord {
    const existing = project.items.find((i) => i.issueId === issueId);
    if (existing) return existing;
    const item: ProjectItemRecord = { id: this.id('PVTI'), issueId, values: new Map(), created_at: now, updated_at: now };
    project.items.push(item);
    return item;
  }

  /** Set one field of an item; the value must be of the field's type. */
  setValue(item: ProjectItemRecord, field: ProjectFieldRecord, value: ProjectValueInput, now: string): void {
    if (field.builtIn) throw new GraphQLDomainError('UNPROCESSABLE', `The field ${field.name} cannot be updated.`);
    const given = (Object.keys(value) as (keyof ProjectValueInput)[]).filter((k) => value[k] != null);
    const key = KEY_OF[field.dataType];
    if (given.length !== 1 || given[0] !== key) {
      throw new GraphQLDomainError('UNPROCESSABLE', `Did not receive a ${key} value to update a field of type ${field.dataType.toLowerCase()}`);
    }
    const v = value[key]!;
    if (key === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) throw new GraphQLDomainError('UNPROCESSABLE', `"${String(v)}" is not a valid date`);
    if (key === 'singleSelectOptionId' && !field.options.some((o) => o.id === v)) {
      throw new GraphQLDomainError('UNPROCESSABLE', `The single select option Id does not belong to the field`);
    }
    item.values.set(field.id, v);
    item.updated_at = now;
  }

  clearValue(item: ProjectItemRecord, field: ProjectFieldRecord, now: string): void {
    if (field.builtIn) throw new GraphQLDomainError('UNPROCESSABLE', `The field ${field.name} cannot be cleared.`);
    item.values.delete(field.id);
    item.updated_at = now;
  }
}

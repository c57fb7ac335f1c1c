/**
 * The executor of `syncProjectItem`: one GraphQL request per EPIC, whose aliased
 * `updateProjectV2ItemFieldValue` / `clearProjectV2ItemFieldValue` mutations set every field that
 * differs. EPICs not yet in the project are first added together, in one request of aliased
 * `addProjectV2ItemById` (GraphQL cannot pass a new item's id to another mutation of the same
 * document). Every one of these mutations is idempotent (adding an issue that is already an item
 * answers with that item), so a retry after a partial failure converges.
 */
import type { ProjectFieldWrite, SyncProjectItem } from '../onboarding/plan.js';
import type { Octokit } from './octokit.js';



/** Requests sent. */
export interface ProjectSyncResult {
  writes: number;
}

interface Mutation {
  query: string;
  variables: Record<string, unknown>;
}

/** Aliased mutations in one document, inputs in variables. */
function document(name: string, parts: { mutation: string; type: string; input: Record<string, unknown>; select: string }[]): Mutation {
  const declarations = parts.map((p, i) => `$m${i}: ${p.type}!`);
  const fields = parts.map((p, i) => `m${i}: ${p.mutation}(input: $m${i}) { ${p.select} }`);
  const variables = Object.fromEntries(parts.map((p, i) => [`m${i}`, p.input]));
  return { query: `mutation ${name}(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

/** The one request that brings an item's fields to the values wanted. */
export function fieldMutation(projectId: string, itemId: string, fields: ProjectFieldWrite[]): Mutation | null {
  if (fields.length === 0) return null;
  return document(
    'EmbarkProjectItem',
    fields.map((f) =>
      f.value === null
        ? { mutation: 'clearProjectV2ItemFieldValue', type: 'ClearProjectV2ItemFieldValueInput', input: { projectId, itemId, fieldId: f.fieldId }, select: 'clientMutationId' }
        : { mutation: 'updateProjectV2ItemFieldValue', type: 'UpdateProjectV2ItemFieldValueInput', input: { projectId, itemId, fieldId: f.fieldId, value: f.value }, select: 'clientMutationId' },
    ),
  );
}

/** Add the missing items in one request; returns each EPIC's new item id. */
async function addItems(octokit: Octokit, adds: SyncProjectItem[]): Promise<Map<number, string>> {
  const mutation = document(
    'EmbarkProjectAdd',
    adds.map((a) => ({
      mutation: 'addProjectV2ItemById',
      type: 'AddProjectV2ItemByIdInput',
      input: { projectId: a.projectId, contentId: 'contentId' in a.target ? a.target.contentId : '' },
      select: 'item { id }',
    })),
  );
  const data = await octokit.graphql<Record<string, { item: { id: string } | null } | null>>(mutation.query, mutation.variables);
  const ids = new Map<number, string>();
  adds.forEach((a, i) => {
    const id = data[`m${i}`]?.item?.id;
    if (id) ids.set(a.epic, id);
  });
  return ids;
}

/** Apply every `syncProjectItem` of a plan. */
export async function applyProjectSync(octokit: Octokit, actions: SyncProjectItem[]): Promise<ProjectSyncResult> {
  const result: ProjectSyncResult = { writes: 0 };
  const adds = actions.filter((a) => 'contentId' in a.target);
  const added = adds.length > 0 ? await addItems(octokit, adds) : new Map<number, string>();
  if (adds.length > 0) result.writes++;
  for (const a of actions) {
    const itemId = 'itemId' in a.target ? a.target.itemId : added.get(a.epic);
    if (!itemId) throw new Error(`project item for EPIC #${a.epic} was not created`);
    const mutation = fieldMutation(a.projectId, itemId, a.fields);
    if (!mutation) continue;
    await octokit.graphql(mutation.query, mutation.variables);
    result.writes++;
  }
  return result;
}

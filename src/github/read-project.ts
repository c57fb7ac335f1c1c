/**
 * Read a GitHub Project (v2) for the sync: its fields (with single-select options) and its issue
 * items with their field values, 100 items a page, in one query per page. The owner is looked up
 * as `repositoryOwner`, so an organization's and a user's project are read the same way. When the
 * app may not read it (no "Organization projects" permission) or it does not exist, the answer is
 * a warning instead of an error: the sync is optional and must not break the sweep.
 */
import type { ProjectField, ProjectItem, ProjectSnapshot } from '../portfolio/project-sync.js';
import type { Octokit } from './octokit.js';

const PROJECT = `query EmbarkProject($owner: String!, $number: Int!, $after: String) {
  repositoryOwner(login: $owner) {
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        id
        fields(first: 50) { nodes {
          ... on ProjectV2FieldCommon { id name dataType }
          ... on ProjectV2SingleSelectField { options { id name } }
        } }
        items(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            content { ... on Issue { number repository { nameWithOwner } } }
            fieldValues(first: 50) { nodes {
              ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
            } }
          }
        }
      }
    }
  }
}`;

interface FieldValueNode {
  text?: string | null;
  date?: string | null;
  optionId?: string | null;
  field?: { id?: string } | null;
}

interface ProjectAnswer {
  repositoryOwner: {
    projectV2?: {
      id: string;
      fields: { nodes: ({ id?: string; name?: string; dataType?: string; options?: { id: string; name: string }[] } | null)[] };
      items: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ({ id: string; content: { number?: number; repository?: { nameWithOwner: string } } | null; fieldValues: { nodes: (FieldValueNode | null)[] } } | null)[];
      };
    } | null;
  } | null;
}

/** The project, or why it cannot be synced (in words the people who set `project:` can act on). */
export type ProjectRead = { ok: true; project: ProjectSnapshot; reads: number } | { ok: false; warning: string; reads: number };

/** The permission the sync needs, as GitHub's app settings name it. */
export const PROJECT_PERMISSION = 'Organization permissions → Projects: Read and write';

/** Whether GitHub refused a GraphQL request for lack of permission (`type: FORBIDDEN`). */
export function isForbidden(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.some((e) => e.type === 'FORBIDDEN');
}

function isNotFound(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.some((e) => e.type === 'NOT_FOUND');
}

/** The warning for a project the app may not use. */
export function forbiddenWarning(name: string, error: unknown): string {
  const detail = (error as { errors?: { message?: string }[] }).errors?.find((e) => e.message)?.message ?? 'forbidden';
  return `the app may not use project ${name} (GitHub: "${detail}"): it needs the "${PROJECT_PERMISSION}" permission; an organization owner accepts it in the app's installation settings. Nothing else is affected.`;
}

function storedValue(node: FieldValueNode): string | null {
  return node.text ?? node.date ?? node.optionId ?? null;
}

/** Read the whole project (every page of items). */
export async function readProject(octokit: Octokit, where: { owner: string; number: number }): Promise<ProjectRead> {
  const name = `${where.owner}/${where.number}`;
  let after: string | null = null;
  let fields: ProjectField[] = [];
  let id = '';
  const items: ProjectItem[] = [];
  for (let reads = 1; reads <= 500; reads++) {
    let answer: ProjectAnswer;
    try {
      answer = await octokit.graphql<ProjectAnswer>(PROJECT, { owner: where.owner, number: where.number, after });
    } catch (error) {
      if (isForbidden(error)) return { ok: false, warning: forbiddenWarning(name, error), reads };
      if (isNotFound(error)) return { ok: false, warning: notFound(name), reads };
      throw error;
    }
    const project = answer.repositoryOwner?.projectV2;
    if (!project) return { ok: false, warning: notFound(name), reads };
    id = project.id;
    fields = project.fields.nodes.flatMap((f) => (f?.id && f.name && f.dataType ? [{ id: f.id, name: f.name, dataType: f.dataType, ...(f.options ? { options: f.options } : {}) }] : []));
    for (const node of project.items.nodes) {
      const content = node?.content;
      if (!node || content?.number === undefined || !content.repository) continue;
      const values: Record<string, string> = {};
      for (const v of node.fieldValues.nodes) {
        const value = v ? storedValue(v) : null;
        if (v?.field?.id && value !== null) values[v.field.id] = value;
      }
      items.push({ id: node.id, repo: content.repository.nameWithOwner, number: content.number, values });
    }
    if (!project.items.pageInfo.hasNextPage) return { ok: true, project: { id, name, fields, items }, reads };
    after = project.items.pageInfo.endCursor;
  }
  throw new Error(`project ${name}: more than 50,000 items`);
}

function notFound(name: string): string {
  return `project ${name} was not found: check \`project\` (owner and number) in .github/onboarding.yml`;
}

/** Node ids of issues by number (the EPICs not yet in the project), 100 per request. */
export async function readIssueIds(octokit: Octokit, repo: { owner: string; repo: string }, numbers: number[]): Promise<{ ids: Record<number, string>; reads: number }> {
  const ids: Record<number, string> = {};
  let reads = 0;
  for (let i = 0; i < numbers.length; i += 100) {
    const chunk = numbers.slice(i, i + 100);
    const fields = chunk.map((n) => `e${n}: issue(number: ${Math.trunc(n)}) { id }`).join(' ');
    const query = `query EmbarkEpicIds($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`;
    const data = await octokit.graphql<{ repository: Record<string, { id: string } | null> }>(query, { owner: repo.owner, name: repo.repo });
    reads++;
    for (const n of chunk) {
      const found = data.repository[`e${n}`];
      if (found) ids[n] = found.id;
    }
  }
  return { ids, reads };
}

/**
 * Make sure the labels Embark puts on new stage issues exist (GraphQL `createIssue` takes label
 * ids, so they must exist first). One aliased mutation, only the first time in a repository.
 */
import { mutateOnce } from './create.js';
import type { Octokit } from './octokit.js';

const COLORS: Record<string, string> = { stage: 'c5def5', active: '0e8a16', pending: 'fbca04', done: '6f42c1', epic: '1d76db', attention: 'd93f0b', blocked: 'b60205' };

export async function ensureLabels(
  octokit: Octokit,
  args: { repositoryId: string; existing: Record<string, string>; wanted: { name: string; role: string }[] },
): Promise<Record<string, string>> {
  const missing = args.wanted.filter((w) => !args.existing[w.name]);
  if (missing.length === 0) return args.existing;
  const vars = missing.map((_, i) => `$l${i}: CreateLabelInput!`).join(', ');
  const fields = missing.map((_, i) => `l${i}: createLabel(input: $l${i}) { label { id name } }`).join('\n  ');
  const variables = Object.fromEntries(
    missing.map((w, i) => [
      `l${i}`,
      { repositoryId: args.repositoryId, name: w.name, color: COLORS[w.role] ?? 'ededed', description: 'Managed by Embark' },
    ]),
  );
  type Out = Record<string, { label: { id: string; name: string } | null } | null>;
  let data: Out;
  try {
    data = await mutateOnce<Out>(octokit, `mutation EmbarkLabels(${vars}) {\n  ${fields}\n}`, variables);
  } catch (error) {
    // A label created meanwhile by someone else fails with "already taken": keep the rest. Any
    // other failure (no permission, GitHub down) is the job's to retry or report, not ours to hide.
    if (!onlyTaken(error)) throw error;
    data = ((error as { data?: Out }).data ?? {}) as Out;
  }
  const ids = { ...args.existing };
  for (const v of Object.values(data)) if (v?.label) ids[v.label.name] = v.label.id;
  // Another onboarding starting at the same moment created some of them first ("already exists"):
  // read their ids, or the new stage issues would go out without labels.
  if (missing.some((w) => !ids[w.name])) Object.assign(ids, await readLabelIds(octokit, args.repositoryId));
  return ids;
}

/** GraphQL errors that all say a label of that name exists (GitHub: "Name has already been taken"). */
function onlyTaken(error: unknown): boolean {
  const errors = (error as { errors?: { message?: string }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => /already (been )?taken|already exists/i.test(e.message ?? ''));
}

async function readLabelIds(octokit: Octokit, repositoryId: string): Promise<Record<string, string>> {
  type Out = { node: { labels: { nodes: { id: string; name: string }[] } | null } | null };
  const data = await octokit.graphql<Out>('query EmbarkLabelIds($id: ID!) { node(id: $id) { ... on Repository { labels(first: 100) { nodes { id name } } } } }', { id: repositoryId });
  return Object.fromEntries((data.node?.labels?.nodes ?? []).map((l) => [l.name, l.id]));
}

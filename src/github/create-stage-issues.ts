/**
 * Create stage issues as sub-issues of the EPIC in ONE GraphQL request (aliased `createIssue`
 * mutations with `parentIssueId`), falling back to REST one at a time, and to plain issues (no
 * link) where the server has no sub-issues (older GitHub Enterprise Server).
 *
 * Aliased mutations run in order but are not atomic: whatever was created is returned, the caller
 * re-reads and converges (missing stages are created by the next event or sweep).
 */
import type { StageIssueSpec } from '../onboarding/plan.js';
import { mutateOnce, ONCE } from './create.js';
import type { Octokit, RepoRef } from './octokit.js';

export type { StageIssueSpec };

export interface CreatedIssue {
  stageKey: string;
  number: number;
  nodeId: string;
  databaseId: number;
}

export interface CreateResult {
  created: CreatedIssue[];
  /** Messages of the creations that failed (the stage is still missing). */
  failures: string[];
  /** How the issues were linked: native sub-issues, or none (the EPIC's task list links them). */
  linked: 'sub-issues' | 'none';
}

/** Build the batched mutation; inputs go in variables, never spliced into the query text. */
export function buildCreateMutation(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$i${i}: CreateIssueInput!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `s${i}: createIssue(input: $i${i}) { issue { id number databaseId } }`,
  ).join('\n  ');
  return `mutation EmbarkCreateStages(${vars}) {\n  ${fields}\n}`;
}

interface GraphqlPartial {
  data?: Record<string, { issue: { id: string; number: number; databaseId: number } | null } | null>;
  errors?: { message: string; path?: (string | number)[] }[];
}

/** Create the given stage issues under `parent`. */
export async function createStageIssues(
  octokit: Octokit,
  args: RepoRef & {
    repositoryId: string;
    parent: { nodeId: string; number: number };
    specs: StageIssueSpec[];
    labelIds: Record<string, string>;
    userIds: Record<string, string>;
    /** GitHub issue type of every stage issue (node id), or none. */
    issueTypeId?: string;
  },
): Promise<CreateResult> {
  if (args.specs.length === 0) return { created: [], failures: [], linked: 'sub-issues' };
  try {
    return await createWithGraphql(octokit, args, true);
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/parentIssueId|sub.?issue/i.test(message)) return createWithGraphql(octokit, args, false);
    if (!isGraphqlUnavailable(error)) throw error;
    return createWithRest(octokit, args);
  }
}

function isGraphqlUnavailable(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === 404 || status === 501;
}

async function createWithGraphql(
  octokit: Octokit,
  args: Parameters<typeof createStageIssues>[1],
  withParent: boolean,
): Promise<CreateResult> {
  const variables: Record<string, unknown> = {};
  args.specs.forEach((spec, i) => {
    variables[`i${i}`] = {
      repositoryId: args.repositoryId,
      title: spec.title,
      body: spec.body,
      labelIds: spec.labels.map((l) => args.labelIds[l]).filter((id): id is string => Boolean(id)),
      assigneeIds: spec.assignees.map((a) => args.userIds[a]).filter((id): id is string => Boolean(id)),
      ...(withParent ? { parentIssueId: args.parent.nodeId } : {}),
      ...(args.issueTypeId ? { issueTypeId: args.issueTypeId } : {}),
    };
  });
  let result: GraphqlPartial;
  try {
    const data = await mutateOnce<GraphqlPartial['data']>(octokit, buildCreateMutation(args.specs.length), variables);
    result = { data };
  } catch (error) {
    // @octokit/graphql throws on partial errors but keeps what succeeded in `data`.
    const partial = error as { data?: GraphqlPartial['data']; errors?: GraphqlPartial['errors'] };
    if (!partial.data || !partial.errors) throw error;
    const onlyParentErrors = partial.errors.every((e) => /parent|sub.?issue/i.test(e.message));
    const nothingCreated = Object.values(partial.data).every((v) => !v?.issue);
    if (withParent && onlyParentErrors && nothingCreated) throw new Error(`sub-issues unavailable: ${partial.errors[0]?.message}`);
    result = { data: partial.data, errors: partial.errors };
  }
  const created: CreatedIssue[] = [];
  args.specs.forEach((spec, i) => {
    const issue = result.data?.[`s${i}`]?.issue;
    if (issue) created.push({ stageKey: spec.stageKey, number: issue.number, nodeId: issue.id, databaseId: issue.databaseId });
  });
  const failures = (result.errors ?? []).map((e) => e.message);
  return { created, failures, linked: withParent ? 'sub-issues' : 'none' };
}

/** One issue and one link at a time: slow under Probot's throttling, used only when GraphQL fails. */
async function createWithRest(octokit: Octokit, args: Parameters<typeof createStageIssues>[1]): Promise<CreateResult> {
  const created: CreatedIssue[] = [];
  const failures: string[] = [];
  let linked: CreateResult['linked'] = 'sub-issues';
  for (const spec of args.specs) {
    try {
      const { data } = await octokit.rest.issues.create({
        owner: args.owner,
        repo: args.repo,
        title: spec.title,
        body: spec.body,
        labels: spec.labels,
        assignees: spec.assignees,
        ...ONCE,
      });
      created.push({ stageKey: spec.stageKey, number: data.number, nodeId: data.node_id, databaseId: data.id });
      if (linked === 'sub-issues') {
        try {
          await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
            owner: args.owner,
            repo: args.repo,
            issue_number: args.parent.number,
            sub_issue_id: data.id,
            ...ONCE,
          });
        } catch (error) {
          if ((error as { status?: number }).status === 404) linked = 'none';
          else throw error;
        }
      }
    } catch (error) {
      failures.push(`${spec.title}: ${(error as Error).message}`);
      break;
    }
  }
  return { created, failures, linked };
}

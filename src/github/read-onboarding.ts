/**
 * Read everything about one onboarding in a single GraphQL request: the EPIC, its sub-issues
 * (bodies, states, recent comments), its comments (to find the status comment), plus the
 * repository's HEAD commit (template cache key) and label ids (for issue creation).
 */

import type { CommentSnapshot, IssueSnapshot, OnboardingSnapshot, StageIssueSnapshot } from '../onboarding/snapshot.js';
import { isStatusComment, parseStageMarker } from '../render/markers.js';
import { readNoticeKey } from '../render/notice-marker.js';
import type { Octokit, RepoRef } from './octokit.js';

const COMMENT_FIELDS = 'id databaseId body viewerDidAuthor author { login } editor { login } createdAt';
const ISSUE_FIELDS = `id databaseId number title body state stateReason createdAt closedAt
  assignees(first: 20) { nodes { login } } labels(first: 30) { nodes { name } }`;

const STAGE_FIELDS = `${ISSUE_FIELDS} comments(last: 10) { nodes { ${COMMENT_FIELDS} } }`;

function onboardingQuery(withSubIssues: boolean): string {
  return `query EmbarkOnboarding($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    id
    defaultBranchRef { name target { oid } }
    labels(first: 100) { nodes { id name } }
    issue(number: $number) {
      ${ISSUE_FIELDS}
      comments(first: 50) { nodes { ${COMMENT_FIELDS} } }
      ${withSubIssues ? `subIssues(first: 100) { nodes { ${STAGE_FIELDS} } }` : ''}
    }
  }
}`;
}

export const ONBOARDING_QUERY = onboardingQuery(true);

/**
 * Servers without sub-issues (older GHES): the EPIC's task list of `#N` links is the only link,
 * so read those issues by number in one aliased query.
 */
async function readLinkedIssues(octokit: Octokit, ref: RepoRef, body: string): Promise<RawIssue[]> {
  const numbers = [...new Set([...body.matchAll(/^\s*[-*+] \[[ xX]\] #(\d+)\s*$/gm)].map((m) => Number(m[1])))].slice(0, 100);
  if (numbers.length === 0) return [];
  const fields = numbers.map((n, i) => `i${i}: issue(number: ${n}) { ${STAGE_FIELDS} }`).join('\n');
  const data = await octokit.graphql<{ repository: Record<string, RawIssue | null> }>(
    `query EmbarkLinked($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: ref.owner, name: ref.repo },
  );
  return Object.values(data.repository ?? {}).filter((i): i is RawIssue => i !== null);
}

function lacksSubIssues(error: unknown): boolean {
  return /subIssues/.test((error as Error).message ?? '');
}

type Nodes<T> = { nodes: T[] | null } | null;
interface RawComment {
  id: string;
  databaseId: number;
  body: string;
  viewerDidAuthor: boolean;
  author: { login: string } | null;
  editor: { login: string } | null;
  createdAt: string;
}
interface RawIssue {
  id: string;
  databaseId: number;
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED';
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  assignees: Nodes<{ login: string }>;
  labels: Nodes<{ name: string }>;
  comments?: Nodes<RawComment>;
  subIssues?: Nodes<RawIssue>;
}
interface RawResult {
  repository: {
    id: string;
    defaultBranchRef: { name: string; target: { oid: string } | null } | null;
    labels: Nodes<{ id: string; name: string }>;
    issue: RawIssue | null;
  } | null;
}

/** What the read returns besides the snapshot: cache keys and ids needed to write. */
export interface RepoFacts {
  repositoryId: string;
  headOid: string | null;
  defaultBranch: string;
  labelIds: Record<string, string>;
}

function toIssue(raw: RawIssue): IssueSnapshot {
  return {
    number: raw.number,
    nodeId: raw.id,
    databaseId: raw.databaseId,
    title: raw.title,
    body: raw.body ?? '',
    state: raw.state === 'OPEN' ? 'open' : 'closed',
    stateReason: (raw.stateReason?.toLowerCase() as IssueSnapshot['stateReason']) ?? null,
    createdAt: raw.createdAt,
    closedAt: raw.closedAt,
    assignees: (raw.assignees?.nodes ?? []).map((a) => a.login),
    labels: (raw.labels?.nodes ?? []).map((l) => l.name),
  };
}

function toComment(raw: RawComment): CommentSnapshot {
  return {
    id: raw.databaseId,
    nodeId: raw.id,
    body: raw.body,
    author: raw.author?.login ?? null,
    byApp: raw.viewerDidAuthor,
    editor: raw.editor?.login ?? null,
    createdAt: raw.createdAt,
  };
}

/** Read one onboarding. Returns null when the issue does not exist (deleted, transferred). */
export async function readOnboarding(
  octokit: Octokit,
  ref: RepoRef & { epic: number },
): Promise<{ snapshot: OnboardingSnapshot; facts: RepoFacts } | null> {
  const vars = { owner: ref.owner, name: ref.repo, number: ref.epic };
  let data: RawResult;
  let legacy = false;
  try {
    data = await octokit.graphql<RawResult>(ONBOARDING_QUERY, vars);
  } catch (error) {
    if (!lacksSubIssues(error)) throw error;
    legacy = true;
    data = await octokit.graphql<RawResult>(onboardingQuery(false), vars);
  }
  const repo = data.repository;
  if (!repo?.issue) return null;
  if (legacy) repo.issue.subIssues = { nodes: await readLinkedIssues(octokit, ref, repo.issue.body ?? '') };
  const comments = (repo.issue.comments?.nodes ?? []).map(toComment);
  const statuses = comments.filter((c) => c.byApp && isStatusComment(c.body));
  const stageIssues: StageIssueSnapshot[] = [];
  const otherSubIssues: number[] = [];
  for (const raw of repo.issue.subIssues?.nodes ?? []) {
    const marker = parseStageMarker(raw.body ?? '');
    if (marker && marker.epic === ref.epic) {
      stageIssues.push({ ...toIssue(raw), stageKey: marker.stage, comments: (raw.comments?.nodes ?? []).map(toComment) });
    } else {
      otherSubIssues.push(raw.number);
    }
  }
  const snapshot: OnboardingSnapshot = {
    repo: { owner: ref.owner, name: ref.repo, nodeId: repo.id },
    epic: toIssue(repo.issue),
    stageIssues,
    otherSubIssues,
    statusComment: statuses[0] ?? null,
    duplicateStatusIds: statuses.slice(1).map((c) => c.id),
    epicNotices: comments.filter((c) => c.byApp && readNoticeKey(c.body) !== null),
  };
  const facts: RepoFacts = {
    repositoryId: repo.id,
    headOid: repo.defaultBranchRef?.target?.oid ?? null,
    defaultBranch: repo.defaultBranchRef?.name ?? 'main',
    labelIds: Object.fromEntries((repo.labels?.nodes ?? []).map((l) => [l.name, l.id])),
  };
  return { snapshot, facts };
}

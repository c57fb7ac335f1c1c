/**
 * GitHub's own "blocked by" relationships between stage issues (issue dependencies), in ONE
 * GraphQL request of aliased `addBlockedBy` mutations, sent right after the stage issues exist
 * (GraphQL cannot feed an issue created in a document into another mutation of the same one).
 *
 * The relationships only mirror what Embark enforces itself and what each stage issue's
 * "Starts after" line says, so they never fail a start: a server without issue dependencies
 * (older GitHub Enterprise Server: unknown field), a refusal (403) or a missing issue (404) leaves
 * the text as the record and is reported for the log; a relationship that exists already is fine.
 */
import type { Octokit } from './octokit.js';

/** One relationship: `issueId` is blocked by `blockingIssueId` (node ids). */
export interface BlockedByEdge {
  issueId: string;
  blockingIssueId: string;
}

/** What linking did. */
export interface LinkResult {
  /** Relationships now in place (new or found). */
  linked: number;
  /** Why some or all were not written (kept as text in the stage issues), or null. */
  fallback: string | null;
}

/** GitHub allows at most 50 issues in one relationship of an issue. */
export const MAX_BLOCKED_BY = 50;

/** The batched mutation; inputs go in variables. */
export function buildBlockedByMutation(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$d${i}: AddBlockedByInput!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `d${i}: addBlockedBy(input: $d${i}) { issue { id } }`).join('\n  ');
  return `mutation EmbarkBlockedBy(${vars}) {\n  ${fields}\n}`;
}

const ALREADY = /already/i;

/** Write the relationships; never throws for what GitHub refuses (see the module comment). */
export async function linkBlockedBy(octokit: Octokit, edges: BlockedByEdge[]): Promise<LinkResult> {
  const perIssue = new Map<string, number>();
  const kept = edges.filter((e) => {
    const n = (perIssue.get(e.issueId) ?? 0) + 1;
    perIssue.set(e.issueId, n);
    return n <= MAX_BLOCKED_BY;
  });
  if (kept.length === 0) return { linked: 0, fallback: null };
  const variables = Object.fromEntries(kept.map((e, i) => [`d${i}`, e]));
  try {
    await octokit.graphql(buildBlockedByMutation(kept.length), variables);
    return { linked: kept.length, fallback: kept.length < edges.length ? `more than ${MAX_BLOCKED_BY} prerequisites on one stage` : null };
  } catch (error) {
    const e = error as { status?: number; message?: string; errors?: { message: string }[]; data?: Record<string, unknown> | null };
    const messages = e.errors?.map((x) => x.message) ?? [e.message ?? String(error)];
    const refused = messages.filter((m) => !ALREADY.test(m));
    if (refused.length === 0) return { linked: kept.length, fallback: null };
    const done = e.data ? Object.values(e.data).filter(Boolean).length : 0;
    return { linked: done + (messages.length - refused.length), fallback: `GitHub did not take the stage dependencies (${e.status ?? 'GraphQL'}: ${refused[0]}); the stage issues say what they wait for` };
  }
}

/**
 * What Embark reads from GitHub about one onboarding, as plain data. `src/github/read-onboarding.ts`
 * fills it with one GraphQL query; the core only ever sees this shape.
 */

/** An issue as the core needs it. */
export interface IssueSnapshot {
  number: number;
  /** GraphQL node id (for mutations) and REST database id (for sub-issue links). */
  nodeId: string;
  databaseId: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  createdAt: string;
  closedAt: string | null;
  assignees: string[];
  labels: string[];
}

/** A comment Embark may care about: its own notices and status comment. */
export interface CommentSnapshot {
  id: number;
  nodeId: string;
  body: string;
  author: string | null;
  /** True when the app wrote it. */
  byApp: boolean;
  /** Login of the last editor when someone edited it, else null. */
  editor: string | null;
  createdAt: string;
}

/** A stage issue: a sub-issue of the EPIC whose hidden marker names this EPIC and a stage. */
export interface StageIssueSnapshot extends IssueSnapshot {
  stageKey: string;
  /** Recent comments on the stage issue (for notice de-duplication). */
  comments: CommentSnapshot[];
}

/** Everything about one onboarding that GitHub holds now. */
export interface OnboardingSnapshot {
  repo: { owner: string; name: string; nodeId: string };
  epic: IssueSnapshot;
  /** Sub-issues of the EPIC that carry a stage marker for it, in sub-issue order. */
  stageIssues: StageIssueSnapshot[];
  /** Sub-issues without a valid marker (people may link their own issues): left alone. */
  otherSubIssues: number[];
  /** Embark's status comment on the EPIC (its oldest, when there are several), if found. */
  statusComment: CommentSnapshot | null;
  /**
   * Ids of later status comments of Embark's on the same EPIC: left by two writers that each
   * believed they held the onboarding. Every readers keeps the oldest; the next status write
   * deletes these, so the EPIC converges on one.
   */
  duplicateStatusIds?: number[];
  /** Comments on the EPIC written by the app (notices), newest last. */
  epicNotices: CommentSnapshot[];
}

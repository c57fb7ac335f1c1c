/**
 * A plan is the list of plain actions the pure core asks for. Only `src/github/apply-plan.ts`
 * executes plans, so every GitHub write the app makes is one of these, and dry runs, logs and
 * tests all read the same data.
 */

import type { ChecklistEdit } from '../checklist/edit-checklist.js';

/** Hidden key that lets a notice comment be recognised on replay, so it is posted once. */
export type NoticeKey = string;

/** One stage issue to create as a sub-issue of the EPIC. */
export interface StageIssueSpec {
  stageKey: string;
  title: string;
  body: string;
  assignees: string[];
  labels: string[];
  /**
   * Stage keys this stage waits for, written as GitHub "blocked by" relationships once the issues
   * exist (empty for a linear template, whose order needs no links).
   */
  blockedBy?: string[];
}

/** A label Embark puts on issues, with the role that picks its colour. */
export interface LabelSpec {
  name: string;
  role: 'stage' | 'active' | 'pending' | 'done' | 'epic' | 'attention' | 'blocked';
}

export type Action =
  | { kind: 'closeIssue'; issue: number; reason: 'completed' | 'not_planned' }
  | { kind: 'reopenIssue'; issue: number }
  /** Relative: labels not named stay as they are on GitHub (never rebuilt from what was read). */
  | { kind: 'setLabels'; issue: number; add: string[]; remove: string[] }
  | { kind: 'addAssignees'; issue: number; assignees: string[] }
  | { kind: 'removeAssignees'; issue: number; assignees: string[] }
  /** Flip one checkbox in place; the executor re-reads the body right before writing. */
  | { kind: 'setCheckbox'; issue: number; target: { text: string; occurrence?: number } | { issueRef: number }; checked: boolean }
  /** Replace the `**Owners:**` line of a stage issue (re-read right before writing, like checkboxes). */
  | { kind: 'setOwnersLine'; issue: number; line: string }
  /**
   * Write one intake field's value in place (the customer's answer from the status page). The
   * executor re-reads the body, finds the field by name and occurrence, and replaces only its
   * value; when the field is gone or no longer holds `from` (the value the plan read), nothing
   * of the plan is written (`FieldChangedError`).
   */
  | { kind: 'setField'; issue: number; field: { name: string; occurrence: number }; from: string; value: string }
  /**
   * Change a stage issue's checklist for a template upgrade: items inserted, reworded or marked,
   * each named by its text, applied to the body re-read right before writing (like checkboxes), so
   * a box ticked meanwhile keeps its tick. `title` retitles the issue in the same write.
   */
  | { kind: 'editChecklist'; issue: number; edits: ChecklistEdit[]; title?: string }
  /** Replace an issue's body (and title) with text the core derived from a fresh read. */
  | { kind: 'setBody'; issue: number; body: string; title?: string; issueTypeId?: string }
  /**
   * Post a comment. `key` (also written into the body's hidden marker) is the contract with the
   * core, not with the executor: the core plans a keyed comment only when the snapshot it read
   * under the onboarding's lock shows none with that key, and the executor posts it as planned
   * without looking again (a re-read per comment would double what every notice costs). A retry
   * after an ambiguous answer re-reads, so the key is then found and nothing is posted twice.
   */
  | { kind: 'comment'; issue: number; body: string; key: NoticeKey | null }
  /** Create or update Embark's status comment on the EPIC; written only when the text changed. */
  | {
      kind: 'saveStatus';
      epic: number;
      body: string;
      existing: { id: number; body: string } | null;
      /** Later duplicates of the status comment (see `OnboardingSnapshot.duplicateStatusIds`): deleted. */
      duplicates?: number[];
    }
  /** Acknowledge a command comment (GitHub answers 200 with the existing reaction on a repeat). */
  | { kind: 'react'; commentId: number; content: 'eyes' }
  /** Make sure labels exist (GraphQL creation takes ids, so they must exist first). */
  | { kind: 'ensureLabels'; labels: LabelSpec[] }
  /** Create stage issues under the EPIC in one batched request; the report says what was created. */
  | {
      kind: 'createStageIssues';
      parent: { nodeId: string; number: number };
      specs: StageIssueSpec[];
      /** Node ids of stage issues that exist already (a resumed start), for `blockedBy` links to them. */
      existing?: Record<string, string>;
      /** GitHub issue type (node id) for every stage issue, when the organisation has one. */
      issueTypeId?: string;
    }
  /** Open a new issue (an EPIC asked for by `/onboard`); the report gives its number. */
  | { kind: 'openIssue'; title: string; body: string; labels: string[] }
  /**
   * Keep Embark's marked section of the repository's dashboard issue: the issue is found by its
   * label (created with title and label when there is none), re-read, and written only when the
   * section's text changed; text outside the markers is never touched.
   */
  | { kind: 'saveDashboard'; section: string; title: string; label: string }
  /**
   * Bring one EPIC's item of a GitHub Project (v2) to the values given, in one GraphQL request:
   * aliased field updates (a null value clears the field). Without an item yet, the EPIC (its
   * node id, `contentId`) is added first: GraphQL cannot feed a new item's id into another
   * mutation of the same document, so adding costs one more request, shared by every EPIC added
   * by the same plan.
   */
  | { kind: 'syncProjectItem'; projectId: string; epic: number; target: { itemId: string } | { contentId: string }; fields: ProjectFieldWrite[] };

/** One field of a project item to set (`value`) or clear (`null`), named for logs and tests. */
export interface ProjectFieldWrite {
  fieldId: string;
  name: string;
  value: { text: string } | { date: string } | { singleSelectOptionId: string } | null;
}

/** The action that keeps one EPIC's GitHub Project item in step (built by `portfolio/project-sync.ts`). */
export type SyncProjectItem = Extract<Action, { kind: 'syncProjectItem' }>;

import { describe, expect, it } from '@jest/globals';
import { buildIssueMutation, foldIssueChanges } from '../../src/github/issue-changes.js';

describe('plan executor', () => {
  it('folds state, label and assignee changes of one issue into a single change', () => {
    const changes = foldIssueChanges([
      { kind: 'closeIssue', issue: 3, reason: 'completed' },
      { kind: 'setLabels', issue: 3, add: ['stage: done'], remove: ['stage: active'] },
      { kind: 'setLabels', issue: 4, add: ['stage: active'], remove: ['stage: pending'] },
      { kind: 'addAssignees', issue: 4, assignees: ['bob'] },
      { kind: 'comment', issue: 4, body: 'hi', key: null },
    ]);
    expect([...changes.keys()]).toEqual([3, 4]);
    expect(changes.get(3)).toMatchObject({ state: 'closed', reason: 'completed', addLabels: ['stage: done'], removeLabels: ['stage: active'] });
    expect(changes.get(4)).toMatchObject({ addAssignees: ['bob'], addLabels: ['stage: active'], removeLabels: ['stage: pending'] });
  });

  it('lets a later action undo an earlier one on the same label or person', () => {
    const changes = foldIssueChanges([
      { kind: 'setLabels', issue: 1, add: ['blocked'], remove: [] },
      { kind: 'setLabels', issue: 1, add: [], remove: ['blocked'] },
      { kind: 'addAssignees', issue: 1, assignees: ['amy'] },
      { kind: 'removeAssignees', issue: 1, assignees: ['amy'] },
    ]);
    expect(changes.get(1)).toMatchObject({ addLabels: [], removeLabels: ['blocked'], addAssignees: [], removeAssignees: ['amy'] });
  });

  it('puts every known issue and label into one relative GraphQL document, leaving the unknown to REST', () => {
    const changes = foldIssueChanges([
      { kind: 'closeIssue', issue: 3, reason: 'not_planned' },
      { kind: 'setLabels', issue: 3, add: ['done', 'unknown-label'], remove: ['active'] },
      { kind: 'reopenIssue', issue: 9 },
    ]);
    const built = buildIssueMutation(changes, { issues: { 3: 'I_3' }, labels: { done: 'L_done', active: 'L_active' } });
    expect(built).not.toBeNull();
    expect(built!.query.match(/: (\w+)\(input/g)).toEqual([': removeLabelsFromLabelable(input', ': addLabelsToLabelable(input', ': closeIssue(input']);
    expect(Object.values(built!.variables)).toEqual([
      { labelableId: 'I_3', labelIds: ['L_active'] },
      { labelableId: 'I_3', labelIds: ['L_done'] },
      { issueId: 'I_3', stateReason: 'NOT_PLANNED' },
    ]);
    // Issue 9's node id is unknown and `unknown-label` has no id: both are left for REST.
    expect(built!.handled.get(3)).toEqual({ state: true, add: ['done'], remove: ['active'], body: false });
    expect(built!.handled.has(9)).toBe(false);
  });

  it('builds nothing when nothing is known', () => {
    expect(buildIssueMutation(foldIssueChanges([{ kind: 'reopenIssue', issue: 1 }]), { issues: {}, labels: {} })).toBeNull();
  });
});

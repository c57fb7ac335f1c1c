import { describe, expect, it } from '@jest/globals';
import { foldIssuePatches } from '../../src/github/apply-plan.js';

describe('plan executor', () => {
  it('folds state, label and assignee changes of one issue into a single patch', () => {
    const patches = foldIssuePatches([
      { kind: 'closeIssue', issue: 3, reason: 'completed' },
      { kind: 'setLabels', issue: 3, add: ['stage: done'], remove: ['stage: active'] },
      { kind: 'setLabels', issue: 4, add: ['stage: active'], remove: ['stage: pending'] },
      { kind: 'addAssignees', issue: 4, assignees: ['bob'] },
      { kind: 'comment', issue: 4, body: 'hi', key: null },
    ]);
    expect([...patches.keys()]).toEqual([3, 4]);
    expect(patches.get(3)).toMatchObject({ state: 'closed', state_reason: 'completed', addLabels: ['stage: done'], removeLabels: ['stage: active'] });
    expect(patches.get(4)).toMatchObject({ addAssignees: ['bob'], addLabels: ['stage: active'] });
  });
});

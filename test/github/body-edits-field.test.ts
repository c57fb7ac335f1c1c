/**
 * The executor's side of `setField`: it re-reads the body right before writing, finds the field
 * by parsing that fresh body, and changes only its value; when the field is gone or someone
 * changed it since the plan read it, it writes nothing of the plan (FieldChangedError).
 */
import { describe, expect, it } from '@jest/globals';
import { FieldChangedError, newBodies } from '../../src/github/body-edits.js';
import type { Octokit } from '../../src/github/octokit.js';
import type { Action } from '../../src/onboarding/plan.js';

const PLANNED = '### Description\n- Tenant ID: `xxx`\n- Region: `eu`\n\n### Stage 1\n- [ ] #12\n';

/** A client whose only answer is the issue's body as GitHub holds it now. */
function githubWith(body: string) {
  const reads: number[] = [];
  const octokit = {
    rest: {
      issues: {
        get: async ({ issue_number }: { issue_number: number }) => {
          reads.push(issue_number);
          return { data: { body } };
        },
      },
    },
  } as unknown as Octokit;
  return { octokit, reads };
}

const setTenant: Action = { kind: 'setField', issue: 1, field: { name: 'Tenant ID', occurrence: 0 }, from: 'xxx', value: '3f2c-77' };

describe('setField in the plan executor', () => {
  it('re-reads the body and replaces only the value, together with a checkbox flip on the same issue', async () => {
    const now = PLANNED.replace('### Description', '### Description\nA line someone added meanwhile.');
    const { octokit, reads } = githubWith(now);
    const report = { reads: 0, skipped: [] as string[] };
    const bodies = await newBodies({ octokit, owner: 'acme', repo: 'onboarding' }, [setTenant, { kind: 'setCheckbox', issue: 1, target: { issueRef: 12 }, checked: true }], report);
    expect(reads).toEqual([1]);
    expect(report.reads).toBe(1);
    expect(bodies.get(1)?.body).toBe(now.replace('`xxx`', '`3f2c-77`').replace('- [ ] #12', '- [x] #12'));
  });

  it.each([
    ['the field was removed', PLANNED.replace('- Tenant ID: `xxx`\n', ''), 'gone'],
    ['someone filled it in meanwhile', PLANNED.replace('`xxx`', '`set-in-github`'), 'changed'],
  ])('throws before any write when %s', async (_name, now, reason) => {
    const { octokit } = githubWith(now);
    const attempt = newBodies({ octokit, owner: 'acme', repo: 'onboarding' }, [setTenant], { reads: 0, skipped: [] });
    await expect(attempt).rejects.toBeInstanceOf(FieldChangedError);
    await expect(attempt).rejects.toMatchObject({ issue: 1, field: 'Tenant ID', reason });
  });
});

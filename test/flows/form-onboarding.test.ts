/**
 * An onboarding from an issue form, from open to close on the GitHub double: the issue GitHub
 * writes for the form's answers starts it, the customer comes from the answers when the title was
 * left as the form's default, a dropdown names the CSM, the config's `forms:` entry sets the due
 * days, and ticking the boxes closes it. A bug-report form beside it is not an onboarding.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeState } from '../../src/onboarding/state.js';
import { type Bed, CONFIG, REPO, stages, startBed, statusComment } from './harness.js';

const FORM = readFileSync(new URL('../template/forms/onboarding-form.yml', import.meta.url), 'utf8');

const BUG_FORM = `name: Bug report
description: Something is broken
title: "[Bug]: "
body:
  - type: textarea
    attributes:
      label: What happened?
`;

/** What GitHub writes when alice opens the form: Contoso, Premium, CSM bob, stage 0 ticked. */
const OPENED = readFileSync(new URL('../template/forms/onboarding-form.opened.md', import.meta.url), 'utf8');

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

describe('an onboarding opened from an issue form', () => {
  it('starts from the answers, runs and closes like any onboarding', async () => {
    bed = await startBed({
      files: {
        '.github/onboarding.yml': `${CONFIG}forms:\n  onboarding-form.yml:\n    due: [2, 3]\n`,
        '.github/ISSUE_TEMPLATE/onboarding-form.yml': FORM,
        '.github/ISSUE_TEMPLATE/bug.yml': BUG_FORM,
        '.github/ISSUE_TEMPLATE/config.yml': 'blank_issues_enabled: false\n',
      },
    });
    const bug = bed.double.openIssue(REPO, { title: '[Bug]: the portal is down', body: '### What happened?\n\nIt broke.', user: 'alice' });
    const epic = bed.double.openIssue(REPO, { title: '[MSP Onboarding] ', body: OPENED, user: 'alice' }).number;
    await bed.double.idle();
    expect(bed.double.comments(REPO, bug.number)).toEqual([]);

    expect(bed.double.issue(REPO, epic).title).toBe('[MSP Onboarding] Contoso');
    const [s0, s1] = stages(bed, epic);
    expect(stages(bed, epic)).toHaveLength(2);
    expect(s1!.title).toBe('[MSP Onboarding] Contoso · Stage 1: Access');
    // Ticked on the form: done at once. The CSM dropdown's answer is the CSM of this onboarding.
    expect(bed.double.issue(REPO, s0!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, s1!.number).assignees.slice().sort()).toEqual(['bob', 'carol']);
    const state = decodeState(statusComment(bed, epic)!.body)!;
    expect(state.customer).toBe('Contoso');
    expect(state.roles.CSM).toEqual(['bob']);
    expect(state.template).toMatchObject({ name: 'Managed Services Onboarding (form)', version: 'v2027.01', file: '.github/ISSUE_TEMPLATE/onboarding-form.yml' });
    expect(state.stages.map((s) => s.dueDays)).toEqual([2, 3]);
    // The answers stay in the EPIC; the checklists moved to the stage issues.
    const body = bed.double.issue(REPO, epic).body ?? '';
    expect(body).toContain('### Managed Services tier\n\nPremium');
    expect(body).toContain(`### Stage 1: Access\n- [ ] #${s1!.number}`);

    bed.double.toggleCheckbox(REPO, s1!.number, 0, 'bob');
    bed.double.toggleCheckbox(REPO, s1!.number, 1, 'bob');
    await bed.double.idle();
    expect(bed.double.issue(REPO, s1!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    expect(decodeState(statusComment(bed, epic)!.body)!.completedAt).not.toBeNull();
  });
});

/**
 * The pure plans behind the customer's writes: filling an intake field, unsubscribing, answering
 * the survey. Each either changes exactly what it should or refuses with words to act on.
 */
import { describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import { noticeMarker } from '../../src/render/notice-marker.js';
import { planFieldFill } from '../../src/status-page/customer-fields.js';
import { planSurvey, surveyComment } from '../../src/status-page/survey-plan.js';
import { planUnsubscribe } from '../../src/status-page/unsubscribe-plan.js';
import { fixture } from './fixture.js';

const EPIC_BODY = '### Description\n- Tenant ID: `xxx`\n- Region: `eu`\n- Internal notes: `keep out`\n';
const NOW = '2026-11-25T10:00:00.000Z';
const JANE = { name: 'Jane Doe', email: 'jane@contoso.example', source: 'command' as const, addedAt: '2026-11-23T09:00:00Z', addedBy: 'alice', unsubscribedAt: null };

function fill(overrides: Partial<Parameters<typeof planFieldFill>[0]> = {}) {
  const { state } = fixture();
  return planFieldFill({
    state,
    epic: { number: 1, body: EPIC_BODY },
    customerFields: ['tenant id', 'Region'],
    fieldKey: 'tenantid#0',
    value: '3f2c-77',
    shown: 'xxx',
    who: 'Jane Doe',
    now: NOW,
    ...overrides,
  });
}

describe('planFieldFill', () => {
  it('plans one setField on the EPIC and logs the field, never the value', () => {
    const plan = fill();
    expect(plan.kind).toBe('filled');
    if (plan.kind !== 'filled') return;
    expect(plan.actions).toEqual([{ kind: 'setField', issue: 1, field: { name: 'Tenant ID', occurrence: 0 }, from: 'xxx', value: '3f2c-77' }]);
    expect(plan.state.log[0]).toEqual({ at: NOW, actor: 'status page', text: 'Jane Doe filled in Tenant ID via the status page' });
    expect(JSON.stringify(plan.state)).not.toContain('3f2c-77');
  });

  it.each([
    ['a field the template does not give the customer', { fieldKey: 'internalnotes#0' }, 409, /changed since the page was loaded/],
    ['a field that is gone', { fieldKey: 'tenantid#1' }, 409, /reload the page/],
    ['a value someone changed since the page was served', { shown: '' }, 409, /changed since the page was loaded/],
    ['a value that breaks out of the code span', { value: 'a` <b>' }, 400, /backtick/],
    ['a closed onboarding', { state: { ...fixture().state, completedAt: NOW } }, 409, /closed/],
  ])('refuses %s', (_name, overrides, status, message) => {
    const plan = fill(overrides);
    expect(plan).toEqual({ kind: 'refused', status, message: expect.stringMatching(message) });
  });

  it('writes nothing when the field already holds the value', () => {
    expect(fill({ fieldKey: 'region#0', value: ' eu ', shown: 'eu' })).toEqual({ kind: 'unchanged', field: 'Region' });
  });
});

describe('planUnsubscribe', () => {
  const state = { ...fixture().state, contacts: [JANE] };

  it('marks the contact unsubscribed and logs the masked address once', () => {
    const plan = planUnsubscribe({ state, contact: contactRef(JANE.email), now: NOW });
    expect(plan.kind).toBe('unsubscribed');
    if (plan.kind !== 'unsubscribed') return;
    expect(plan.state.contacts?.[0]?.unsubscribedAt).toBe(NOW);
    expect(plan.state.log[0]).toMatchObject({ text: 'j***@contoso.example unsubscribed with the link in a mail', key: `unsubscribe:${contactRef(JANE.email)}` });
    expect(plan.state.log[0]!.text).not.toContain('jane@');
    expect(planUnsubscribe({ state: plan.state, contact: contactRef(JANE.email), now: '2026-12-01T00:00:00Z' })).toEqual({ kind: 'already' });
  });

  it('knows no contact that is not listed', () => {
    expect(planUnsubscribe({ state, contact: contactRef('someone@else.example'), now: NOW })).toEqual({ kind: 'unknown' });
  });
});

describe('planSurvey', () => {
  const ref = contactRef(JANE.email);
  const input = {
    state: { ...fixture().state, contacts: [JANE] },
    epic: 1,
    epicNotices: [],
    contact: { ref, name: 'Jane @octocat <b>Doe</b>' },
    day: 30,
    score: 4,
    comment: 'Great team.\n\n- [x] fake item\n<script>x</script> ping @octocat',
    now: NOW,
  };

  it('keeps the answer, posts one keyed comment with the score and the escaped comment, and logs it', () => {
    const plan = planSurvey(input);
    expect(plan.kind).toBe('recorded');
    if (plan.kind !== 'recorded') return;
    expect(plan.state.surveys).toEqual([{ contact: ref, checkin: 30, score: 4, comment: input.comment, at: NOW }]);
    expect(plan.actions).toHaveLength(1);
    const comment = plan.actions[0]!;
    expect(comment).toMatchObject({ kind: 'comment', issue: 1, key: `survey:30:${ref}` });
    const body = comment.kind === 'comment' ? comment.body : '';
    expect(body.startsWith(noticeMarker(`survey:30:${ref}`))).toBe(true);
    expect(body).toContain('**4 of 5** (Satisfied)');
    expect(body).toContain('Jane @\u200boctocat &lt;b&gt;Doe&lt;/b&gt;');
    expect(body).toContain('> \\- \\[x\\] fake item');
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt; ping @\u200boctocat');
    expect(body).not.toContain('jane@contoso');
    expect(plan.state.log[0]).toMatchObject({ text: 'Jane @octocat <b>Doe</b> answered the 30-day check-in survey: 4 of 5', key: `survey:30:${ref}` });
  });

  it('refuses a second answer to the same check-in, and accepts one to another check-in', () => {
    const first = planSurvey(input);
    if (first.kind !== 'recorded') throw new Error('not recorded');
    expect(planSurvey({ ...input, state: first.state, score: 1 })).toEqual({ kind: 'refused', already: true, message: 'This survey was already answered; thank you.' });
    expect(planSurvey({ ...input, state: first.state, day: 90 }).kind).toBe('recorded');
  });

  it('posts no second comment when the comment is already on the EPIC (a write replayed before the state was saved)', () => {
    const posted = { body: surveyComment({ contact: input.contact, day: 30, score: 4, comment: 'x' }), byApp: true };
    const plan = planSurvey({ ...input, epicNotices: [posted] });
    expect(plan.kind === 'recorded' && plan.actions).toEqual([]);
  });

  it('refuses a score out of range', () => {
    expect(planSurvey({ ...input, score: 6 })).toMatchObject({ kind: 'refused', already: false, message: 'Please pick a score from 1 to 5.' });
  });
});

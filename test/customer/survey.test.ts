import { describe, expect, it } from '@jest/globals';
import { MAX_COMMENT_LENGTH, recordSurvey } from '../../src/customer/survey.js';
import { REF, state, T0 } from './fixture.js';

const answer = { contact: REF, checkin: 90, score: 5, comment: 'Smooth.', at: T0 };

describe('recordSurvey', () => {
  it('keeps one answer per contact and check-in, and refuses a second', () => {
    const first = recordSurvey(state(), answer);
    expect(first.ok && first.state.surveys).toEqual([answer]);
    if (!first.ok) return;
    expect(recordSurvey(first.state, { ...answer, score: 1 })).toEqual({ ok: false, reason: 'this survey was already answered; thank you' });
    const other = recordSurvey(first.state, { ...answer, checkin: 30 });
    expect(other.ok && other.state.surveys).toHaveLength(2);
  });

  it.each([0, 6, 3.5, Number.NaN])('refuses the score %p', (score) => {
    expect(recordSurvey(state(), { ...answer, score })).toEqual({ ok: false, reason: 'pick a score from 1 to 5' });
  });

  it('keeps line breaks of a comment, drops other control characters, and cuts it to the cap', () => {
    const result = recordSurvey(state(), { ...answer, comment: ` Good\r\nbut slow\u0000\u0007 ${'x'.repeat(2 * MAX_COMMENT_LENGTH)}` });
    const comment = result.ok ? result.state.surveys[0]!.comment : '';
    expect(comment.startsWith('Good\nbut slow x')).toBe(true);
    expect(comment).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it('works on a state decoded before surveys existed', () => {
    const old = { ...state(), surveys: undefined };
    expect(recordSurvey(old, { contact: REF, checkin: 30, score: 4, at: T0 })).toEqual({
      ok: true,
      state: { ...old, surveys: [{ contact: REF, checkin: 30, score: 4, comment: '', at: T0 }] },
    });
  });
});

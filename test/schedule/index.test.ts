import { expect, it } from '@jest/globals';
import * as schedule from '../../src/schedule/index.js';

it('exports exactly the public schedule API', () => {
  expect(Object.keys(schedule).sort()).toEqual([
    'blockEscalationDue',
    'checkinDue',
    'createCalendar',
    'dueActions',
    'dueStatus',
    'durationAfter',
    'escalationDue',
    'formatDuration',
    'onboardingTargetAt',
    'parseDueArgument',
    'parseDuration',
    'reminderDue',
    'reminderSchedule',
    'stageDueAt',
    'stageSentKey',
    'toDate',
  ]);
});

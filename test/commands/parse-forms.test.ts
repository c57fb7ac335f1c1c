import { describe, expect, it } from '@jest/globals';
import { parseCommands } from '../../src/commands/parse.js';

/** The single command a one-line comment holds, without where it came from. */
function only(body: string) {
  const { commands, errors } = parseCommands(body);
  expect(errors).toEqual([]);
  expect(commands).toHaveLength(1);
  const { line: _line, raw: _raw, ...rest } = commands[0]!;
  return rest;
}

describe('every command form parses into typed arguments', () => {
  const cases: [string, unknown][] = [
    ['/onboard managed-services Contoso Ltd.', { name: 'onboard', template: 'managed-services', customer: 'Contoso Ltd.' }],
    ['/onboard "Managed Services Onboarding" Fabrikam B.V.', { name: 'onboard', template: 'Managed Services Onboarding', customer: 'Fabrikam B.V.' }],
    ['/onboard `onboarding.md` "Tailspin Toys"', { name: 'onboard', template: 'onboarding.md', customer: 'Tailspin Toys' }],
    ['/onboard “premium” Zürich Versicherungs AG', { name: 'onboard', template: 'premium', customer: 'Zürich Versicherungs AG' }],
    ["/onboard basic O'Brien & Sons", { name: 'onboard', template: 'basic', customer: "O'Brien & Sons" }],
    ['/status', { name: 'status' }],
    ['/STATUS.', { name: 'status' }],
    ['/assign csm @alice', { name: 'assign', role: 'csm', users: ['alice'] }],
    ['/assign engineer @bob @carol-d', { name: 'assign', role: 'engineer', users: ['bob', 'carol-d'] }],
    ['/assign engineer @bob, @carol and @dave.', { name: 'assign', role: 'engineer', users: ['bob', 'carol', 'dave'] }],
    ['/assign project manager @erin', { name: 'assign', role: 'project manager', users: ['erin'] }],
    ['/assign "Project Manager" @erin', { name: 'assign', role: 'Project Manager', users: ['erin'] }],
    ['/assign @csm @alice', { name: 'assign', role: 'csm', users: ['alice'] }],
    ['/assign csm @alice @Alice', { name: 'assign', role: 'csm', users: ['alice'] }],
    ['/unassign engineer @bob', { name: 'unassign', role: 'engineer', users: ['bob'] }],
    ['/check 3', { name: 'check', item: { kind: 'number', item: 3 } }],
    ['/check 3.', { name: 'check', item: { kind: 'number', item: 3 } }],
    ['/check 2.3', { name: 'check', item: { kind: 'stageItem', stage: 2, item: 3 } }],
    ['/check 0.1', { name: 'check', item: { kind: 'stageItem', stage: 0, item: 1 } }],
    ['/check portal access', { name: 'check', item: { kind: 'text', text: 'portal access' } }],
    ['/check portal access!', { name: 'check', item: { kind: 'text', text: 'portal access' } }],
    ['/check "2.3 is not a number here"', { name: 'check', item: { kind: 'text', text: '2.3 is not a number here' } }],
    ['/check "3"', { name: 'check', item: { kind: 'text', text: '3' } }],
    ['/uncheck 4', { name: 'uncheck', item: { kind: 'number', item: 4 } }],
    ['/skip 4', { name: 'skip', item: { kind: 'number', item: 4 }, reason: null }],
    ['/skip 4 customer has no Azure', { name: 'skip', item: { kind: 'number', item: 4 }, reason: 'customer has no Azure' }],
    ['/skip 1.2: not needed', { name: 'skip', item: { kind: 'stageItem', stage: 1, item: 2 }, reason: 'not needed' }],
    ['/skip "budget alerts" no Azure', { name: 'skip', item: { kind: 'text', text: 'budget alerts' }, reason: 'no Azure' }],
    ['/skip budget alerts', { name: 'skip', item: { kind: 'text', text: 'budget alerts' }, reason: null }],
    ['/advance', { name: 'advance', reason: null }],
    ['/advance customer is slow, moving on', { name: 'advance', reason: 'customer is slow, moving on' }],
    ['/reopen 2', { name: 'reopen', stage: '2' }],
    ['/reopen "technical setup"', { name: 'reopen', stage: 'technical setup' }],
    ['/reopen stage-2.', { name: 'reopen', stage: 'stage-2' }],
    ['/block waiting for the signed SLA', { name: 'block', reason: 'waiting for the signed SLA' }],
    ['/block — no tenant access yet', { name: 'block', reason: 'no tenant access yet' }],
    ['/unblock', { name: 'unblock' }],
    ['/unblock!', { name: 'unblock' }],
    ['/finish', { name: 'finish', force: false }],
    ['/finish --force', { name: 'finish', force: true }],
    ['/finish —force', { name: 'finish', force: true }],
    ['/cancel customer chose another provider', { name: 'cancel', reason: 'customer chose another provider' }],
    ['/due 2 2026-03-31', { name: 'due', stage: '2', due: { kind: 'date', date: '2026-03-31' } }],
    ['/due 2 2026-3-9', { name: 'due', stage: '2', due: { kind: 'date', date: '2026-03-09' } }],
    ['/due 2026-03-31 2', { name: 'due', stage: '2', due: { kind: 'date', date: '2026-03-31' } }],
    ['/due 2 +5', { name: 'due', stage: '2', due: { kind: 'offset', amount: 5, unit: 'businessDays' } }],
    ['/due 2 +5bd', { name: 'due', stage: '2', due: { kind: 'offset', amount: 5, unit: 'businessDays' } }],
    ['/due 2 +10d', { name: 'due', stage: '2', due: { kind: 'offset', amount: 10, unit: 'days' } }],
    ['/due 2 +2w.', { name: 'due', stage: '2', due: { kind: 'offset', amount: 14, unit: 'days' } }],
    ['/due technical setup +3', { name: 'due', stage: 'technical setup', due: { kind: 'offset', amount: 3, unit: 'businessDays' } }],
    ['/remind', { name: 'remind', target: { kind: 'all' } }],
    ['/remind engineer', { name: 'remind', target: { kind: 'role', role: 'engineer' } }],
    ['/remind "project manager"', { name: 'remind', target: { kind: 'role', role: 'project manager' } }],
    ['/remind @bob', { name: 'remind', target: { kind: 'user', login: 'bob' } }],
    ['/snooze 2d', { name: 'snooze', duration: { amount: 2, unit: 'd' } }],
    ['/snooze 4h', { name: 'snooze', duration: { amount: 4, unit: 'h' } }],
    ['/snooze 1w', { name: 'snooze', duration: { amount: 1, unit: 'w' } }],
    ['/snooze 30m', { name: 'snooze', duration: { amount: 30, unit: 'm' } }],
    ['/snooze 3bd', { name: 'snooze', duration: { amount: 3, unit: 'bd' } }],
    ['/snooze 2 days', { name: 'snooze', duration: { amount: 2, unit: 'd' } }],
    ['/snooze 5 business days', { name: 'snooze', duration: { amount: 5, unit: 'bd' } }],
    ['/help', { name: 'help', topic: null }],
    ['/help skip', { name: 'help', topic: 'skip' }],
    ['/help /Assign?', { name: 'help', topic: 'assign' }],
  ];

  it.each(cases)('%s', (body, expected) => {
    expect(only(body)).toEqual(expected);
  });
});

describe('where a command came from', () => {
  it('keeps the 1-based line and the line as written', () => {
    const { commands } = parseCommands('Thanks!\n\n  /Check  2.3  ');
    expect(commands).toEqual([{ name: 'check', item: { kind: 'stageItem', stage: 2, item: 3 }, line: 3, raw: '/Check  2.3' }]);
  });

  it('reads pasted non-breaking and zero-width spaces as plain blanks', () => {
    expect(only('/assign\u00a0csm\u00a0@alice\u200b')).toEqual({ name: 'assign', role: 'csm', users: ['alice'] });
  });

  it('keeps unicode in free text', () => {
    expect(only('/block 等待客户签署 SLA 🙏')).toEqual({ name: 'block', reason: '等待客户签署 SLA 🙏' });
  });
});

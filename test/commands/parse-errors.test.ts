import { describe, expect, it } from '@jest/globals';
import { parseCommands } from '../../src/commands/parse.js';

/** The single error a one-line comment gives. */
function error(body: string) {
  const { commands, errors } = parseCommands(body);
  expect(commands).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('mistakes get a message that shows the right form', () => {
  const cases: [string, string][] = [
    ['/onboard', '/onboard needs a template and a customer name, e.g. /onboard managed-services Contoso Ltd.'],
    ['/onboard premium', '/onboard needs a customer name after the template, e.g. /onboard managed-services Contoso Ltd.'],
    ['/onboard "premium Contoso', '/onboard: a quote " is not closed; add the closing ", e.g. /onboard managed-services Contoso Ltd.'],
    ['/status now', '/status takes no arguments, write just /status'],
    ['/assign', '/assign needs a role and at least one @user, e.g. /assign csm @alice'],
    ['/assign csm', '/assign needs a role and at least one @user, e.g. /assign csm @alice'],
    ['/assign csm alice', '/assign needs a role and at least one @user, e.g. /assign csm @alice'],
    ['/assign csm @alice bob', '/assign: `bob` is not a user; write users as @login, e.g. /assign csm @alice'],
    ['/assign csm @-alice', '/assign: `@-alice` is not a valid GitHub login, e.g. /assign csm @alice'],
    ['/assign csm @a--b', '/assign: `@a--b` is not a valid GitHub login, e.g. /assign csm @alice'],
    ['/assign csm @dependabot[bot]', '/assign: `@dependabot[bot]` is not a valid GitHub login, e.g. /assign csm @alice'],
    [`/assign csm @${'a'.repeat(40)}`, `/assign: \`@${'a'.repeat(40)}\` is not a valid GitHub login, e.g. /assign csm @alice`],
    ['/assign csm @contoso/engineers', '/assign: `@contoso/engineers` is a team; name people instead (@alice), e.g. /assign csm @alice'],
    ['/unassign @bob', '/unassign needs a role and at least one @user, e.g. /unassign engineer @bob'],
    ['/check', '/check needs an item, e.g. /check 2.3'],
    ['/check 3 4', '/check takes one item per line; put each on its own line, e.g. /check 2.3'],
    ['/check 0', '/check: items are numbered from 1, e.g. /check 2.3'],
    ['/check 2.0', '/check: items are numbered from 1 within their stage, e.g. /check 2.3'],
    ['/skip', '/skip needs an item, e.g. /skip 4 customer has no Azure subscription'],
    ['/reopen', '/reopen needs a stage, e.g. /reopen 2'],
    ['/block', '/block needs a reason, e.g. /block waiting for the signed SLA'],
    ['/block ...', '/block needs a reason, e.g. /block waiting for the signed SLA'],
    ['/cancel', '/cancel needs a reason, e.g. /cancel customer chose another provider'],
    ['/unblock stage 2', '/unblock takes no arguments, write just /unblock'],
    ['/finish now', '/finish does not know `now`; the only option is --force, e.g. /finish --force'],
    ['/due 2', '/due needs a stage and a date, e.g. /due 2 2026-03-31'],
    ['/due 2 tomorrow', '/due: `tomorrow` is not a date (YYYY-MM-DD) or an offset (+5 business days, +5d, +2w), e.g. /due 2 2026-03-31'],
    ['/due 2 2026-02-30', '/due: 2026-02-30 is not a real date, e.g. /due 2 2026-03-31'],
    ['/due 2 +0', '/due: the offset must be at least +1, e.g. /due 2 2026-03-31'],
    ['/due 2 +60w', '/due: +60w is too far ahead; use at most a year, e.g. /due 2 2026-03-31'],
    ['/remind @bob @carol', '/remind reminds one role or one person per line, e.g. /remind engineer'],
    ['/remind @bob!!x', '/remind: `@bob!!x` is not a valid GitHub login, e.g. /remind engineer'],
    ['/snooze', '/snooze needs a duration, e.g. /snooze 2d'],
    ['/snooze soon', '/snooze: `soon` is not a duration; use 30m, 4h, 2d, 1w or 3bd, e.g. /snooze 2d'],
    ['/snooze 0h', '/snooze: the duration must be at least 1, e.g. /snooze 2d'],
    ['/snooze 13w', '/snooze: snooze for at most 90 days; to pause longer, use /block <reason>, e.g. /snooze 2d'],
    ['/help frobnicate', '/help: there is no command /frobnicate; write /help for the list'],
    ['/help chek', '/help: there is no command /chek; did you mean /help check? write /help for the list'],
    ['/check 3 /check 4', 'put each command on its own line: /check and /check share line 1'],
    [`/block ${'x'.repeat(501)}`, '/block: the reason is too long (501 characters, at most 500), e.g. /block waiting for the signed SLA'],
    [`/onboard basic ${'x'.repeat(101)}`, '/onboard: the customer name is too long (101 characters, at most 100), e.g. /onboard managed-services Contoso Ltd.'],
  ];

  it.each(cases)('%s', (body, message) => {
    const found = error(body);
    expect(found).toMatchObject({ kind: 'bad-arguments', line: 1, raw: body });
    expect(found.message).toBe(message);
  });
});

describe('unknown commands', () => {
  const cases: [string, string, string | null][] = [
    ['/asign csm @alice', 'unknown command /asign; did you mean /assign? list the commands with /help', 'assign'],
    ['/stauts', 'unknown command /stauts; did you mean /status? list the commands with /help', 'status'],
    ['/Chek 3', 'unknown command /chek; did you mean /check? list the commands with /help', 'check'],
    ['/check3', 'unknown command /check3; did you mean /check? list the commands with /help', 'check'],
    ['/cc @bob', 'unknown command /cc; list the commands with /help', null],
    ['/deploy now', 'unknown command /deploy; list the commands with /help', null],
  ];

  it.each(cases)('%s', (body, message, suggestion) => {
    const found = error(body);
    expect(found).toMatchObject({ kind: 'unknown-command', message, suggestion });
  });
});

describe('errors do not stop the other commands', () => {
  it('runs the good lines and reports the bad one in place', () => {
    const { commands, errors } = parseCommands('/check 3\n/asign csm @alice\n/status');
    expect(commands.map((c) => `${c.name}@${c.line}`)).toEqual(['check@1', 'status@3']);
    expect(errors.map((e) => `${e.name}@${e.line}`)).toEqual(['asign@2']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { defaultConfig, parseConfig } from '../../src/config.js';

const DEFAULTS = { enabled: true, welcome: true, yourPart: true, reminders: ['24h', '48h', '7d'], digest: '1w', signOff: true, checkins: true, survey: 'last' };

describe('config: the customer block', () => {
  it('defaults to the seeds: reminders at 24 h, 48 h and 7 days, a weekly update, the survey at the last check-in', () => {
    expect(defaultConfig.customer).toEqual(DEFAULTS);
    expect(parseConfig({ customer: {} })).toEqual({ ok: true, config: expect.objectContaining({ customer: DEFAULTS }) });
  });

  it.each([
    ['reminders off with false', { reminders: false }, { reminders: [] }],
    ['reminders off with []', { reminders: [] }, { reminders: [] }],
    ['other reminder offsets, business days and hours as numbers', { reminders: ['2bd', 36, '1w'] }, { reminders: ['2bd', 36, '1w'] }],
    ['digest off', { digest: 'off' }, { digest: 'off' }],
    ['digest false is off', { digest: false }, { digest: 'off' }],
    ['digest every two weeks', { digest: '2w' }, { digest: '2w' }],
    ['survey at the 30-day check-in', { survey: 30 }, { survey: 30 }],
    ['everything off', { enabled: false, welcome: false, yourPart: false, signOff: false, checkins: false }, { enabled: false, welcome: false, yourPart: false, signOff: false, checkins: false }],
    ['sender name and reply-to (domain lowercased)', { fromName: ' Intercept Onboarding ', replyTo: 'CSM@Intercept.NL' }, { fromName: 'Intercept Onboarding', replyTo: 'CSM@intercept.nl' }],
  ])('accepts %s', (_name, customer, expected) => {
    const result = parseConfig({ customer });
    expect(result.ok && result.config.customer).toEqual({ ...DEFAULTS, ...expected });
  });

  it.each([
    ['an unknown key', { welcom: true }, /customer`: .*welcom/],
    ['a reminder that is no duration', { reminders: ['tomorrow'] }, /customer\.reminders\.0`: use a duration/],
    ['a digest that is no duration', { digest: 'weekly' }, /customer\.digest/],
    ['a survey day of 0', { survey: 0 }, /customer\.survey/],
    ['a sender name with a line break', { fromName: 'Intercept\r\nBcc: x@y.z' }, /customer\.fromName`: write the name on one line/],
    ['a reply-to that is no address', { replyTo: 'csm at intercept' }, /customer\.replyTo`: .*not an email address/],
  ])('refuses %s, naming the property', (_name, customer, message) => {
    const result = parseConfig({ customer });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });
});

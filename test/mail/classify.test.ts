import { describe, expect, it } from '@jest/globals';
import { classifySendError } from '../../src/mail/classify.js';

const A = 'jane@contoso.com';
const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('classifySendError', () => {
  it.each([
    ['421 at RCPT', err({ code: 'EENVELOPE', responseCode: 421, response: '421 4.7.0 Try again later', command: 'RCPT TO' }), { kind: 'transient', code: '421', reply: '421 4.7.0 Try again later' }],
    ['451 greylisted', err({ code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 Greylisted', command: 'RCPT TO' }), { kind: 'transient', code: '451', reply: '451 4.7.1 Greylisted' }],
    ['550 at RCPT', err({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }), { kind: 'permanent', code: '550', reply: '550 5.1.1 User unknown', address: A }],
    ['554 after DATA', err({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Message rejected as spam', command: 'DATA' }), { kind: 'permanent', code: '554', reply: '554 5.7.1 Message rejected as spam', address: A }],
    ['535 auth failed', err({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials', command: 'AUTH PLAIN' }), { kind: 'misconfigured', code: '535', reply: '535 5.7.8 Bad credentials' }],
    ['553 sender refused', err({ code: 'EENVELOPE', responseCode: 553, response: '553 5.7.1 Sender not allowed', command: 'MAIL FROM' }), { kind: 'misconfigured', code: '553', reply: '553 5.7.1 Sender not allowed' }],
    ['TLS failure', err({ code: 'ETLS', message: 'Error initiating TLS' }), { kind: 'misconfigured', code: 'ETLS', reply: 'Error initiating TLS' }],
    ['connection refused', err({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1' }), { kind: 'transient', code: 'ECONNECTION', reply: 'connect ECONNREFUSED 127.0.0.1:1' }],
    ['a timeout', err({ code: 'ETIMEDOUT', message: 'Greeting never received' }), { kind: 'transient', code: 'ETIMEDOUT', reply: 'Greeting never received' }],
    ['DNS', err({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND mail.contoso.com' }), { kind: 'transient', code: 'EDNS', reply: 'getaddrinfo ENOTFOUND mail.contoso.com' }],
    ['something else entirely', 'boom', { kind: 'transient', code: 'EUNKNOWN', reply: 'boom' }],
  ])('%s', (_name, error, expected) => {
    expect(classifySendError(error, A)).toEqual(expected);
  });

  it('keeps the server\'s reply on one line', () => {
    const result = classifySendError(err({ responseCode: 550, response: '550-5.1.1 first\r\n550 5.1.1 second', command: 'RCPT TO' }), A);
    expect(result.reply).toBe('550-5.1.1 first 550 5.1.1 second');
  });
});

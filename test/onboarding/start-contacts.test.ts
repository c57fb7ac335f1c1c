/**
 * The contacts an onboarding starts with: planStart reads the EPIC body's filled intake fields
 * (field names as the seed templates write them) and the hidden contacts line `embark enroll`
 * writes; what it cannot read is logged and shown under the status comment's contacts, never a
 * failed start. The status comment shows the contacts masked.
 */
import { describe, expect, it } from '@jest/globals';
import { contactRef } from '../../src/customer/contact.js';
import { MAX_CONTACTS } from '../../src/customer/contacts.js';
import { itemReaderFor } from '../../src/onboarding/items.js';
import { planStart } from '../../src/onboarding/start.js';
import { decodeState } from '../../src/onboarding/state.js';
import { renderStatusComment } from '../../src/onboarding/status-comment.js';
import { deriveStages } from '../../src/onboarding/view.js';
import { contactsMarker, parseContactsMarker } from '../../src/render/contacts-marker.js';
import { parseIssueBody } from '../../src/template/index.js';
import { config, epicIssue, parsedTemplate, T0 } from './fixture.js';

const INTAKE = `### Description
- Customer name: \`Contoso\`
- Contact name: \`Jane Doe\`
- Contact email: \`jane.doe@Contoso.com\`
- Email Address: \`Ops Team <ops@contoso.com>; jane.doe@contoso.com\`
- Email address for budget alerts: \`alerts@contoso.com\`
- Customer email: \`xxx\`
- Tenant ID: \`xxx\`
`;

/** The fixture template's body with `description` in place of its Description section, and `head` above it. */
function bodyWith(description: string, head = ''): string {
  const body = parsedTemplate().body!;
  return head + body.replace(/### Description\n- Tenant ID: `xxx`\n/, description);
}

function start(body: string) {
  const template = parsedTemplate();
  const parsed = parseIssueBody(body, template);
  if (!parsed.template) throw new Error(JSON.stringify(parsed.errors));
  return planStart({
    template, templateFile: 'msp.md', stages: parsed.template.stages, customer: 'Contoso', epic: epicIssue(body), existing: [], config: config(), now: T0,
    fields: parsed.template.fields,
  });
}

const intake = (name: string, email: string) => ({ name, email, source: 'intake', addedAt: T0, addedBy: 'intake', unsubscribedAt: null });
const csv = (name: string, email: string) => ({ name, email, source: 'csv', addedAt: T0, addedBy: 'csv', unsubscribedAt: null });

describe('planStart: the first customer contacts', () => {
  it('takes the email fields (each address once), names from the name field, and never the budget-alerts address', () => {
    const plan = start(bodyWith(INTAKE));
    expect(plan.state.contacts).toEqual([intake('Jane Doe', 'jane.doe@contoso.com'), intake('Ops Team', 'ops@contoso.com')]);
    expect(plan.state.mail).toEqual({ sent: [], failed: [] });
    expect(plan.state.surveys).toEqual([]);
    expect(plan.state.log.map((e) => e.key)).toEqual(['started']);
  });

  it('starts with no contacts when the email fields are placeholders', () => {
    const plan = start(bodyWith('### Description\n- Contact email: `xxx`\n- Email Address: `<email>`\n'));
    expect(plan.state.contacts).toEqual([]);
  });

  it('starts anyway when an email field holds no readable address, and says so in the log and the status comment', () => {
    const plan = start(bodyWith('### Description\n- Contact email: `jane.doe@contoso`\n- Email Address: `ops@contoso.com`\n'));
    expect(plan.specs).toHaveLength(3);
    expect(plan.state.contacts).toEqual([intake('Contoso', 'ops@contoso.com')]);
    const problems = plan.state.log.filter((e) => e.key?.startsWith('start-contact:'));
    expect(problems.map((e) => e.text)).toEqual([
      'could not take a customer contact from the issue: Contact email: "j***@contoso" is not an email address: the domain needs a dot, like contoso.com; fix it, or add the contact with /contact add NAME <email>',
    ]);
    const status = renderStatusComment({ state: plan.state, stages: deriveStages({ repo: { owner: 'a', name: 'b', nodeId: 'R' }, epic: epicIssue(''), stageIssues: [], otherSubIssues: [], statusComment: null, epicNotices: [] }, plan.state, itemReaderFor(plan.state)) });
    expect(status).toContain('⚠️ could not take a customer contact from the issue: Contact email: "j\\*\\*\\*@​contoso" is not an email address');
  });

  it('takes the enrollment’s hidden contacts line as source csv, after the intake, each address once', () => {
    const marker = contactsMarker([{ name: 'Jane Doe', email: 'JANE.DOE@contoso.com' }, { name: 'Finance', email: 'ap@contoso.com' }]);
    const plan = start(bodyWith('### Description\n- Contact email: `jane.doe@contoso.com`\n', `${marker}\n`));
    expect(plan.state.contacts).toEqual([intake('Contoso', 'jane.doe@contoso.com'), csv('Finance', 'ap@contoso.com')]);
  });

  it(`keeps at most ${MAX_CONTACTS} and logs the rest as left out`, () => {
    const many = Array.from({ length: MAX_CONTACTS + 2 }, (_, i) => ({ name: `P${i}`, email: `p${i}@contoso.com` }));
    const plan = start(bodyWith('### Description\n- Tenant ID: `xxx`\n', `${contactsMarker(many)}\n`));
    expect(plan.state.contacts).toHaveLength(MAX_CONTACTS);
    expect(plan.state.log.filter((e) => e.key?.startsWith('start-contact:')).map((e) => e.text)).toEqual([
      expect.stringContaining('p***@contoso.com was left out: this onboarding already has 20 contacts'),
      expect.stringContaining('p***@contoso.com was left out'),
    ]);
  });
});

describe('the contacts marker', () => {
  it('round-trips, escaped so no value can close it or hold `--`', () => {
    const marker = contactsMarker([{ name: 'Jane --> <b>&', email: 'jane--x@contoso.com' }]);
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker.slice('<!-- embark:contacts '.length, -' -->'.length)).not.toMatch(/--|[<>&]/);
    expect(parseContactsMarker(`text\n${marker}\nmore`)).toEqual({ contacts: [{ name: 'Jane --> <b>&', email: 'jane--x@contoso.com' }], problems: [] });
    expect(contactsMarker([])).toBe('');
  });

  it.each([
    ['no marker', 'hello', { contacts: [], problems: [] }],
    ['not a list', '<!-- embark:contacts {"a":1} -->', { contacts: [], problems: [] }],
    ['unclosed', '<!-- embark:contacts [{"name":"J","email":"j@x.com"}]', { contacts: [], problems: [] }],
  ])('reads %s as nothing', (_name, body, expected) => {
    expect(parseContactsMarker(body)).toEqual(expected);
  });

  it('checks every entry again: a person may have edited the body', () => {
    const body = '<!-- embark:contacts [{"name":"J\\r\\nBcc: x","email":"j@x.com"},{"name":"K","email":"nope"},{"email":"ok@x.com"},7] -->';
    const read = parseContactsMarker(body);
    expect(read.contacts).toEqual([{ name: '', email: 'ok@x.com' }]);
    expect(read.problems).toEqual([
      'the contact name holds a line break or control character; write it on one line',
      '"nope" is not an email address: write exactly one @, like jane@contoso.com',
      'the email address is empty',
    ]);
  });
});

describe('the status comment shows contacts masked', () => {
  it('masked address, escaped name, source, mails, unsubscribe and the server’s refusal; the full address only in the hidden state', () => {
    const plan = start(bodyWith(INTAKE));
    const state = structuredClone(plan.state);
    const jane = 'jane.doe@contoso.com';
    const ops = 'ops@contoso.com';
    state.contacts[0]!.name = 'Jane *Doe* @janedoe <b>';
    state.contacts[0]!.unsubscribedAt = '2026-11-25T10:00:00.000Z';
    state.mail = {
      sent: [`welcome:${contactRef(jane)}`, `remind:stage-0:24h:${contactRef(jane)}`, `welcome:${contactRef(ops)}`],
      failed: [{ key: `welcome:${contactRef(ops)}`, address: ops, reply: '550 5.1.1 <ops@contoso.com>: Recipient address rejected', at: T0 }],
    };
    const stages = deriveStages({ repo: { owner: 'a', name: 'b', nodeId: 'R' }, epic: epicIssue(''), stageIssues: [], otherSubIssues: [], statusComment: null, epicNotices: [] }, state, itemReaderFor(state));
    const body = renderStatusComment({ state, stages });
    const lines = body.split('\n');
    const at = lines.indexOf('**Customer contacts**');
    expect(lines.slice(at, at + 6)).toEqual([
      '**Customer contacts**',
      '',
      '| Customer contact | Name | From | Mails | Notes |',
      '| --- | --- | --- | --- | --- |',
      '| `j***@contoso.com` | Jane \\*Doe\\* @​janedoe &lt;b&gt; | intake | 2 | unsubscribed 2026-11-25 |',
      '| `o***@contoso.com` | Ops Team | intake | 1 | address refused: 550 5.1.1 &lt;o\\*\\*\\*@​contoso.com&gt;: Recipient address rejected |',
    ]);
    const visible = body.slice(0, body.indexOf('<!-- embark:state'));
    expect(visible).not.toContain(jane);
    expect(visible).not.toContain(ops);
    expect(decodeState(body)?.contacts.map((c) => c.email)).toEqual([jane, ops]);
  });

  it('shows nothing when there are no contacts and no problems', () => {
    const plan = start(bodyWith('### Description\n- Tenant ID: `xxx`\n'));
    const stages = deriveStages({ repo: { owner: 'a', name: 'b', nodeId: 'R' }, epic: epicIssue(''), stageIssues: [], otherSubIssues: [], statusComment: null, epicNotices: [] }, plan.state, itemReaderFor(plan.state));
    expect(renderStatusComment({ state: plan.state, stages })).not.toContain('Customer contacts');
  });
});

/**
 * Customer contacts from `embark enroll`: the partner hub's bulk format (Customer Name, Email
 * Address, Domain Name, Country Code) and contact columns. When the template has a field for the
 * column, the field is filled and the start reads it as intake; when it has none, the row's
 * contacts go into the issue's hidden contacts line and the start reads them as `csv`. A row with
 * an address that is not one is a bad row, with its line and what to fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { configSchema } from '../../src/config.js';
import { HeaderError, mapColumns } from '../../src/enroll/columns.js';
import { enrollIssueText, fieldLines } from '../../src/enroll/issue-text.js';
import { defaultPace, type PaceClock } from '../../src/enroll/pace.js';
import type { RowResult } from '../../src/enroll/results.js';
import { checkRow } from '../../src/enroll/row-check.js';
import { enroll } from '../../src/enroll/run.js';
import type { IssueSnapshot } from '../../src/onboarding/snapshot.js';
import { planStart } from '../../src/onboarding/start.js';
import { parseContactsMarker } from '../../src/render/contacts-marker.js';
import { parseIssueBody, parseTemplate } from '../../src/template/index.js';
import type { Template } from '../../src/template/model.js';

const HUB = ['Customer Name', 'Email Address', 'Domain Name', 'Country Code'];
const partnerHub = parseTemplate(readFileSync('templates/partner-hub-enrollment.md', 'utf8')).template!;
/** The same template asking for the contact's address in its own intake field. */
const withField = parseTemplate(readFileSync('templates/partner-hub-enrollment.md', 'utf8').replace('- Customer domain:', '- Email Address: `xxx`\n- Customer domain:')).template!;

/** Check `record` under `header`, open the row's issue text, and start the onboarding from that body. */
function enrollAndStart(template: Template, header: string[], record: string[]) {
  const columns = mapColumns(header, template);
  const checked = checkRow({ record, line: 2, header, columns, seen: new Map() });
  if (!checked.ok) throw new Error(checked.reason);
  const text = enrollIssueText({ template, lines: fieldLines(template), row: checked.row, key: 'abcdef01-0123456789abcdef' });
  if (!text.ok) throw new Error(text.reason);
  const parsed = parseIssueBody(text.body, template);
  const epic = { number: 7, title: text.title, body: text.body } as IssueSnapshot;
  const plan = planStart({
    template, templateFile: null, stages: parsed.template!.stages, customer: checked.row.customer, epic, existing: [], config: configSchema.parse({}), now: '2026-11-23T09:00:00.000Z',
    fields: parsed.template!.fields,
  });
  return { columns, row: checked.row, body: text.body, contacts: plan.state.contacts };
}

describe('contact columns', () => {
  it('the partner hub format on a template without an address field: Email Address goes into the hidden contacts line, read at the start as csv', () => {
    const out = enrollAndStart(partnerHub, HUB, ['Contoso', 'Jane Doe <jane@Contoso.com>', 'contoso.com', 'US']);
    expect(out.columns).toMatchObject({ customer: 0, contacts: { emails: [1], name: null }, unknown: ['Domain Name'] });
    expect(out.row.contacts).toEqual([{ name: 'Jane Doe', email: 'jane@contoso.com' }]);
    expect(parseContactsMarker(out.body).contacts).toEqual([{ name: 'Jane Doe', email: 'jane@contoso.com' }]);
    expect(out.contacts).toEqual([{ name: 'Jane Doe', email: 'jane@contoso.com', source: 'csv', addedAt: '2026-11-23T09:00:00.000Z', addedBy: 'csv', unsubscribedAt: null }]);
  });

  it('a bare address is named after the customer, or after a Contact name column', () => {
    expect(enrollAndStart(partnerHub, HUB, ['Contoso', 'jane@contoso.com', 'contoso.com', 'US']).row.contacts).toEqual([{ name: 'Contoso', email: 'jane@contoso.com' }]);
    const header = ['customer', 'Contact name', 'Contact email', 'Email'];
    const out = enrollAndStart(partnerHub, header, ['Contoso', 'Jane Doe', 'jane@contoso.com', 'Ops <ops@contoso.com>; finance@contoso.com']);
    expect(out.columns.contacts).toEqual({ emails: [2, 3], name: 1 });
    expect(out.contacts.map((c) => [c.name, c.email, c.source])).toEqual([
      ['Jane Doe', 'jane@contoso.com', 'csv'],
      ['Ops', 'ops@contoso.com', 'csv'],
      ['Contoso', 'finance@contoso.com', 'csv'],
    ]);
  });

  it('the partner hub format on a template with an Email Address field: the field is filled and the start reads it as intake; no hidden line', () => {
    const out = enrollAndStart(withField, HUB, ['Contoso', 'jane@contoso.com', 'contoso.com', 'US']);
    expect(out.columns.fields.map((f) => f.field)).toContain('Email Address');
    expect(out.columns.contacts.emails).toEqual([]);
    expect(out.body).toContain('- Email Address: `jane@contoso.com`');
    expect(out.body).not.toContain('embark:contacts');
    expect(out.contacts.map((c) => [c.name, c.email, c.source])).toEqual([['Contoso', 'jane@contoso.com', 'intake']]);
  });

  it('an empty address cell gives no contacts and no hidden line', () => {
    const out = enrollAndStart(partnerHub, HUB, ['Contoso', '', 'contoso.com', 'US']);
    expect(out.row.contacts).toEqual([]);
    expect(out.body).not.toContain('embark:contacts');
    expect(out.contacts).toEqual([]);
  });

  it('a contact name column without an address column is not used (and is named in the warning)', () => {
    expect(mapColumns(['customer', 'Contact name'], partnerHub)).toMatchObject({ contacts: { emails: [], name: null }, unknown: ['Contact name'] });
  });

  it('refuses two contact name columns', () => {
    expect(() => mapColumns(['customer', 'Contact', 'Contact name', 'Email'], partnerHub)).toThrow(HeaderError);
  });

  it.each([
    [HUB, ['Contoso', 'jane@contoso', 'contoso.com', 'US'], 'Email Address: "jane@contoso" is not an email address: the domain needs a dot, like contoso.com; fix the address or leave the cell empty'],
    [HUB, ['Contoso', 'Jane Doe', 'contoso.com', 'US'], 'Email Address: "Jane Doe" holds no email address; fix the address or leave the cell empty'],
    [HUB, ['Contoso', '@jane', 'contoso.com', 'US'], '"Email Address" starts with "@", which a spreadsheet would run as a formula; remove that first character'],
  ])('a row with a bad address is a bad row: %j %j', (header, record, reason) => {
    expect(checkRow({ record, line: 5, header, columns: mapColumns(header, partnerHub), seen: new Map() })).toEqual({ ok: false, reason });
  });

  it('checks an address the template’s own field takes too, before any issue is opened', () => {
    expect(checkRow({ record: ['Contoso', 'jane@@contoso.com', 'contoso.com', 'US'], line: 5, header: HUB, columns: mapColumns(HUB, withField), seen: new Map() })).toEqual({
      ok: false,
      reason: 'Email Address: "jane@@contoso.com" is not an email address: write exactly one @, like jane@contoso.com; fix the address or leave the cell empty',
    });
  });

  it('a run reports the bad row with its line and goes on with the others', async () => {
    const clock: PaceClock = { now: () => 0, sleep: async () => {} };
    const rows: RowResult[] = [];
    const warnings: string[] = [];
    const csv = [HUB.join(','), 'Contoso,jane@contoso.com,contoso.com,US', 'Fabrikam,bob@fabrikam,fabrikam.com,NL', 'Tailspin,"Ann <ann@tailspin.example>",tailspin.example,CA'].join('\n');
    await enroll({
      file: 'hub.csv', source: [csv], template: partnerHub, github: null, dryRun: true, pace: defaultPace(4), clock,
      report: { warning: (t) => warnings.push(t), paused() {}, row: (r) => rows.push(r) },
    });
    expect(rows.map((r) => [r.line, r.customer, r.status, r.reason])).toEqual([
      [2, 'Contoso', 'would-create', null],
      [3, 'Fabrikam', 'skipped', 'Email Address: "bob@fabrikam" is not an email address: the domain needs a dot, like contoso.com; fix the address or leave the cell empty'],
      [4, 'Tailspin', 'would-create', null],
    ]);
    expect(warnings).toEqual(['hub.csv: ignoring columns that match no field or role of "Partner Hub Enrollment": Domain Name']);
  });
});

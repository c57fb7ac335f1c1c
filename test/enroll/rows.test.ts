import { describe, expect, it } from '@jest/globals';
import { HeaderError, mapColumns, normaliseName } from '../../src/enroll/columns.js';
import { checkRow } from '../../src/enroll/row-check.js';
import { customerIdentity, readRowKey, rowKey, rowKeyMarker } from '../../src/enroll/row-key.js';
import { parseTemplate } from '../../src/template/index.js';
import { TEMPLATE } from '../flows/harness.js';

const template = parseTemplate(TEMPLATE).template!;

describe('matching columns to the template', () => {
  it('ignores case, spaces and punctuation, and finds roles by name', () => {
    expect(normaliseName(' Tenant_ID ')).toBe('tenantid');
    const map = mapColumns(['Customer', 'tenant-id', 'csm', 'ENGINEER', 'Notes'], template);
    expect(map).toEqual({
      customer: 0,
      fields: [{ column: 1, field: 'Tenant ID' }],
      roles: [
        { column: 2, role: 'CSM' },
        { column: 3, role: 'Engineer' },
      ],
      contacts: { emails: [], name: null },
      unknown: ['Notes'],
    });
  });

  it('takes the partner hub\'s "Customer Name" as the customer column', () => {
    expect(mapColumns(['Customer Name', 'Tenant ID'], template).customer).toBe(0);
  });

  it.each([
    [['Tenant ID', 'CSM'], /no "customer" column \(it has: "Tenant ID", "CSM"\)/],
    [['customer', 'Tenant ID', 'tenant id'], /columns "Tenant ID" and "tenant id" name the same thing/],
    [['customer', 'Customer Name'], /both name the customer/],
  ])('refuses the header %j', (header, message) => {
    expect(() => mapColumns(header, template)).toThrow(HeaderError);
    expect(() => mapColumns(header, template)).toThrow(message);
  });
});

describe('checking a row', () => {
  const header = ['customer', 'Tenant ID', 'CSM', 'Engineer', 'Notes'];
  const columns = mapColumns(header, template);
  const check = (record: string[], seen = new Map<string, number>()) => checkRow({ record, line: 9, header, columns, seen });

  it('keeps a good row: trimmed customer, filled fields, owners split on spaces and commas', () => {
    expect(check(['  Contoso  Ltd ', 'T-1', 'alice', 'bob, carol', 'x'])).toEqual({
      ok: true,
      row: { line: 9, customer: 'Contoso Ltd', fields: { 'Tenant ID': 'T-1' }, owners: { CSM: ['alice'], Engineer: ['bob', 'carol'] }, contacts: [] },
    });
  });

  it('leaves empty cells out, so the template keeps its own value', () => {
    expect(check(['Contoso', '', '', ''])).toEqual({ ok: true, row: { line: 9, customer: 'Contoso', fields: {}, owners: {}, contacts: [] } });
  });

  it.each([
    [['', 'T-1'], 'no customer: fill in "customer"'],
    [['%customer%', 'T-1'], '"customer" still holds the placeholder "%customer%"'],
    [['Contoso', 'xxx'], '"Tenant ID" still holds the placeholder "xxx": fill it in or leave the cell empty'],
    [['Contoso', 'TBD'], '"Tenant ID" still holds the placeholder "TBD": fill it in or leave the cell empty'],
    [['=HYPERLINK("x")', 'T-1'], '"customer" starts with "=", which a spreadsheet would run as a formula; remove that first character'],
    [['Contoso', '+1'], '"Tenant ID" starts with "+", which a spreadsheet would run as a formula; remove that first character'],
    [['Contoso', '-2+3'], '"Tenant ID" starts with "-", which a spreadsheet would run as a formula; remove that first character'],
    [['Contoso', 'T-1', '@alice'], '"CSM" starts with "@", which a spreadsheet would run as a formula; remove that first character'],
    [['Contoso', 'T-1', 'al!ce'], '"CSM": "al!ce" is not a GitHub login (write logins without @, separated by spaces)'],
    [['Contoso', 'a\nb'], '"Tenant ID" holds a line break; a field takes one line'],
    [['Contoso', 'a`b'], '"Tenant ID" holds a backtick (`), which the template\'s field cannot hold'],
    [['Contoso', 'T-1', '', '', '', 'extra'], 'it has 6 cells but the header has 5; quote values that contain commas'],
  ])('skips %j: %s', (record, reason) => {
    expect(check(record)).toEqual({ ok: false, reason });
  });

  it('refuses the second row of a customer, naming the first line, whatever the case and spacing', () => {
    const seen = new Map<string, number>([[customerIdentity('Contoso Ltd'), 3]]);
    expect(check(['contoso   LTD', 'T-2'], seen)).toEqual({ ok: false, reason: 'duplicate customer "contoso LTD": line 3 names it already' });
  });

  it('ignores formulas in columns it does not use', () => {
    expect(check(['Contoso', 'T-1', '', '', '=1+1']).ok).toBe(true);
  });
});

describe('row keys', () => {
  it('depend on the file name and the customer identity, not the folder', () => {
    expect(rowKey('/a/customers.csv', 'Contoso')).toBe(rowKey('b/customers.csv', ' contoso '));
    expect(rowKey('customers.csv', 'Contoso')).not.toBe(rowKey('other.csv', 'Contoso'));
    expect(rowKey('customers.csv', 'Contoso')).not.toBe(rowKey('customers.csv', 'Fabrikam'));
    expect(rowKey('x.csv', 'Contoso').split('-')[0]).toBe(rowKey('x.csv', 'Fabrikam').split('-')[0]);
  });

  it('are read back from a body', () => {
    const key = rowKey('customers.csv', 'Contoso');
    expect(readRowKey(`intro\n${rowKeyMarker(key)}\nrest`)).toBe(key);
    expect(readRowKey('<!-- embark:enroll-key nothex -->')).toBeNull();
    expect(readRowKey(null)).toBeNull();
  });
});

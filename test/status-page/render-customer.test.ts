/**
 * The customer's part of the page as HTML: fields from the EPIC body (only the template's
 * customer fields, placeholders empty, values escaped), forms that ask for a name only on a
 * `/share` link, and no form once the onboarding is closed.
 */
import { describe, expect, it } from '@jest/globals';
import { renderStatusPage } from '../../src/status-page/render.js';
import { buildStatusView } from '../../src/status-page/view-model.js';
import { fixture, NOW } from './fixture.js';

const EPIC = '### Description\n- Tenant ID: `xxx`\n- Region: `"eu" & <west>`\n- Secret notes: `internal`\n';

function view(state = fixture().state) {
  const f = fixture();
  return buildStatusView({ state, stages: f.stages, due: f.due, settings: f.config.statusPage, customerItems: [], epicBody: EPIC, customerFields: ['TenantID', 'region'] });
}

const render = (v: ReturnType<typeof view>, signer: string | null) =>
  renderStatusPage(v, { path: '/embark/status/T', formTokens: Object.fromEntries(v.items.filter((i) => i.canSignOff).map((i) => [i.key, 'ft'])), fieldTokens: { 'tenantid#0': 't1', 'region#0': 't2' }, timeZone: 'UTC', signer });

describe('customer fields on the page', () => {
  it('lists only the customer fields, with placeholders shown as empty', () => {
    expect(view().fields).toEqual([
      { key: 'tenantid#0', name: 'Tenant ID', value: '', source: 'xxx', canEdit: true },
      { key: 'region#0', name: 'Region', value: '"eu" & <west>', source: '"eu" & <west>', canEdit: true },
    ]);
  });

  it('escapes values and asks for a name only on a shared link', () => {
    const shared = render(view(), null);
    expect(shared).toContain('value="&quot;eu&quot; &amp; &lt;west&gt;"');
    expect(shared).not.toContain('<west>');
    expect(shared).not.toContain('Secret notes');
    expect(shared.match(/name="name"/g)?.length).toBe(2 + view().items.filter((i) => i.canSignOff).length); // each field and each sign-off
    const own = render(view(), 'Jane <b>');
    expect(own).not.toContain('name="name"');
    expect(own).toContain('Sign off as Jane &lt;b&gt;');
    expect(view().items.some((i) => i.canSignOff)).toBe(true);
  });

  it('shows the values without forms once the onboarding is closed', () => {
    const closed = view({ ...fixture().state, completedAt: NOW.toISOString() });
    expect(closed.fields.every((f) => !f.canEdit)).toBe(true);
    const html = render(closed, 'Jane');
    expect(html).not.toContain('/field"');
    expect(html).toContain('Now: &quot;eu&quot;');
  });
});

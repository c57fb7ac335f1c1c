import { describe, expect, it } from '@jest/globals';
import { fixture } from './fixture.js';

describe('status view: what the customer may see', () => {
  it('lists every stage with its state, counts and due date, and the overall progress', () => {
    const { view } = fixture();
    expect(view.customer).toBe('Contoso');
    expect(view.stages.map((s) => [s.title, s.status, s.done, s.total])).toEqual([
      ['Stage 0: Agreement', 'done', 1, 1],
      ['Stage 1: Access', 'in-progress', 0, 3],
      ['Stage 2: Go-live', 'not-started', 0, 2],
    ]);
    expect(view.stages[1]!.dueAt).toMatch(/^2026-11-27/);
    expect(view.stages[2]!.dueAt).toBeNull();
    expect(view.progress).toEqual({ stagesDone: 1, stagesTotal: 3, itemsDone: 1, itemsTotal: 6, percent: 17 });
    expect(view.targetAt).not.toBeNull();
    // The forecast: not before the stage under way is due, and gone once the onboarding closes.
    expect(view.forecastAt! >= view.stages[1]!.dueAt!).toBe(true);
    expect(view.overall).toBe('in-progress');
  });

  it('shows only customer items (Customer and Client roles) by default, never the team’s item text', () => {
    const { view } = fixture();
    expect(view.items.map((i) => [i.text, i.role, i.state, i.canSignOff])).toEqual([
      ['Confirm the go-live date', 'Customer', 'open', true],
      ['Sign off the onboarding', 'Client', 'open', true],
    ]);
    const all = JSON.stringify(view);
    expect(all).not.toContain('Grant admin access');
    expect(all).not.toContain('Book the kickoff');
    expect(all).not.toContain('INTERNAL');
  });

  it('counts items named in onboarding.customerItems (text fragment or id) as the customer’s', () => {
    const { view } = fixture({ customerItems: ['kickoff'] });
    expect(view.items.map((i) => i.text)).toContain('Book the kickoff call');
  });

  it('shows every item with showAllItems, but the customer signs off only their own', () => {
    const { view } = fixture({ config: { showAllItems: true } });
    expect(view.items).toHaveLength(6);
    expect(view.items.filter((i) => i.canSignOff).map((i) => i.text)).toEqual(['Confirm the go-live date', 'Sign off the onboarding']);
    expect(view.items.find((i) => i.text === 'Signed agreement received')!.state).toBe('done');
  });

  it('names the next stage and the roles with open work there; logins only with showOwners', () => {
    const hidden = fixture();
    expect(hidden.view.next).toEqual({
      stageTitle: 'Stage 1: Access',
      owners: [
        { role: 'Customer', people: [] },
        { role: 'CSM', people: [] },
        { role: 'Engineer', people: [] },
      ],
    });
    expect(JSON.stringify(hidden.view)).not.toMatch(/alice|bob/);
    const shown = fixture({ config: { showOwners: true } });
    expect(shown.view.next!.owners).toContainEqual({ role: 'CSM', people: ['alice'] });
  });

  it('shows a block as on hold without the reason, and offers no sign-off once cancelled', () => {
    const blocked = fixture({ state: { blocked: { reason: 'SECRET: unpaid invoice', by: 'alice', at: '2026-11-24T10:00:00Z' } } });
    expect(blocked.view.overall).toBe('on-hold');
    expect(JSON.stringify(blocked.view)).not.toContain('unpaid');
    const cancelled = fixture({ state: { cancelled: { reason: 'lost deal', by: 'alice', at: '2026-11-24T10:00:00Z' } } });
    expect(cancelled.view.overall).toBe('cancelled');
    expect(cancelled.view.items.some((i) => i.canSignOff)).toBe(false);
    expect(cancelled.view.next).toBeNull();
  });

  it('marks skipped customer items as not needed, not open', () => {
    const { view, stages } = fixture();
    const id = stages[1]!.items[0]!.id;
    const skipped = fixture({ state: { skipped: { [`stage-1/${id}`]: { reason: 'n/a', by: 'alice', at: '2026-11-24T10:00:00Z' } } } });
    expect(view.items[0]!.state).toBe('open');
    expect(skipped.view.items[0]!.state).toBe('not-needed');
    expect(skipped.view.items[0]!.canSignOff).toBe(false);
  });
});

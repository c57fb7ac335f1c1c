/**
 * How the app knows its own events: `EMBARK_APP_SLUG`, or GitHub's `GET /app` asked once (again
 * after a failure); while unknown, every bot counts as Embark (the sweep repairs a missed start,
 * an answer to itself could loop). Only that login's events are skipped.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { selfIdentity } from '../../src/app/events.js';
import { readSettings } from '../../src/app/settings.js';
import { isOwnEvent, isWork, worthQueueing } from '../../src/handlers/dispatch.js';

const quiet = { info() {}, warn() {} } as never;

function fakeApp(answers: Array<string | Error>) {
  const getAuthenticated = jest.fn(async () => {
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return { data: { slug: next } };
  });
  return { app: { auth: async () => ({ rest: { apps: { getAuthenticated } } }), log: quiet } as never, getAuthenticated };
}

const opened = (sender: { login: string; type: string }) => ({ action: 'opened', sender, repository: { full_name: 'acme/onboarding' }, installation: { id: 1 }, issue: { number: 1 } });

describe('Embark\'s own events', () => {
  it('EMBARK_APP_SLUG names the bot without asking GitHub', async () => {
    const { app, getAuthenticated } = fakeApp([]);
    const self = selfIdentity(app, readSettings({ EMBARK_APP_SLUG: 'embark-acme' }).appSlug);
    expect(await self()).toBe('embark-acme[bot]');
    expect(getAuthenticated).not.toHaveBeenCalled();
    expect(readSettings({ EMBARK_APP_SLUG: 'embark-acme[bot]' }).appSlug).toBe('embark-acme');
    const bad = readSettings({ EMBARK_APP_SLUG: 'not a slug' });
    expect(bad.appSlug).toBeNull();
    expect(bad.warnings[0]).toContain('EMBARK_APP_SLUG');
  });

  it('otherwise asks GitHub once, and again only after a failure', async () => {
    const { app, getAuthenticated } = fakeApp([new Error('GitHub down'), 'embark']);
    const self = selfIdentity(app, null);
    expect(await self()).toBeNull();
    expect(await Promise.all([self(), self()])).toEqual(['embark[bot]', 'embark[bot]']);
    expect(await self()).toBe('embark[bot]');
    expect(getAuthenticated).toHaveBeenCalledTimes(2);
  });

  it('skips only its own login; every bot while it is unknown', () => {
    const own = opened({ login: 'Embark[bot]', type: 'Bot' });
    const crm = opened({ login: 'crm-sync[bot]', type: 'Bot' });
    const person = opened({ login: 'alice', type: 'User' });
    expect(isOwnEvent(own, 'embark[bot]')).toBe(true);
    expect(worthQueueing('issues', own, 'embark[bot]')).toBe(false);
    expect(worthQueueing('issues', crm, 'embark[bot]')).toBe(true);
    expect(worthQueueing('issues', crm, null)).toBe(false);
    expect(worthQueueing('issues', person, null)).toBe(true);
    // A workflow's event file has no installation: work for the Action, not a webhook for the app.
    const { installation: _, ...fromWorkflow } = person;
    expect(isWork('issues', fromWorkflow, 'github-actions[bot]')).toBe(true);
    expect(worthQueueing('issues', fromWorkflow, 'embark[bot]')).toBe(false);
  });
});

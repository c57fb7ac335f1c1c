/**
 * Embark as a GitHub Action, run the way the Actions runner runs it (the event in a file named by
 * GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, the workflow's GITHUB_TOKEN) against the GitHub double:
 * a start, ticks, a command and the scheduled sweep; a burst whose runs Actions cancelled,
 * healed by the sweep; an issue opened by another bot; the workflow's own writes start nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { BODY } from '../flows/harness.js';
import { ACTIONS_BOT, type ActionBed, REPO, startActionBed } from './action-bed.js';

let bed: ActionBed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const HOUR = 3_600_000;
const status = (b: ActionBed, epic: number) => b.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status -->'));
const stageIssues = (b: ActionBed, epic: number) => b.double.subIssues(REPO, epic);

async function started(b: ActionBed, customer = 'Contoso', user = 'alice'): Promise<number> {
  const epic = b.double.openIssue(REPO, { title: `[Managed Services Onboarding] ${customer}`, body: BODY, user });
  await b.double.idle();
  await b.runAll();
  return epic.number;
}

describe('Embark as a GitHub Action', () => {
  it('runs a start, ticks, a command and the scheduled sweep with the workflow\'s token', async () => {
    bed = await startActionBed();
    const epic = await started(bed);
    expect(bed.runs.map((r) => [r.name, r.code, r.outcome?.kind])).toEqual([['issues', 0, 'handled']]);
    const stages = stageIssues(bed, epic);
    expect(stages).toHaveLength(3);
    expect(status(bed, epic)!.user).toBe(ACTIONS_BOT);
    // The workflow's own writes (stage issues, comments, labels) started no run.
    expect(bed.pending).toEqual([]);

    bed.double.toggleCheckbox(REPO, stages[0]!.number, 0, 'alice');
    await bed.double.idle();
    await bed.runAll();
    expect(bed.double.issue(REPO, stages[0]!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, stages[1]!.number).labels.map((l) => l.name)).toContain('stage: active');

    bed.double.comment(REPO, epic, '/check 1.1', 'alice');
    await bed.double.idle();
    await bed.runAll();
    expect(bed.double.issue(REPO, stages[1]!.number).body).toContain('- [x] Engineer >> Admin access granted');
    expect(bed.double.comments(REPO, epic).filter((c) => c.user === ACTIONS_BOT && c.body.includes('embark:notice reply:'))).toHaveLength(1);

    bed.advance(25 * HOUR);
    expect(await bed.schedule()).toBe(0);
    const swept = bed.runs.at(-1)!.outcome;
    expect(swept).toMatchObject({ kind: 'swept', report: { posted: 1, failed: [] } });
    expect(bed.double.comments(REPO, stages[1]!.number).filter((c) => c.body.includes('**Reminder:**'))).toHaveLength(1);
    // A second tick of the clock posts nothing again.
    await bed.schedule();
    expect(bed.double.comments(REPO, stages[1]!.number).filter((c) => c.body.includes('**Reminder:**'))).toHaveLength(1);
  });

  it('a burst whose runs Actions cancelled is healed by the next scheduled sweep', async () => {
    bed = await startActionBed();
    const epic = await started(bed);
    const stages = stageIssues(bed, epic);
    // Four ticks and a chat comment while a run is going: the concurrency group keeps only the newest waiting run.
    bed.double.toggleCheckbox(REPO, stages[0]!.number, 0, 'alice');
    bed.double.toggleCheckbox(REPO, stages[1]!.number, 0, 'bob');
    bed.double.toggleCheckbox(REPO, stages[1]!.number, 1, 'alice');
    bed.double.toggleCheckbox(REPO, stages[2]!.number, 0, 'bob');
    bed.double.comment(REPO, epic, 'Thanks all, nearly there.', 'alice');
    await bed.double.idle();
    expect(bed.pending).toHaveLength(5);
    expect(bed.cancelAllButNewest()).toBe(4);
    await bed.runAll();
    // Nothing moved: the ticks' runs never happened.
    expect(bed.double.issue(REPO, stages[0]!.number).state).toBe('open');

    bed.advance(HOUR);
    await bed.schedule();
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'swept', report: { repaired: 1, failed: [] } });
    expect(bed.double.issue(REPO, stages[0]!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, stages[1]!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, stages[2]!.number).state).toBe('open');
    expect(bed.double.issue(REPO, stages[2]!.number).labels.map((l) => l.name)).toContain('stage: active');
    expect(status(bed, epic)!.body).toContain('Setup');
    // Healed for good: the next sweep finds nothing to repair and writes nothing.
    bed.double.resetCounts();
    await bed.schedule();
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'swept', report: { repaired: 0 } });
    expect(bed.double.counts().graphqlMutations + bed.double.counts().writes).toBe(0);
  });

  it('an issue opened by another bot starts; a lost issues.opened is started by the sweep', async () => {
    bed = await startActionBed();
    bed.double.store.user('crm-sync[bot]', 'Bot');
    const epic = await started(bed, 'Northwind', 'crm-sync[bot]');
    expect(stageIssues(bed, epic)).toHaveLength(3);
    // An issue another workflow opened with its GITHUB_TOKEN starts no run at all: the sweep's repair finds it.
    const quiet = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Tailspin', body: BODY, user: ACTIONS_BOT });
    await bed.double.idle();
    expect(bed.pending).toEqual([]);
    await bed.schedule();
    expect(stageIssues(bed, quiet.number)).toHaveLength(3);
  });

  it('skips its own events and events it does not act on; EMBARK_BOT_LOGIN names another token\'s bot', async () => {
    bed = await startActionBed();
    const epic = await started(bed);
    const own = { name: 'issue_comment', payload: { action: 'created', issue: { number: epic, body: '' }, comment: { id: 1, body: '/status', user: { login: ACTIONS_BOT, type: 'Bot' } }, sender: { login: ACTIONS_BOT, type: 'Bot' }, repository: { full_name: REPO, name: 'onboarding', owner: { login: 'acme' } } } };
    expect(await bed.run(own)).toBe(0);
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'skipped' });
    expect(await bed.run({ name: 'push', payload: {} })).toBe(0);
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('not push') });
    // With an app token the workflow passes instead, the writes come from that app's bot.
    const asApp = { ...own, payload: { ...own.payload, sender: { login: 'embark-acme[bot]', type: 'Bot' }, comment: { ...own.payload.comment, user: { login: 'embark-acme[bot]', type: 'Bot' } } } };
    await bed.run(asApp, { EMBARK_BOT_LOGIN: 'embark-acme[bot]' });
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('its own write') });
    // A personal token writes as that person: their events are Embark's own, by login.
    const asPerson = { ...own, payload: { ...own.payload, sender: { login: 'ops-bot-account', type: 'User' }, comment: { ...own.payload.comment, user: { login: 'ops-bot-account', type: 'User' } } } };
    await bed.run(asPerson, { EMBARK_BOT_LOGIN: 'ops-bot-account' });
    expect(bed.runs.at(-1)!.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('its own write') });
  });

  it('says what is missing when run outside a workflow, and fails a run whose event failed', async () => {
    bed = await startActionBed();
    expect(await bed.run({ name: 'issues', payload: {} }, { GITHUB_TOKEN: '' })).toBe(2);
    expect(bed.runs.at(-1)!.out.join('\n')).toContain('::error title=Embark::GITHUB_TOKEN is empty');
    bed.double.fail({ route: 'graphql', status: 403, message: 'Resource not accessible by integration', times: Infinity });
    bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.double.idle();
    expect(await bed.runNext()).toBe(1);
    expect(bed.runs.at(-1)!.out.join('\n')).toContain('::error title=Embark::issues failed: Resource not accessible by integration');
  });
});

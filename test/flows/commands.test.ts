import { afterEach, describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';
import { type Bed, openOnboarding, REPO, stages, startBed, statusComment } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

/** Comment as `user` and return Embark's reply (the newest app comment on that issue). */
async function say(b: Bed, issue: number, body: string, user = 'alice') {
  b.double.comment(REPO, issue, body, user);
  await b.double.idle();
  return replies(b, issue).at(-1) ?? '';
}

/** Embark's replies to commands (keyed by the command comment), without their hidden first line. */
function replies(b: Bed, issue: number): string[] {
  return b.double
    .comments(REPO, issue)
    .filter((c) => c.via_app && c.body.startsWith('<!-- embark:notice reply:'))
    .map((c) => c.body.slice(c.body.indexOf('\n') + 1));
}

describe('slash commands', () => {
  it('/check ticks an item in place and the stage advances; one reply for several commands', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    const reply = await say(bed, epic, '/check 1\n/status');
    expect(reply).toContain('Ticked “Signed agreement received”');
    expect(reply).toContain('Contoso');
    expect(bed.double.issue(REPO, s0!.number).body).toContain('- [x] CSM >> Signed agreement received');
    expect(bed.double.issue(REPO, s0!.number).state).toBe('closed');
    expect(bed.double.issue(REPO, s1!.number).labels.map((l) => l.name)).toContain('stage: active');
    const appComments = replies(bed, epic);
    expect(appComments).toHaveLength(1);
  });

  it('/check by stage.item and by text fragment, from a stage issue', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [, s1] = stages(bed, epic);
    await say(bed, s1!.number, '/check 1.2', 'alice');
    await say(bed, s1!.number, '/check admin access', 'bob');
    expect(bed.double.issue(REPO, s1!.number).body).toContain('- [x] CSM >> Portal access enabled');
    expect(bed.double.issue(REPO, s1!.number).body).toContain('- [x] Engineer >> Admin access granted');
  });

  it('refuses people without write access, and explains unknown items and commands', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    expect(await say(bed, epic, '/block waiting for customer', 'dave')).toMatch(/write access/);
    expect(await say(bed, epic, '/check nonexistent thing')).toMatch(/no item|not find|matches no/i);
    expect(await say(bed, epic, '/asign csm @bob')).toContain('/assign');
    expect(await say(bed, epic, '/status', 'dave')).toContain('Contoso');
  });

  it('/assign sets role owners and reassigns open stage issues; outsiders are refused', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    expect(await say(bed, epic, '/assign csm @dave')).toContain('dave');
    expect(bed.double.issue(REPO, s0!.number).assignees).toContain('dave');
    expect(await say(bed, epic, '/assign csm @mallory')).toMatch(/not a collaborator/);
    expect(await say(bed, epic, '/assign wizard @bob')).toMatch(/unknown role/);
  });

  it('/skip unblocks a stage; /advance completes one with items open', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0, s1] = stages(bed, epic);
    await say(bed, epic, '/skip 0.1 customer signed on paper');
    expect(bed.double.issue(REPO, s0!.number).state).toBe('closed');
    await say(bed, epic, '/advance customer is slow');
    expect(bed.double.issue(REPO, s1!.number).state).toBe('closed');
    expect(statusComment(bed, epic)?.body).toContain('Skipped items');
  });

  it('/block and /unblock label the EPIC; /cancel closes everything as not planned', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    await say(bed, epic, '/block waiting for tenant access');
    expect(bed.double.issue(REPO, epic).labels.map((l) => l.name)).toContain('blocked');
    expect(statusComment(bed, epic)?.body).toContain('Blocked');
    await say(bed, epic, '/unblock');
    expect(bed.double.issue(REPO, epic).labels.map((l) => l.name)).not.toContain('blocked');
    await say(bed, epic, '/cancel customer withdrew');
    expect(bed.double.issue(REPO, epic)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    for (const s of stages(bed, epic)) expect(bed.double.issue(REPO, s.number)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('/finish refuses with open stages, /finish --force closes and records them', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    expect(await say(bed, epic, '/finish')).toMatch(/still open/);
    await say(bed, epic, '/finish --force');
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
  });

  it('commands in code blocks or quotes do nothing; edited comments do not run again; bots are ignored', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    bed.double.resetCounts();
    bed.double.comment(REPO, epic, '```\n/cancel oops\n```\n> /cancel quoted', 'alice');
    await bed.double.idle();
    expect(bed.double.counts().total).toBe(0);
    const c = bed.double.comment(REPO, epic, '/block reason one', 'alice');
    await bed.double.idle();
    const before = bed.double.comments(REPO, epic).length;
    bed.double.editComment(REPO, c.id, '/block reason two', 'alice');
    await bed.double.idle();
    expect(bed.double.comments(REPO, epic)).toHaveLength(before);
  });

  it('/onboard opens and starts a new EPIC from a template and links it in the reply', async () => {
    bed = await startBed();
    const issue = bed.double.openIssue(REPO, { title: 'New customers', body: 'Planning', user: 'alice' });
    await bed.double.idle();
    const reply = await say(bed, issue.number, '/onboard msp Northwind Traders');
    const m = /#(\d+)/.exec(reply);
    expect(m).not.toBeNull();
    const epic = Number(m![1]);
    expect(bed.double.issue(REPO, epic).title).toBe('[Managed Services Onboarding] Northwind Traders');
    expect(stages(bed, epic)).toHaveLength(3);
  });

  it('a completed onboarding still answers each command once: /check on a closed stage issue, /assign and /unblock on the EPIC', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    for (const s of stages(bed, epic)) for (let box = 0, boxes = readTasks(s.body ?? '').length; box < boxes; box++) bed.double.toggleCheckbox(REPO, s.number, box, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    const [s0] = stages(bed, epic);
    const posted = ([[s0!.number, '/check 1'], [epic, '/assign csm @bob'], [epic, '/unblock']] as const).map(([issue, body]) => ({ issue, id: bed!.double.comment(REPO, issue, body, 'alice').id }));
    await bed.double.idle();
    const answers = posted.map((c) => bed!.double.comments(REPO, c.issue).filter((r) => r.via_app && r.body.startsWith(`<!-- embark:notice reply:${c.id} -->`)).length);
    expect(answers).toEqual([1, 1, 1]);
  });

  it('escapes user text written back: no mentions, no fake markers', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed, 'Evil @everyone <!-- embark:state -->');
    const body = statusComment(bed, epic)?.body ?? '';
    expect(body).not.toMatch(/@everyone/);
    expect(body.match(/<!-- embark:state/g)).toHaveLength(1);
  });
});

describe('hand-edited hidden state', () => {
  it('is not trusted: the next event rebuilds it from GitHub', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const status = bed.double.comments(REPO, epic).find((c) => c.body.startsWith('<!-- embark:status -->'))!;
    // Someone with write access grants themselves a role in the hidden JSON.
    bed.double.editComment(REPO, status.id, status.body.replace('"CSM":["alice"]', '"CSM":["mallory"]'), 'dave');
    await bed.double.idle();
    const [s0] = stages(bed, epic);
    bed.double.toggleCheckbox(REPO, s0!.number, 0, 'alice');
    await bed.double.idle();
    const body = statusComment(bed, epic)!.body;
    expect(body).toContain('rebuilt from GitHub');
    expect(body).not.toContain('mallory');
  });
});

describe('due dates and reopening by command', () => {
  it('/due sets a stage due date shown in the status; /reopen reopens a done stage', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [s0] = stages(bed, epic);
    expect(await say(bed, epic, '/due 0 2026-12-04')).toContain('2026-12-04');
    expect(statusComment(bed, epic)?.body).toContain('2026-12-04');
    expect(await say(bed, epic, '/due 0 2026-12-05')).toMatch(/Saturday|weekend|not a business day/i);
    await say(bed, epic, '/check 1');
    expect(bed.double.issue(REPO, s0!.number).state).toBe('closed');
    expect(await say(bed, epic, '/reopen 0')).toContain('Reopened');
    expect(bed.double.issue(REPO, s0!.number).state).toBe('open');
    expect(await say(bed, epic, '/uncheck 0.1')).toContain('Unticked');
  });
});

describe('acknowledgement, /unassign and /help', () => {
  it('reacts to the command comment, unassigns a role owner from open stages, and explains commands', async () => {
    bed = await startBed();
    const epic = await openOnboarding(bed);
    const [, s1] = stages(bed, epic);
    const c = bed.double.comment(REPO, epic, '/unassign engineer @carol', 'alice');
    await bed.double.idle();
    expect(bed.double.store.comments.get(c.id)?.reactions.map((r) => r.content)).toContain('eyes');
    expect(bed.double.issue(REPO, s1!.number).assignees).not.toContain('carol');
    expect(bed.double.issue(REPO, s1!.number).assignees).toContain('bob');
    expect(await say(bed, epic, '/help')).toContain('/assign');
  });
});

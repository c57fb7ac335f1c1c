/**
 * Only Embark's own events are ignored: an issue another app (a CRM integration) or a workflow
 * opens starts like a person's, and another bot's tick counts; a bot's comment runs commands only
 * when the repository's `commands.bots` lists it, and then with write access.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type Bed, BODY, CONFIG, REPO, stages, startBed, statusComment, TEMPLATE } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const CRM = 'crm-sync[bot]';

async function withBots(config = CONFIG): Promise<Bed> {
  const b = await startBed({ files: { '.github/onboarding.yml': config, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE } });
  b.double.store.user(CRM, 'Bot');
  b.double.store.user('github-actions[bot]', 'Bot');
  return b;
}

describe('events from other bots', () => {
  it('an issue opened by another app starts', async () => {
    bed = await withBots();
    const epic = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: CRM });
    await bed.settle();
    expect(stages(bed, epic.number)).toHaveLength(3);
    expect(statusComment(bed, epic.number)).toBeDefined();
  });

  it('an issue opened by a workflow (github-actions[bot]) starts, and that bot\'s tick counts', async () => {
    bed = await withBots();
    const epic = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Fabrikam', body: BODY, user: 'github-actions[bot]' });
    await bed.settle();
    const [agreement] = stages(bed, epic.number);
    bed.double.toggleCheckbox(REPO, agreement!.number, 0, 'github-actions[bot]');
    await bed.settle();
    expect(bed.double.issue(REPO, agreement!.number).state).toBe('closed');
  });

  it('Embark\'s own events still start nothing and answer nothing', async () => {
    bed = await withBots();
    const epic = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.settle();
    // The app's own writes (stage issues, the status comment) raised events: none became a job
    // that wrote anything again, so the state is what one start makes.
    const own = bed.double.deliveries.filter((d) => d.sender === bed!.double.botLogin);
    expect(own.length).toBeGreaterThan(0);
    expect(bed.double.issues(REPO)).toHaveLength(4);
    expect(bed.double.comments(REPO, epic.number)).toHaveLength(1);
  });

  it('a bot\'s command is ignored unless commands.bots lists it', async () => {
    bed = await withBots();
    const epic = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.settle();
    bed.double.comment(REPO, epic.number, '/block waiting for the signed contract', CRM);
    await bed.settle();
    expect(bed.double.comments(REPO, epic.number)).toHaveLength(2);
    expect(bed.double.issue(REPO, epic.number).labels.map((l) => l.name)).not.toContain('blocked');
  });

  it('a bot commands.bots lists runs commands with write access', async () => {
    bed = await withBots(`${CONFIG}commands:\n  bots: [crm-sync]\n`);
    const epic = bed.double.openIssue(REPO, { title: '[Managed Services Onboarding] Contoso', body: BODY, user: 'alice' });
    await bed.settle();
    bed.double.comment(REPO, epic.number, '/block waiting for the signed contract', CRM);
    await bed.settle();
    expect(bed.double.issue(REPO, epic.number).labels.map((l) => l.name)).toContain('blocked');
    const replies = bed.double.comments(REPO, epic.number).filter((c) => c.user === bed!.double.botLogin && c.body.includes('embark:notice reply:'));
    expect(replies).toHaveLength(1);
    // Another bot is still not listed.
    bed.double.comment(REPO, epic.number, '/unblock', 'github-actions[bot]');
    await bed.settle();
    expect(bed.double.issue(REPO, epic.number).labels.map((l) => l.name)).toContain('blocked');
  });
});

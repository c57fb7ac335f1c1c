/**
 * Onboardings that are not a straight line, end to end on the GitHub double: the partner hub's four
 * tracks ticked in random order, a Premium and a CSP start of one template (`when:`), and the SOP's
 * deadlines counted from the start across a weekend and a holiday.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { appClient, type Bed, REPO, stages, startBed, statusComment } from './harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const HUB = readFileSync('templates/partner-hub-enrollment.md', 'utf8');
const HUB_BODY = HUB.split('---\n').slice(2).join('---\n');
/** The same five stages as a straight line: the cost to compare with. */
const HUB_LINEAR = HUB.replace(/ {2}stages:\n(?: {4}.*\n)+/, '').replace('[Partner Hub Enrollment]', '[Partner Hub Linear]').replace('name: Partner Hub Enrollment', 'name: Partner Hub Linear');
const HUB_CONFIG = 'roles:\n  Partner: [alice]\n  Customer: [bob]\n';

/** A small seeded shuffle, so a failing order can be replayed from its seed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const labelsOf = (b: Bed, n: number) => b.double.issue(REPO, n).labels.map((l) => l.name);
const checkboxes = (body: string | null) => (body ?? '').match(/^\s*[-*+] \[[ xX]\]/gm)?.length ?? 0;

async function open(b: Bed, title: string, body: string): Promise<number> {
  const issue = b.double.openIssue(REPO, { title, body, user: 'alice' });
  await b.double.idle();
  return issue.number;
}

describe('the partner hub: four tracks side by side', () => {
  it.each([1, 7, 42])('ticked in random order (seed %i): tracks start together, wait for the enrollment, and the EPIC closes with the required ones', async (seed) => {
    bed = await startBed({ files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    const [enrol, ...tracks] = stages(bed, epic);
    expect(tracks).toHaveLength(4);
    // GitHub's own relationships: every track is blocked by the enrollment.
    for (const t of tracks) expect(bed.double.blockedBy(REPO, t.number)).toEqual([enrol!.number]);
    expect(labelsOf(bed, enrol!.number)).toContain('stage: active');
    for (const t of tracks) expect(labelsOf(bed, t.number)).toContain('stage: pending');
    expect(tracks[0]!.body).toContain('**Starts after:** Stage 1: Enrollment.');
    expect(tracks[3]!.body).toContain('Optional: the onboarding can finish without it.');

    // Work on a track ahead of the enrollment does not start it.
    bed.double.toggleCheckbox(REPO, tracks[1]!.number, 0, 'alice');
    await bed.double.idle();
    expect(labelsOf(bed, tracks[1]!.number)).toContain('stage: pending');

    bed.double.toggleCheckbox(REPO, enrol!.number, 0, 'alice');
    await bed.double.idle();
    bed.double.resetCounts();
    bed.double.toggleCheckbox(REPO, enrol!.number, 1, 'alice');
    await bed.double.idle();
    const activating = bed.double.counts();
    // One tick that starts four stages: reads, then one GraphQL write for every close and label,
    // the assignees and a notice per stage, the status comment.
    expect(activating.total).toBeLessThanOrEqual(4 + 2 * 4 + 2);
    for (const t of tracks) {
      expect(labelsOf(bed, t.number)).toContain('stage: active');
      expect(bed.double.comments(REPO, t.number).filter((c) => c.body.includes('is now active'))).toHaveLength(1);
    }
    expect(statusComment(bed, epic)?.body).toMatch(/now: Stage 2: Reseller relationship, Stage 3: GDAP access, Stage 4: Hub access, Stage 5: Partner-to-partner transfer \(optional\)/);

    // The required tracks, in a random order and a box at a time; the optional transfer never.
    const boxes = shuffle(
      tracks.slice(0, 3).flatMap((t) => Array.from({ length: checkboxes(bed!.double.issue(REPO, t.number).body) }, (_, i) => ({ issue: t.number, i }))),
      seed,
    );
    for (const box of boxes) {
      if (box.issue === tracks[1]!.number && box.i === 0) continue; // ticked ahead above
      bed.double.toggleCheckbox(REPO, box.issue, box.i, 'alice');
      await bed.double.idle();
      const open = tracks.slice(0, 3).filter((t) => bed!.double.issue(REPO, t.number).state === 'open');
      expect(bed.double.issue(REPO, epic).state).toBe(open.length === 0 ? 'closed' : 'open');
    }
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    expect(bed.double.issue(REPO, tracks[3]!.number).state).toBe('open');
  });

  it('runs on as a graph when its status comment was edited by a person (state rebuilt from GitHub and the template)', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    const [enrol, ...tracks] = stages(bed, epic);
    const status = statusComment(bed, epic)!;
    bed.double.editComment(REPO, status.id, 'hand-edited', 'alice');
    await bed.double.idle();
    bed.double.toggleCheckbox(REPO, enrol!.number, 0, 'alice');
    bed.double.toggleCheckbox(REPO, enrol!.number, 1, 'alice');
    await bed.double.idle();
    for (const t of tracks) expect(labelsOf(bed, t.number)).toContain('stage: active');
    for (const t of tracks.slice(0, 3)) for (let i = 0; i < checkboxes(t.body); i++) bed.double.toggleCheckbox(REPO, t.number, i, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, epic).state).toBe('closed');
    expect(bed.double.issue(REPO, tracks[3]!.number).state).toBe('open');
  });

  it('starts for at most one request more than the same stages in a straight line', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB, '.github/ISSUE_TEMPLATE/line.md': HUB_LINEAR } });
    await open(bed, '[Partner Hub Linear] Warmup', HUB_BODY);
    bed.double.resetCounts();
    await open(bed, '[Partner Hub Linear] Fabrikam', HUB_BODY);
    const linear = bed.double.counts();
    bed.double.resetCounts();
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    const tracks = bed.double.counts();
    expect(stages(bed, epic)).toHaveLength(5);
    expect(tracks.total).toBeLessThanOrEqual(linear.total + 1);
    expect(tracks.graphqlMutations + tracks.writes).toBeLessThanOrEqual(linear.graphqlMutations + linear.writes + 1);
  });

  it('a server without issue dependencies still starts every track, the order kept as text', async () => {
    bed = await startBed({ dependencies: false, files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    const [enrol, ...tracks] = stages(bed, epic);
    expect(tracks).toHaveLength(4);
    for (const t of tracks) expect(bed.double.blockedBy(REPO, t.number)).toEqual([]);
    expect(tracks[2]!.body).toContain('**Starts after:** Stage 1: Enrollment.');
    bed.double.toggleCheckbox(REPO, enrol!.number, 0, 'alice');
    bed.double.toggleCheckbox(REPO, enrol!.number, 1, 'alice');
    await bed.double.idle();
    for (const t of tracks) expect(labelsOf(bed, t.number)).toContain('stage: active');
  });
});

const MSP = `---
name: Managed Services Onboarding
about: one template for every service level
title: "[Managed Services Onboarding] %customer%"
onboarding:
  stages:
    "3": { when: { "Managed Services": [Premium, Full Stack] } }
  items:
    portal tour: { when: { "Managed Services": Premium } }
---
### Description
- Managed Services: CSP, Premium or Full Stack: \`xxx\`

### Stage 1: Agreement
- [ ] CSM >> Signed agreement received

### Stage 2: Access
- [ ] Engineer >> Admin access granted

### Stage 3: Monitoring and backup
- [ ] Engineer >> Monitoring enabled
- [ ] Engineer >> Backups configured

### Stage 4: Handover
- [ ] CSM >> Welcome meeting held
- [ ] CSM >> Premium portal tour given
  - [ ] CSM >> Tour recording shared
`;
const MSP_CONFIG = 'roles:\n  CSM: [alice]\n  Engineer: [bob]\n';
const mspBody = (level: string) => MSP.split('---\n').slice(2).join('---\n').replace('`xxx`', `\`${level}\``);

describe('service levels of one template (when:)', () => {
  it('a Premium start gets every stage; a CSP start leaves monitoring out, shown as not applicable, and runs past it', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': MSP_CONFIG, '.github/ISSUE_TEMPLATE/msp.md': MSP } });
    const premium = await open(bed, '[Managed Services Onboarding] Contoso', mspBody(' premium '));
    expect(stages(bed, premium).map((s) => s.title.split(' · ')[1])).toEqual(['Stage 1: Agreement', 'Stage 2: Access', 'Stage 3: Monitoring and backup', 'Stage 4: Handover']);
    // An item with its own when: only Premium gets the portal tour (and the step under it).
    expect(stages(bed, premium)[3]!.body).toContain('- [ ] CSM >> Premium portal tour given\n  - [ ] CSM >> Tour recording shared');

    const csp = await open(bed, '[Managed Services Onboarding] Fabrikam', mspBody('CSP'));
    const created = stages(bed, csp);
    expect(created.map((s) => s.title.split(' · ')[1])).toEqual(['Stage 1: Agreement', 'Stage 2: Access', 'Stage 4: Handover']);
    expect(statusComment(bed, csp)?.body).toMatch(/\| Stage 3: Monitoring and backup \| ➖ not applicable \|/);
    expect(bed.double.issue(REPO, csp).body).toContain('### Stage 3: Monitoring and backup\n_Not applicable for this customer._');
    expect(created[2]!.body).toContain('- [ ] CSM >> Welcome meeting held\n');
    expect(created[2]!.body).not.toContain('portal tour');
    expect(created[2]!.body).not.toContain('Tour recording');
    // Access done: the handover follows, the stage left out is never waited for.
    bed.double.toggleCheckbox(REPO, created[0]!.number, 0, 'alice');
    await bed.double.idle();
    bed.double.toggleCheckbox(REPO, created[1]!.number, 0, 'bob');
    await bed.double.idle();
    expect(labelsOf(bed, created[2]!.number)).toContain('stage: active');
    bed.double.toggleCheckbox(REPO, created[2]!.number, 0, 'alice');
    await bed.double.idle();
    expect(bed.double.issue(REPO, csp).state).toBe('closed');
  });

  it('an unfilled field a condition needs stops the start with a comment naming it, and creates nothing', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': MSP_CONFIG, '.github/ISSUE_TEMPLATE/msp.md': MSP } });
    const epic = await open(bed, '[Managed Services Onboarding] Contoso', mspBody('xxx'));
    expect(stages(bed, epic)).toHaveLength(0);
    const notice = bed.double.comments(REPO, epic).find((c) => c.body.includes('Managed Services: CSP, Premium or Full Stack'));
    expect(notice?.body).toContain('is not filled in');
    expect(labelsOf(bed, epic)).toContain('needs-attention');
    // Filled in, the next sweep's repair starts it, with every stage (`Full-stack` is `Full Stack`).
    bed.double.editIssue(REPO, epic, { body: mspBody('Full-stack') }, 'alice');
    await bed.double.idle();
    await sweepAccount(bed.deps, appClient(bed), 'acme');
    await bed.double.idle();
    expect(stages(bed, epic)).toHaveLength(4);
  });
});

describe('/replan after an intake field changed', () => {
  it('shows what would change, adds the stage on confirm, and marks it not applicable again without deleting anything', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': MSP_CONFIG, '.github/ISSUE_TEMPLATE/msp.md': MSP } });
    const epic = await open(bed, '[Managed Services Onboarding] Fabrikam', mspBody('CSP'));
    expect(stages(bed, epic)).toHaveLength(3);
    const reply = () => bed!.double.comments(REPO, epic).filter((c) => c.body.includes('embark:notice')).at(-1)?.body ?? '';
    const setLevel = async (level: string) => {
      const body = bed!.double.issue(REPO, epic).body ?? '';
      bed!.double.editIssue(REPO, epic, { body: body.replace(/(Managed Services: CSP, Premium or Full Stack: `)[^`]*`/, `$1${level}\``) }, 'alice');
      await bed!.double.idle();
    };
    await setLevel('Premium');
    bed.double.comment(REPO, epic, '/replan', 'alice');
    await bed.double.idle();
    expect(reply()).toContain('this would add Stage 3: Monitoring and backup');
    expect(stages(bed, epic)).toHaveLength(3);

    bed.double.comment(REPO, epic, '/replan confirm', 'alice');
    await bed.double.idle();
    expect(reply()).toContain('Replanned: add Stage 3: Monitoring and backup');
    const added = stages(bed, epic).find((s) => s.title.endsWith('Stage 3: Monitoring and backup'))!;
    expect(added).toBeDefined();
    expect(statusComment(bed, epic)?.body).not.toContain('not applicable');

    // Ticked, then the customer goes back to CSP: the issue closes as not planned, its tick stays.
    bed.double.toggleCheckbox(REPO, added.number, 0, 'bob');
    await bed.double.idle();
    await setLevel('CSP');
    bed.double.comment(REPO, epic, '/replan confirm', 'alice');
    await bed.double.idle();
    expect(reply()).toContain('mark Stage 3: Monitoring and backup not applicable');
    expect(bed.double.issue(REPO, added.number)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(bed.double.issue(REPO, added.number).body).toMatch(/- \[x\] Engineer >> Monitoring enabled/);
    expect(statusComment(bed, epic)?.body).toMatch(/\| Stage 3: Monitoring and backup #\d+ \| ➖ not applicable \|/);
    // The rest runs as before.
    const [agreement, access] = stages(bed, epic);
    bed.double.toggleCheckbox(REPO, agreement!.number, 0, 'alice');
    bed.double.toggleCheckbox(REPO, access!.number, 0, 'bob');
    await bed.double.idle();
    const handover = stages(bed, epic).find((s) => s.title.endsWith('Stage 4: Handover'))!;
    expect(labelsOf(bed, handover.number)).toContain('stage: active');
  });

  it('an unfilled field stops it with the field named, changing nothing', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': MSP_CONFIG, '.github/ISSUE_TEMPLATE/msp.md': MSP } });
    const epic = await open(bed, '[Managed Services Onboarding] Fabrikam', mspBody('CSP'));
    const body = bed.double.issue(REPO, epic).body ?? '';
    bed.double.editIssue(REPO, epic, { body: body.replace('`CSP`', '`xxx`') }, 'alice');
    await bed.double.idle();
    bed.double.comment(REPO, epic, '/replan confirm', 'alice');
    await bed.double.idle();
    const reply = bed.double.comments(REPO, epic).filter((c) => c.body.includes('embark:notice')).at(-1)?.body ?? '';
    expect(reply).toContain('Nothing changed');
    expect(reply).toContain('Managed Services: CSP, Premium or Full Stack');
    expect(stages(bed, epic)).toHaveLength(3);
  });
});

const SOP = `---
name: M365 Backup Onboarding
about: deadlines counted from the contract signing
title: "[M365 Backup] %customer%"
onboarding:
  stages:
    "1": { deadline: 2 }
    "2": { after: [], deadline: 7 }
    "3": { after: [2], deadline: 10 }
    "4": { after: [1], deadline: 12 }
---
### Stage 1: Welcome
- [ ] CSM >> Welcome mail sent

### Stage 2: Needs assessment
- [ ] CSM >> Assessment call held

### Stage 3: Setup
- [ ] Engineer >> Backup configured

### Stage 4: Kickoff
- [ ] CSM >> Kickoff meeting held
`;

describe('deadlines counted from the start (the SOP)', () => {
  it('are due 2, 7, 10 and 12 business days after the start, across a weekend and Thanksgiving, before and after the stages start', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': `${MSP_CONFIG}calendar:\n  holidays: US\n`, '.github/ISSUE_TEMPLATE/sop.md': SOP } });
    bed.advance(2 * 24 * 3_600_000); // Wednesday 25 November 2026, the day before Thanksgiving
    const epic = await open(bed, '[M365 Backup] Contoso', SOP.split('---\n').slice(2).join('---\n'));
    const due = () => {
      const body = statusComment(bed!, epic)!.body;
      return Object.fromEntries([...body.matchAll(/^\| (Stage \d)[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\| (\S+)/gm)].map((m) => [m[1], m[2]]));
    };
    // Thu 26 Nov closed: 2 -> Mon 30 Nov; 7 -> Mon 7 Dec; 10 -> Thu 10 Dec; 12 -> Mon 14 Dec.
    expect(due()).toEqual({ 'Stage 1': '2026-11-30', 'Stage 2': '2026-12-07', 'Stage 3': '2026-12-10', 'Stage 4': '2026-12-14' });
    // Stages 1 and 2 overlap from the start; the kickoff follows the welcome, the setup the assessment.
    const [welcome, assessment, setup, kickoff] = stages(bed, epic);
    expect(labelsOf(bed, welcome!.number)).toContain('stage: active');
    expect(labelsOf(bed, assessment!.number)).toContain('stage: active');
    bed.advance(3 * 24 * 3_600_000);
    bed.double.toggleCheckbox(REPO, welcome!.number, 0, 'alice');
    await bed.double.idle();
    expect(labelsOf(bed, kickoff!.number)).toContain('stage: active');
    expect(labelsOf(bed, setup!.number)).toContain('stage: pending');
    // A stage started late keeps the deadline from the start.
    expect(due()['Stage 4']).toBe('2026-12-14');
    expect(statusComment(bed, epic)!.body).toMatch(/Forecast: 2026-12-\d\d/);
  });
});

describe("GitHub's issue types", () => {
  it('the EPIC gets the organisation\'s Epic type and the stages Task, in the writes a start makes anyway', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    bed.double.setIssueTypes('acme', ['Task', 'Bug', 'Epic']);
    await open(bed, '[Partner Hub Enrollment] Warmup', HUB_BODY);
    bed.double.resetCounts();
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    const typed = bed.double.counts();
    expect(bed.double.issueTypeOf(REPO, epic)).toBe('Epic');
    for (const s of stages(bed, epic)) expect(bed.double.issueTypeOf(REPO, s.number)).toBe('Task');
    expect(labelsOf(bed, epic)).toContain('onboarding');
    // The same start without types costs the same.
    bed.double.setIssueTypes('acme', []);
    await bed.close();
    bed = await startBed({ files: { '.github/onboarding.yml': HUB_CONFIG, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    await open(bed, '[Partner Hub Enrollment] Warmup', HUB_BODY);
    bed.double.resetCounts();
    const plain = await open(bed, '[Partner Hub Enrollment] Fabrikam', HUB_BODY);
    expect(bed.double.issueTypeOf(REPO, plain)).toBeNull();
    expect(bed.double.counts().total).toBe(typed.total);
  });

  it('takes the type names from the config (null sets none) and matches them case aside', async () => {
    bed = await startBed({ files: { '.github/onboarding.yml': `${HUB_CONFIG}issueTypes:\n  epic: initiative\n  stage: null\n`, '.github/ISSUE_TEMPLATE/hub.md': HUB } });
    bed.double.setIssueTypes('acme', ['Task', 'Initiative']);
    const epic = await open(bed, '[Partner Hub Enrollment] Contoso', HUB_BODY);
    expect(bed.double.issueTypeOf(REPO, epic)).toBe('Initiative');
    for (const s of stages(bed, epic)) expect(bed.double.issueTypeOf(REPO, s.number)).toBeNull();
  });
});

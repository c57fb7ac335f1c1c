/**
 * The dashboard issue kept by the sweep, on the GitHub double with the real app: created once,
 * rewritten only when something changed, single under concurrent sweeps, and people's text
 * outside Embark's section survives.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { sweepAccount } from '../../src/handlers/sweep.js';
import { appClient, type Bed, CONFIG, openOnboarding, REPO, stages, startBed, TEMPLATE } from '../flows/harness.js';

let bed: Bed | undefined;
afterEach(async () => {
  bed?.double.assertNoViolations();
  await bed?.close();
  bed = undefined;
});

const ON = { '.github/onboarding.yml': `${CONFIG}dashboard: true\n`, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE };

function dashboards(b: Bed) {
  return b.double.issues(REPO).filter((i) => i.labels.some((l) => l.name === 'onboarding-dashboard'));
}

async function sweep(b: Bed) {
  const report = await sweepAccount(b.deps, appClient(b), 'acme');
  await b.settle();
  expect(report.failed).toEqual([]);
  return report;
}

describe('the dashboard issue', () => {
  it('is created by the sweep with one table per status, the KPIs and a chart; a second sweep writes nothing', async () => {
    bed = await startBed({ files: ON });
    const contoso = await openOnboarding(bed, 'Contoso');
    const fabrikam = await openOnboarding(bed, 'Fabrikam');
    bed.double.comment(REPO, fabrikam, '/block waiting for the tenant id', 'alice');
    await bed.settle();
    await sweep(bed);
    const [dashboard, ...more] = dashboards(bed);
    expect(more).toHaveLength(0);
    expect(dashboard!.title).toBe('Onboarding dashboard');
    expect(dashboard!.via_app).toBe(true);
    const body = dashboard!.body ?? '';
    expect(body).toContain('**1 active · 1 blocked · 0 overdue · 0 completed · 0 cancelled**');
    expect(body).toContain('### Active (1)');
    expect(body).toMatch(new RegExp(`\\[Contoso\\]\\(\\S+/issues/${contoso}\\) \\| 0 · Stage 0: Agreement \\| 0/5 \\| CSM: alice \\|`));
    expect(body).toContain('### Blocked (1)');
    expect(body).toContain('- CSAT: no survey answers yet (target 90%)\n');
    expect(body).not.toContain('### CSAT by template');
    expect(body).toContain('```mermaid\npie showData');
    expect(body).toContain('"Blocked" : 1');
    // The dashboard is not an onboarding: Embark never gave it stage issues.
    expect(stages(bed, dashboard!.number)).toHaveLength(0);

    bed.double.resetCounts();
    await sweep(bed);
    expect(bed.double.counts().writes + bed.double.counts().graphqlMutations).toBe(0);
    expect(dashboards(bed)).toHaveLength(1);
  });

  it('costs one write when something changed', async () => {
    bed = await startBed({ files: ON });
    const epic = await openOnboarding(bed, 'Contoso');
    await sweep(bed);
    const number = dashboards(bed)[0]!.number;
    bed.double.toggleCheckbox(REPO, stages(bed, epic)[0]!.number, 0, 'alice');
    await bed.settle();
    bed.double.resetCounts();
    await sweep(bed);
    const writes = bed.double.requests.filter((r) => r.method !== 'GET' && !(r.graphql && !r.graphql.mutation));
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/acme/onboarding/issues/${number}`]);
    expect(dashboards(bed)[0]!.body).not.toContain('0 · Stage 0: Agreement');
    expect(dashboards(bed)[0]!.body).toContain('1 · Stage 1: Access | 1/5 | Engineer: bob, carol; CSM: alice |');
  });

  it('two sweeps at once leave one dashboard issue', async () => {
    bed = await startBed({ files: ON });
    await openOnboarding(bed, 'Contoso');
    await Promise.all([sweep(bed), sweep(bed), sweep(bed)]);
    expect(dashboards(bed)).toHaveLength(1);
    await sweep(bed);
    expect(dashboards(bed)).toHaveLength(1);
  });

  it('keeps what people wrote outside its section, and puts its section back when it was deleted', async () => {
    bed = await startBed({ files: ON });
    const epic = await openOnboarding(bed, 'Contoso');
    await sweep(bed);
    const number = dashboards(bed)[0]!.number;
    const ours = dashboards(bed)[0]!.body ?? '';
    bed.double.editIssue(REPO, number, { body: `Pinned for the Monday call.\n\n${ours}\n\n> Ask Dana about Fabrikam.` }, 'alice');
    bed.double.toggleCheckbox(REPO, stages(bed, epic)[0]!.number, 0, 'alice');
    await bed.settle();
    await sweep(bed);
    const body = dashboards(bed)[0]!.body ?? '';
    expect(body.startsWith('Pinned for the Monday call.\n\n<!-- embark:dashboard:start -->')).toBe(true);
    expect(body.endsWith('<!-- embark:dashboard:end -->\n\n> Ask Dana about Fabrikam.')).toBe(true);
    expect(body).toContain('1 · Stage 1: Access');

    bed.double.editIssue(REPO, number, { body: 'Only my notes now.' }, 'alice');
    await bed.settle();
    await sweep(bed);
    const restored = dashboards(bed)[0]!.body ?? '';
    expect(restored.startsWith('Only my notes now.\n\n<!-- embark:dashboard:start -->')).toBe(true);
    expect(dashboards(bed)).toHaveLength(1);
  });

  it('is on by default, and off with `dashboard: false`', async () => {
    bed = await startBed();
    await openOnboarding(bed, 'Contoso');
    await sweep(bed);
    expect(dashboards(bed)).toHaveLength(1);
    await bed.close();
    bed = await startBed({ files: { '.github/onboarding.yml': `${CONFIG}dashboard: false\n`, '.github/ISSUE_TEMPLATE/msp.md': TEMPLATE } });
    await openOnboarding(bed, 'Contoso');
    await sweep(bed);
    expect(dashboards(bed)).toHaveLength(0);
  });
});

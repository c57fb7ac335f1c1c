/**
 * Template upgrade figures: `embark upgrade` over N running onboardings of the 5-stage bench
 * template (requests and writes per upgraded onboarding, the CLI's and the app's), the simulated
 * time at the default pace, and the content creations in the busiest minute and hour against
 * GitHub's 80 / 500 (no request refused).
 */
import { nodeIo } from '../src/cli/io.js';
import { runUpgrade } from '../src/cli/upgrade.js';
import { duration } from '../src/enroll/progress.js';
import { type Bed, openOnboarding, REPO, startBed, stagedTemplate } from './bed.js';
import { bedPaceClock, busiest, creationsOf } from './enroll.js';

/** The bench template's next version: an item added, one reworded, one dropped, a stage added. */
export function benchTemplateV2(): string {
  return stagedTemplate()
    .replace('about: v2026.01', 'about: v2026.02')
    .replace('- [ ] CSM >> Portal access enabled', '- [ ] CSM >> Portal access enabled\n- [ ] CSM >> Tenant ID recorded')
    .replace('Backups configured', 'Backups configured and tested')
    .replace('- [ ] Engineer >> Runbook shared\n', '')
    .concat('\n### Stage 5: Check-in\n- [ ] CSM >> First month review held\n');
}

export interface UpgradeFigures {
  onboardings: number;
  /** Requests per upgraded onboarding: the CLI's (the request comment, its share of the reads) and the app's. */
  cliRequestsPerOnboarding: number;
  appRequestsPerOnboarding: number;
  appWritesPerOnboarding: number;
  /** Content creations per onboarding (the request, the reply, the new stage). */
  creationsPerOnboarding: number;
  simulatedMs: number;
  simulated: string;
  busiestMinute: number;
  busiestHour: number;
  /** Requests GitHub (the double) refused with 403/429: secondary limits hit. */
  refused: number;
}

const quiet = { ...nodeIo(), stdout() {}, stderr() {} };

/** Upgrade `n` running onboardings with `embark upgrade` at the default pace on a simulated clock. */
export async function benchUpgrade(n = 100): Promise<UpgradeFigures> {
  const bed: Bed = await startBed({ throttle: false });
  try {
    for (let i = 0; i < n; i++) {
      openOnboarding(bed, `Customer ${i + 1}`);
      if (i % 20 === 19) await bed.settle();
    }
    await bed.settle();
    bed.double.setFile(REPO, '.github/ISSUE_TEMPLATE/bench.md', benchTemplateV2());
    bed.double.resetCounts();
    const began = bed.clock.now.getTime();
    const code = await runUpgrade(['--repo', REPO, '--template', 'bench', '--api-url', bed.double.apiUrl], quiet, { env: { GITHUB_TOKEN: bed.double.tokenFor('alice') }, clock: bedPaceClock(bed), now: () => bed.clock.now });
    await bed.settle();
    if (code !== 0) throw new Error(`upgrade bench: exit ${code}`);
    const log = bed.double.requests;
    const mine = log.filter((r) => r.actor === 'alice');
    const app = log.filter((r) => r.actor === bed.double.botLogin);
    const creations = log.flatMap((r) => Array.from({ length: creationsOf(r) }, () => Date.parse(r.at)));
    const last = Math.max(...log.map((r) => Date.parse(r.at)));
    const writes = app.filter((r) => r.method !== 'GET' && !(r.graphql && !r.graphql.mutation)).length;
    return {
      onboardings: n,
      cliRequestsPerOnboarding: Number((mine.length / n).toFixed(2)),
      appRequestsPerOnboarding: Number((app.length / n).toFixed(2)),
      appWritesPerOnboarding: Number((writes / n).toFixed(2)),
      creationsPerOnboarding: Number((creations.length / n).toFixed(2)),
      simulatedMs: last - began,
      simulated: duration(last - began),
      busiestMinute: busiest(creations, 60_000),
      busiestHour: busiest(creations, 3_600_000),
      refused: log.filter((r) => r.status === 403 || r.status === 429).length,
    };
  } finally {
    await bed.close();
  }
}

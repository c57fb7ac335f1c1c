/**
 * Each of GitHub's real failures injected into the usual first minutes of an onboarding (start,
 * then a tick that completes stage 0), with production retry settings: plugin-retry waiting 1, 4,
 * 9 s, job backoff from 2 s, retry-after honoured; only the request deadline is shortened to 5 s.
 * Reports whether it healed with nobody redelivering, duplicates against a fault-free run, and
 * the time to heal.
 */
import { isDeepStrictEqual } from 'node:util';
import { defaultRetrySettings } from '../src/jobs/retry-policy.js';
import { fingerprint } from '../test/flows/fingerprint.js';
import type { FaultSpec } from '../test/github-double/index.js';
import { type Bed, openOnboarding, REPO, startBed } from './bed.js';

const IDLE = { timeoutMs: 180_000 };

export interface FaultFigures {
  name: string;
  healed: boolean;
  /** How many requests the injected faults answered (0 would mean the scenario never met them). */
  faultHits: number;
  duplicateIssues: number;
  duplicateComments: number;
  msToHeal: number;
}

const CASES: { name: string; faults: FaultSpec[]; clearAfterMs?: number }[] = [
  { name: '502 after GitHub applied the batched createIssue', faults: [{ route: 'graphql', operation: 'EmbarkCreateStages', status: 502, after: 'apply' }] },
  { name: '503 on every request for 5 s', faults: [{ status: 503, times: Number.POSITIVE_INFINITY }], clearAfterMs: 5_000 },
  { name: 'secondary rate limit (403, retry-after 3 s) on the status comment', faults: [{ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, retryAfter: 3 }] },
  { name: 'timeout on the snapshot read', faults: [{ route: 'graphql', operation: 'EmbarkOnboarding', timeout: true }] },
  { name: 'connection reset after the EPIC body and label write was applied', faults: [{ route: 'graphql', operation: 'EmbarkIssueChanges', reset: true, after: 'apply' }] },
];

function production(): Promise<Bed> {
  return startBed({ throttle: false, retry: true, retryBaseMs: 1000, jobRetry: defaultRetrySettings, requestTimeoutMs: 5_000 });
}

/** Start an onboarding and tick stage 0's box; returns the wall time until everything settled. */
async function scenario(bed: Bed): Promise<number> {
  const began = performance.now();
  const epic = openOnboarding(bed, 'Contoso');
  await bed.double.idle(IDLE);
  const first = bed.double.subIssues(REPO, epic)[0];
  if (first) {
    bed.double.toggleCheckbox(REPO, first.number, 0, 'alice');
    await bed.double.idle(IDLE);
  }
  return Math.round(performance.now() - began);
}

export async function benchFaults(): Promise<{ faultFreeMs: number; cases: FaultFigures[] }> {
  const clean = await production();
  const faultFreeMs = await scenario(clean);
  const expected = fingerprint(clean.double, REPO);
  await clean.close();
  const cases: FaultFigures[] = [];
  for (const c of CASES) {
    const bed = await production();
    const handles = c.faults.map((f) => bed.double.fail(f));
    const timer = c.clearAfterMs ? setTimeout(() => {
          for (const h of handles) h.clear();
        }, c.clearAfterMs) : null;
    const msToHeal = await scenario(bed);
    if (timer) clearTimeout(timer);
    const got = fingerprint(bed.double, REPO);
    const comments = (f: typeof got) => f.reduce((n, i) => n + i.comments.length, 0);
    cases.push({
      name: c.name,
      // A fault that never fired proves nothing: count it as not healed.
      healed: isDeepStrictEqual(got, expected) && handles.every((h) => h.hits > 0),
      faultHits: handles.reduce((n, h) => n + h.hits, 0),
      duplicateIssues: got.length - expected.length,
      duplicateComments: comments(got) - comments(expected),
      msToHeal,
    });
    await bed.close();
  }
  return { faultFreeMs, cases };
}

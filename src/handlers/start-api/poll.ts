/**
 * Where a start stands, for `GET /embark/api/onboardings/<key>`: the ledger's record, or when it
 * has none (expired, another deployment, Redis flushed), the issue carrying the key in GitHub.
 */
import type { StartRecord } from '../../coordination/start-ledger.js';
import { SEARCH_LAG_MS } from '../../enroll/github.js';
import { readRowKey } from '../../enroll/row-key.js';
import type { Octokit, RepoRef } from '../../github/octokit.js';
import { findStartIssue } from '../../github/start-lookup.js';
import { parseEpicMarker } from '../../render/markers.js';
import type { Deps } from '../deps.js';
import { ledgerId } from './job.js';

export async function lookUpStart(args: {
  deps: Deps;
  ref: RepoRef;
  key: string;
  installationFor: (owner: string, repo: string) => Promise<{ id: number; octokit: Octokit } | null>;
}): Promise<StartRecord | null> {
  const { deps, ref, key } = args;
  const known = await deps.startApi?.ledger.get(ledgerId(ref, key));
  if (known) return known;
  const installation = await args.installationFor(ref.owner, ref.repo);
  if (!installation) return null;
  const lookup = await findStartIssue(installation.octokit, { ...ref, key, carries: (body) => readRowKey(body) === key, now: deps.now().getTime(), lagMs: SEARCH_LAG_MS });
  if (!lookup.found) return null;
  const epic = { number: lookup.found.number, url: lookup.found.url };
  // Opened but not started yet (its job is queued, or gave up and the sweep will start it).
  if (!parseEpicMarker(lookup.found.body)) return { status: 'queued', epic, problems: [] };
  return { status: 'started', epic, problems: [] };
}

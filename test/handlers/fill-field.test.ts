/**
 * The handler behind a field answer, at the moment that matters: someone edits the EPIC body in
 * GitHub after Embark read it under the lock and before it writes. The executor's re-read finds
 * the field changed (or gone), writes nothing of the plan (not the value, not the log line) and
 * the customer is asked to reload.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Octokit } from '../../src/github/octokit.js';
import { fillField } from '../../src/handlers/status-page/fill-field.js';
import { verifyStatusToken } from '../../src/status-page/token.js';
import { client } from '../flows/app-bed.js';
import { openOnboarding } from '../flows/harness.js';
import { addContact, contactPagePath, FIELDS_BODY, FIELDS_TEMPLATE, storedState } from '../status-page/customer-bed.js';
import { type PageBed, REPO, SECRET, startPageBed } from '../status-page/page-bed.js';

let p: PageBed | undefined;
afterEach(async () => {
  p?.bed.double.assertNoViolations();
  await p?.close();
  p = undefined;
});

/** An app client that lets `edit` run once, right before the executor re-reads `issue`. */
function clientEditingBeforeReRead(q: PageBed, issue: number, edit: () => void): Octokit {
  const octokit = client(q.bed.double, 'app-token');
  let done = false;
  octokit.hook.before('request', (options) => {
    if (!done && options.method === 'GET' && options.url === '/repos/{owner}/{repo}/issues/{issue_number}' && options.issue_number === issue) {
      done = true;
      edit();
    }
  });
  return octokit;
}

describe('fillField when the EPIC body changes between the read and the write', () => {
  it.each([
    ['the value was filled in on GitHub', (body: string) => body.replace('- Tenant ID: `xxx`', '- Tenant ID: `from-alice`')],
    ['the field line was deleted', (body: string) => body.replace('- Tenant ID: `xxx`\n', '')],
  ])('%s: nothing of the plan is written, the customer is told to reload', async (_name, change) => {
    p = await startPageBed({ template: FIELDS_TEMPLATE });
    const epic = await openOnboarding(p.bed, 'Contoso', FIELDS_BODY);
    await addContact(p, epic);
    const link = verifyStatusToken(SECRET, (await contactPagePath(p, epic)).split('/').pop()!, p.bed.deps.now())!;
    let edited = '';
    const octokit = clientEditingBeforeReRead(p, epic, () => {
      edited = change(p!.bed.double.issue(REPO, epic).body ?? '');
      p!.bed.double.editIssue(REPO, epic, { body: edited }, 'alice');
    });
    const outcome = await fillField(p.bed.deps, octokit, { link, fieldKey: 'tenantid#0', value: 'from-jane', shown: 'xxx', who: null });
    expect(outcome).toEqual({ kind: 'changed' });
    await p.bed.settle();
    expect(p.bed.double.issue(REPO, epic).body).toBe(edited);
    expect(storedState(p, epic).log.map((e) => e.text)).not.toContain('Jane Doe filled in Tenant ID via the status page');
  });
});

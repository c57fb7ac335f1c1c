/**
 * The customer's part in a real browser (headless Chromium, no JavaScript on the page): a contact
 * opens their own link, fills in the Tenant ID and ticks one of their items. GitHub then differs
 * from before in exactly two places: the field's value in the EPIC body, and that item's checkbox
 * character in its stage issue. Needs the Debian package `chromium` at /usr/bin/chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';
import { openOnboarding } from '../flows/harness.js';
import { addContact, contactPagePath, FIELDS_BODY, FIELDS_TEMPLATE, storedState, surveyLinkPath, unsubscribeLinkPath } from './customer-bed.js';
import { type PageBed, REPO, startPageBed } from './page-bed.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve(process.cwd(), 'test-output');

let browser: Browser;
let p: PageBed;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package (apt-get install -y chromium), as .ci/run does`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  p = await startPageBed({ template: FIELDS_TEMPLATE });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await p?.close();
});

/** The one range where `after` differs from `before`: common prefix and suffix stripped. */
function difference(before: string, after: string): { at: number; removed: string; added: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { at: start, removed: before.slice(start, before.length - end), added: after.slice(start, after.length - end) };
}

describe("the customer's part in Chromium", () => {
  it('fills in the Tenant ID and ticks an item: only that value span and that checkbox change on GitHub', async () => {
    const epic = await openOnboarding(p.bed, 'Contoso', FIELDS_BODY);
    await addContact(p, epic);
    const path = await contactPagePath(p, epic);
    const [s0] = p.bed.double.subIssues(REPO, epic);
    const epicBefore = p.bed.double.issue(REPO, epic).body ?? '';
    const stageBefore = p.bed.double.issue(REPO, s0!.number).body ?? '';

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    expect((await page.goto(`${p.base}${path}`))?.status()).toBe(200);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT, 'customer-page.png'), fullPage: true });

    await page.getByLabel('Tenant ID').fill('3f2c9a1e-8b7d-4c5e-9f10-2a3b4c5d6e7f');
    await page.getByRole('button', { name: 'Save Tenant ID' }).click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('[role="status"]').textContent()).toContain('your answer is saved');
    expect(await page.getByLabel('Tenant ID').inputValue()).toBe('3f2c9a1e-8b7d-4c5e-9f10-2a3b4c5d6e7f');

    const item = page.locator('li', { has: page.locator('h3', { hasText: 'Invite us as admin of your tenant' }) });
    await expect(item.getByLabel('Your name').count()).resolves.toBe(0);
    await item.getByRole('button', { name: 'Sign off as Jane Doe' }).click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('[role="status"]').textContent()).toContain('your sign-off is recorded');
    expect(await item.locator('.badge').textContent()).toBe('Done');
    await page.screenshot({ path: resolve(OUTPUT, 'customer-page-done.png'), fullPage: true });
    expect(violations).toEqual([]);
    await context.close();

    await p.bed.settle();
    const epicChange = difference(epicBefore, p.bed.double.issue(REPO, epic).body ?? '');
    const tenantValue = epicBefore.indexOf('- Tenant ID: `xxx`') + '- Tenant ID: `'.length;
    expect(epicChange).toEqual({ at: tenantValue, removed: 'xxx', added: '3f2c9a1e-8b7d-4c5e-9f10-2a3b4c5d6e7f' });
    const stageChange = difference(stageBefore, p.bed.double.issue(REPO, s0!.number).body ?? '');
    const box = stageBefore.indexOf('- [ ] Customer >> Invite us as admin of your tenant') + '- ['.length;
    expect(stageChange).toEqual({ at: box, removed: ' ', added: 'x' });
    expect(storedState(p, epic).log.slice(0, 2).map((e) => e.text)).toEqual([
      '“Invite us as admin of your tenant” in Stage 0: Agreement signed off by Jane Doe via the status page',
      'Jane Doe filled in Tenant ID via the status page',
    ]);
  });

  it('answers the survey with the radio buttons and unsubscribes with the button, without JavaScript', async () => {
    const epic = await openOnboarding(p.bed, 'Fabrikam', FIELDS_BODY);
    await addContact(p, epic);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    expect((await page.goto(`${p.base}${surveyLinkPath(epic, 30)}`))?.status()).toBe(200);
    await page.screenshot({ path: resolve(OUTPUT, 'survey-page.png'), fullPage: true });
    await page.getByLabel('4 · Satisfied').check();
    await page.getByLabel('Anything you want to tell us? (optional)').fill('Smooth so far.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Thank you');
    await p.bed.settle();
    expect(storedState(p, epic).surveys).toEqual([expect.objectContaining({ checkin: 30, score: 4, comment: 'Smooth so far.' })]);

    expect((await page.goto(`${p.base}${unsubscribeLinkPath(epic)}`))?.status()).toBe(200);
    expect(storedState(p, epic).contacts?.[0]?.unsubscribedAt).toBeNull();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed');
    await p.bed.settle();
    expect(storedState(p, epic).contacts?.[0]?.unsubscribedAt).not.toBeNull();
    await context.close();
  });
});

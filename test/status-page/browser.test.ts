/**
 * A real browser (headless Chromium driven by playwright-core) reads the page, signs off an item
 * with the form (no JavaScript on the page), and sees the 404 page for a tampered or revoked link.
 * Needs the Debian package `chromium` at /usr/bin/chromium (`.ci/run` installs it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';
import { openCustomerOnboarding, type PageBed, pathIn, REPO, share, startPageBed } from './page-bed.js';

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
  p = await startPageBed();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await p?.close();
});

describe('status page in Chromium', () => {
  it('reads the stages, signs off a customer item, and the issue shows the tick and the comment', async () => {
    const epic = await openCustomerOnboarding(p.bed);
    const [s0] = p.bed.double.subIssues(REPO, epic);
    const path = pathIn(await share(p, epic));
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(`${p.base}${path}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Contoso');
    const stages = await page.locator('section[aria-labelledby="stages"] li h3').allTextContents();
    expect(stages).toEqual(['Stage 0: Agreement', 'Stage 1: Go-live']);
    const statuses = await page.locator('section[aria-labelledby="stages"] li .badge').allTextContents();
    expect(statuses).toEqual(['In progress', 'Not started']);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT, 'status-page.png'), fullPage: true });

    const item = page.locator('li', { has: page.locator('h3', { hasText: 'Confirm the go-live date' }) });
    await item.getByLabel('Your name').fill('Jane Doe');
    await item.getByLabel('Email (optional)').fill('jane@contoso.example');
    await item.getByRole('button', { name: 'Sign off' }).click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('[role="status"]').textContent()).toContain('your sign-off is recorded');
    expect(await item.locator('.badge').textContent()).toBe('Done');
    await page.screenshot({ path: resolve(OUTPUT, 'status-page-signed.png'), fullPage: true });

    await p.bed.settle();
    expect(p.bed.double.issue(REPO, s0!.number).body).toContain('- [x] Customer >> Confirm the go-live date');
    const comments = p.bed.double.comments(REPO, s0!.number).filter((c) => c.body.includes('via the status page'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Signed off by Jane Doe');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows the 404 page for a tampered link and for a revoked one', async () => {
    const epic = await openCustomerOnboarding(p.bed, 'Fabrikam');
    const path = pathIn(await share(p, epic));
    const page = await browser.newPage();
    const tampered = `${path.slice(0, -3)}${path.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await page.goto(`${p.base}${tampered}`))?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    expect((await page.goto(`${p.base}${path}`))?.status()).toBe(200);
    await share(p, epic, { revoke: true, validForHours: null });
    p.bed.advance(30_000);
    expect((await page.goto(`${p.base}${path}`))?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    await page.screenshot({ path: resolve(OUTPUT, 'status-page-404.png') });
    await page.close();
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CONTENT_SECURITY_POLICY, escapeHtml, STYLESHEET } from '../../src/status-page/html.js';
import { renderNotFound, renderStatusPage } from '../../src/status-page/render.js';
import { fixture } from './fixture.js';

const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;

function render(view = fixture().view, formTokens: Record<string, string> = {}) {
  return renderStatusPage(view, { path: '/embark/status/tok', formTokens, timeZone: 'UTC' });
}

describe('status page HTML', () => {
  it('escapes every character that could start markup or end an attribute', () => {
    expect(escapeHtml(XSS)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;');
  });

  it('shows a script in the customer name or an item text as text, never as markup', () => {
    const { view } = fixture({ customer: XSS, stage1Items: [`Customer >> ${XSS}`] });
    const key = view.items[0]!.key;
    const html = render(view, { [key]: 'form-token' });
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Attribute values (the item key) are escaped too.
    expect(html).toContain(`name="item" value="${key}"`);
    expect(html.match(/<script/g)).toBeNull();
  });

  it('has headings, labelled inputs, a language and a viewport; no script and no external resource', () => {
    const { view } = fixture();
    const html = render(view, Object.fromEntries(view.items.map((i) => [i.key, `t-${i.key}`])));
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="stages">Stages</h2>');
    for (const id of html.match(/<input id="([^"]+)"/g)!.map((m) => m.slice(11, -1))) expect(html).toContain(`<label for="${id}">`);
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    expect(html).toContain('value="t-');
    expect(html).toContain('action="/embark/status/tok/sign-off"');
  });

  it('offers a form only for items that can be signed off and have a form token', () => {
    const { view } = fixture({ config: { showAllItems: true } });
    const html = render(view, Object.fromEntries(view.items.map((i) => [i.key, 'x'])));
    expect(html.match(/<form /g)).toHaveLength(2);
    expect(render(view, {}).match(/<form /g)).toBeNull();
  });

  it('stays under 30 KB with 30 customer items to sign off', () => {
    const items = Array.from({ length: 30 }, (_, i) => `Customer >> Confirm detail number ${i} of the tenant set-up`);
    const { view } = fixture({ stage1Items: items });
    const html = render(view, Object.fromEntries(view.items.map((i) => [i.key, 'x'.repeat(43)])));
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
  });

  it('allows exactly its inline stylesheet, by hash, and nothing else', () => {
    const hash = createHash('sha256').update(STYLESHEET).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
    expect(render()).toContain(`<style>${STYLESHEET}</style>`);
  });

  it('gives every bad link the same page, naming no onboarding', () => {
    const html = renderNotFound();
    expect(html).toContain('This link does not work');
    expect(html).not.toMatch(/Contoso|acme/);
  });
});

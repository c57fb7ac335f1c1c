/**
 * HTML building blocks of the status pages (pure): escaping, the page shell and its stylesheet.
 * The stylesheet is inline and allowed by its hash in the Content-Security-Policy, so the page
 * needs no second request, no CDN and no `unsafe-inline`.
 */
import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value: shows as typed, never becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Readable on a phone, high contrast (WCAG AA on every pair used), visible keyboard focus. */
export const STYLESHEET = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4b5563;--line:#d0d7de;--ok:#116329;--warn:#8a4600;--bad:#a40e26;--accent:#0b57d0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:46rem;margin:0 auto;padding:1rem}
header,section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:0 0 .6rem}h3{font-size:1rem;margin:0}
.eyebrow{margin:0;color:var(--muted);font-size:.9rem;text-transform:uppercase;letter-spacing:.05em}
.meta{color:var(--muted);margin:.25rem 0 0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;border:1px solid currentColor;font-size:.85rem;font-weight:600}
.done{color:var(--ok)}.in-progress{color:var(--accent)}.on-hold,.overdue{color:var(--warn)}.cancelled,.unavailable{color:var(--bad)}.not-started,.not-needed,.not-applicable,.open{color:var(--muted)}
.completed{color:var(--ok)}
progress{width:100%;height:1rem;accent-color:var(--ok)}
ol,ul{padding:0;margin:0;list-style:none}
li{border-top:1px solid var(--line);padding:.75rem 0}li:first-child{border-top:0;padding-top:0}
.row{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;justify-content:space-between}
form{margin:.6rem 0 0;display:grid;gap:.4rem;grid-template-columns:1fr}
label{font-weight:600;font-size:.9rem}
input{font:inherit;padding:.45rem .6rem;border:1px solid #6e7781;border-radius:6px;width:100%}
button{font:inherit;font-weight:600;padding:.5rem 1rem;border:0;border-radius:6px;background:var(--ok);color:#fff;cursor:pointer;justify-self:start}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
fieldset{border:0;padding:0;margin:0;display:grid;gap:.35rem}legend{font-weight:600;font-size:.9rem;margin:0 0 .35rem}
.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;font-size:1rem}.choice input{width:auto;margin:0}
textarea{font:inherit;padding:.45rem .6rem;border:1px solid #6e7781;border-radius:6px;width:100%;min-height:6rem}
.notice{border-color:var(--ok);background:#dafbe1}
.problem{border-color:var(--bad);background:#ffebe9}
@media (min-width:40rem){form{grid-template-columns:1fr 1fr}form button,form .full,form fieldset{grid-column:1/-1}}
`.trim();

/** The CSP source that allows exactly {@link STYLESHEET} and nothing else inline. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'`;

/**
 * The policy every status page is sent with: nothing loads, nothing runs, the only style is the
 * inline sheet, forms post only back here, and no other site may frame the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'none'",
  "script-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A complete document around `body` (already escaped HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

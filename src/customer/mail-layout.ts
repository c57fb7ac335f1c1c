/**
 * A mail's body as plain blocks of text, and the two ways it is written: plain text and HTML.
 * The content code never writes markup; only `toHtml` does, and it escapes every string it
 * is given, so no value (a customer name, an item text, a URL) can become markup.
 */

/** One piece of a mail's body. Every string is plain text as it should read (a paragraph may break lines with `\n`). */
export type MailBlock =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'link'; label: string; url: string }
  /** Small print at the end: why they get this mail, how to stop it. */
  | { kind: 'footer'; text: string; link?: { label: string; url: string } };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The URL normalised, or a TypeError: mail links are `https:` (or `http:` in development) only. */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`mail link "${url.slice(0, 80)}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`mail link must be http(s), got ${parsed.protocol}`);
  return parsed.href;
}

/** The plain-text part. */
export function toText(blocks: readonly MailBlock[]): string {
  return `${blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case 'p':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'link':
      return `${block.label}:\n${checkedUrl(block.url)}`;
    case 'footer':
      return `--\n${block.text}${block.link ? `\n${block.link.label}: ${checkedUrl(block.link.url)}` : ''}`;
  }
}

const P = 'margin:0 0 12px';
const A = 'color:#0b57d0';

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case 'p':
      return `<p style="${P}">${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>`;
    case 'list':
      return `<ul style="${P};padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'link':
      return `<p style="${P}"><a href="${escapeHtml(checkedUrl(block.url))}" style="${A}">${escapeHtml(block.label)}</a></p>`;
    case 'footer': {
      const link = block.link ? ` <a href="${escapeHtml(checkedUrl(block.link.url))}" style="${A}">${escapeHtml(block.link.label)}</a>` : '';
      return `<p style="margin:20px 0 0;font-size:13px;color:#4b5563">${escapeHtml(block.text)}${link}</p>`;
    }
  }
}

/** The HTML part: one narrow card, inline styles only (mail clients drop style sheets). */
export function toHtml(subject: string, blocks: readonly MailBlock[]): string {
  const body = blocks.map(blockHtml).join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:16px;background:#f6f8fa;color:#1b1f24;font:16px/1.5 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">',
    '<div style="max-width:36rem;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px">',
    body,
    '</div></body></html>',
    '',
  ].join('\n');
}

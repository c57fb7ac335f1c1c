import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { InlineCode, Root, Table } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { DEFAULT_MAX_LENGTH, escapeTableCell, escapeUserText, inlineCode } from '../../src/render/escape.js';

const markdown = remark().use(remarkGfm);
const ZWSP = '\u200b';

/** The text a reader sees when `source` is rendered: every text, code and break, in order. */
function shown(source: string): string {
  let text = '';
  visit(markdown.parse(source) as Root, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    if (node.type === 'break') text += '\n';
  });
  return text;
}

/** Node types a rendering of `source` contains. */
function nodeTypes(source: string): Set<string> {
  const types = new Set<string>();
  visit(markdown.parse(source) as Root, (node) => {
    types.add(node.type);
  });
  return types;
}

/** Text people might type: markdown and HTML punctuation, mentions, blanks, unicode. */
const userText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'@#<>!-|*_`[]()\\~$&;:.+=/\n\r\t 1aZ'.split('')),
    fc.constantFrom('<!--', '-->', '@alice', 'embark:', '```', '\u2028', '\u202e', '\u0000', 'é', '😀', '\u00a0'),
    fc.constantFrom(' https://', 'http://', 'www.', 'x.com', '/a_b', ')', '('),
    fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  ),
  maxLength: 80,
});

/**
 * What escaping promises to keep of the input: one line, blanks collapsed, controls gone, mentions
 * broken; in URLs `|` and `@` are percent-encoded instead (checked by example below).
 */
function expectedText(input: string): string {
  return input
    .replace(/\s+/gu, ' ')
    .replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
    .replace(/@(?=[A-Za-z0-9])(?!https?:\/\/[^\s!-,./:-@[-^`{-~])/gi, `@${ZWSP}`); // `@<https://...>` mentions nobody
}

/** Inputs whose URLs hold no `|` or `@` (those are encoded, so the text shown differs on purpose). */
const noEncodedUrlChars = (text: string) => !/https?:\/\/\S*[|@]/i.test(text);

describe('escapeUserText', () => {
  const cases: [string, string, string][] = [
    ['a plain name', 'Contoso Ltd.', 'Contoso Ltd.'],
    ['a mention', 'ping @alice and @org/team', `ping @${ZWSP}alice and @${ZWSP}org/team`],
    ['an email', 'ops@contoso.com', `ops@${ZWSP}contoso.com`],
    ['a lone at sign', 'Foo @ Bar', 'Foo @ Bar'],
    ['an issue reference, left linkable', 'see #123', 'see #123'],
    ['a hidden marker', '<!-- embark:stage 1 -->', '&lt;!-- embark:stage 1 --&gt;'],
    ['html', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['an entity', 'AT&T &amp;', 'AT&amp;T &amp;amp;'],
    ['table and emphasis marks', 'a|b *c* _d_ `e` ~f~', 'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~'],
    ['a link', '[click](https://evil.example)', '\\[click\\](<https://evil.example>)'],
    ['math', 'costs $5 to $10', 'costs \\$5 to \\$10'],
    ['a backslash', 'C:\\temp', 'C:\\\\temp'],
    ['a leading heading mark', '# Big', '\\# Big'],
    ['a leading list mark', '- item', '\\- item'],
    ['a leading number', '2024. Inc', '2024\\. Inc'],
    ['line breaks', 'Contoso\r\nLtd\nB.V.', 'Contoso Ltd B.V.'],
    ['a bidi override', 'abc\u202edcba', 'abcdcba'],
    ['blanks around', '  Fabrikam  ', 'Fabrikam'],
    ['a URL, kept a working link', 'see https://contoso.example/a_b*c?x=1&y=2.', 'see <https://contoso.example/a_b*c?x=1&y=2>.'],
    ['a URL in brackets', '(https://x.example/wiki/A_(b))', '(<https://x.example/wiki/A_(b)>)'],
    ['a URL with a pipe and an at sign', 'https://x.example/@bob|1', '<https://x.example/%40bob%7C1>'],
    ['a URL that is not one', 'https:// and https://?', 'https:// and https://?'],
    ['a URL glued to a word', 'xhttps://x.example/a_b', 'xhttps://x.example/a\\_b'],
    ['a www address', 'www.contoso.example/a_b', 'www\\.contoso.example/a\\_b'],
  ];

  it.each(cases)('%s', (_case, input, output) => {
    expect(escapeUserText(input)).toBe(output);
  });

  it('caps length in visible characters with an ellipsis', () => {
    expect(escapeUserText('abcdefghij', { maxLength: 5 })).toBe('abcd…');
    expect(escapeUserText('😀'.repeat(10), { maxLength: 3 })).toBe('😀😀…');
    expect([...escapeUserText('x'.repeat(1000))]).toHaveLength(DEFAULT_MAX_LENGTH);
  });

  it('never leaves an HTML comment opener', () => {
    fc.assert(fc.property(userText, (text) => !escapeUserText(text).includes('<!--')));
  });

  it('never leaves an @ that GitHub would read as a mention', () => {
    fc.assert(fc.property(userText, (text) => !/@[A-Za-z0-9]/.test(escapeUserText(text))));
  });

  it('is always one line', () => {
    fc.assert(fc.property(userText, (text) => !/[\r\n\u2028\u2029]/.test(escapeUserText(text))));
  });

  it('renders as one paragraph of exactly the text typed', () => {
    fc.assert(
      fc.property(userText.filter(noEncodedUrlChars), (text) => {
        const source = escapeUserText(text, { maxLength: 1000 });
        const types = nodeTypes(source);
        types.delete('root');
        types.delete('paragraph');
        types.delete('text');
        types.delete('link'); // GFM links bare URLs; their text stays as typed
        expect([...types]).toEqual([]);
        expect(shown(source)).toBe(expectedText(text));
      }),
    );
  });
});

describe('escapeTableCell', () => {
  it('keeps line breaks as <br> and escapes each line', () => {
    expect(escapeTableCell('first | line\n\nsecond @bob\r\n')).toBe(`first \\| line<br>second @${ZWSP}bob`);
  });

  it('caps the whole cell', () => {
    expect(escapeTableCell('abc\ndef', { maxLength: 6 })).toBe('abc<br>d…');
  });

  it('never holds a raw line break or an unescaped pipe, and stays one cell', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const cell = escapeTableCell(text);
        expect(cell).not.toMatch(/[\r\n]/);
        expect(cell).not.toContain('<!--');
        expect(cell).not.toMatch(/@[A-Za-z0-9]/);
        const tree = markdown.parse(`| a | b |\n| --- | --- |\n| ${cell} | end |`) as Root;
        const table = tree.children[0] as Table;
        expect(table.children).toHaveLength(2);
        expect(table.children[1]!.children).toHaveLength(2);
      }),
    );
  });
});

describe('inlineCode', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'npm ci', '`npm ci`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a run of backticks', 'x ``` y', '````x ``` y````'],
    ['a leading backtick', '`x', '`` `x ``'],
    ['blanks at both ends', ' x ', '`  x  `'],
    ['only blanks', '   ', '`   `'],
    ['nothing', '', '` `'],
    ['a line break', 'a\nb', '`a b`'],
    ['a marker', '<!-- embark:x -->', `\`<!${ZWSP}-- embark:x -->\``],
  ];

  it.each(cases)('%s', (_case, input, output) => {
    expect(inlineCode(input)).toBe(output);
  });

  it('escapes pipes inside a table cell', () => {
    expect(inlineCode('a|b', { inTable: true })).toBe('`a\\|b`');
  });

  it('renders as one code span holding the text verbatim', () => {
    const noBreaks = fc.string({ unit: fc.constantFrom('`', ' ', 'a', '|', '*', '<', '\\', '@', 'é'), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(noBreaks, (text) => {
        const tree = markdown.parse(`x ${inlineCode(text)} y`) as Root;
        const codes: InlineCode[] = [];
        visit(tree, 'inlineCode', (node: InlineCode) => {
          codes.push(node);
        });
        expect(codes.map((c) => c.value)).toEqual([text]);
      }),
    );
  });
});

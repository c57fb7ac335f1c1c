/**
 * Finds the lines of a comment that a person wrote as slash commands.
 *
 * Markdown decides, not a regex over the raw text: a line counts only when it lies in a paragraph
 * (or a setext heading) and its first non-blank character is a `/` that markdown reads as plain
 * text. That leaves out fenced and indented code, inline code spanning lines, HTML comments,
 * table cells and list markers (`- /check 3`), and quoted text: a quoted line starts with `>`.
 * A line typed right under a quote without a blank line is, in markdown, a lazy continuation of
 * the quote; it still starts with `/` in the source, and it is read as a command because the
 * person typed it, not quoted it.
 */
import type { Heading, Paragraph, Root, Text } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';

/** A line of the comment that starts with a slash as plain text. */
export interface CommandLine {
  /** 1-based line number in the comment. */
  line: number;
  /** The line's text from the source, trimmed. */
  text: string;
}

// Frozen once: a processor holds no per-call state, so sharing it keeps parse calls pure.
const markdown = remark().use(remarkGfm).freeze();

/** Offsets at which each line of `source` starts (line 1 at index 0). */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

/** The text of the line beginning at `start`, without its line ending. */
function lineAt(source: string, start: number): string {
  const match = /[\r\n]/.exec(source.slice(start));
  return match ? source.slice(start, start + match.index) : source.slice(start);
}

/** Ranges of the block's plain-text children: only a `/` inside one of these is typed text. */
function textRanges(block: Paragraph | Heading): [number, number][] {
  return block.children
    .filter((child): child is Text => child.type === 'text')
    .map((child) => [child.position?.start.offset ?? -1, child.position?.end.offset ?? -1]);
}

/** Every line of `body` that a person wrote as a slash command, in order. */
export function findCommandLines(body: string): CommandLine[] {
  // Most comments hold no command; skip the markdown parse (the costly part) for them.
  if (!/^[ \t]*\/[A-Za-z]/m.test(body)) return [];
  const tree = markdown.parse(body) as Root;
  const starts = lineStarts(body);
  const found: CommandLine[] = [];
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading') return;
    const block = node as Paragraph | Heading;
    const first = block.position?.start.line;
    const last = block.position?.end.line;
    if (first === undefined || last === undefined) return;
    const ranges = textRanges(block);
    for (let line = first; line <= last; line++) {
      const start = starts[line - 1];
      if (start === undefined) continue;
      const text = lineAt(body, start);
      const slash = /^[ \t]*\//.exec(text);
      if (!slash) continue;
      const offset = start + slash[0].length - 1;
      if (!ranges.some(([from, to]) => offset >= from && offset < to)) continue;
      found.push({ line, text: text.trim() });
    }
  });
  return found;
}

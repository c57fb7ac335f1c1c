/**
 * A cheap line scanner for the bodies Embark itself writes (stage issues: a marker comment, a
 * "Part of" line, a task list, the owners line, footnote definitions) and the edits people
 * usually make to them. The report and the sweep read thousands of such bodies; a remark parse
 * costs milliseconds each, this scan microseconds.
 *
 * It understands a deliberately small subset of markdown: bullet lists (`-`, `*`, `+`, one space
 * after the marker) nested by indentation, task boxes, plain paragraphs, ATX headings with plain
 * text, one-line HTML comments, thematic breaks and one-line footnote definitions. Whenever a
 * body holds anything else, or anything whose meaning depends on rules it does not model (code
 * blocks, block quotes, tables, setext headings, HTML blocks, ordered lists, reference
 * definitions, tabs, deep indentation, ...), it returns null and the caller parses the body with
 * remark. What it returns when it accepts is what remark would make of the same body: a property
 * test holds it to that.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { findComplexityProblem } from './complexity.js';
import type { MarkdownDoc } from './fresh-parse.js';
import { joinLines } from './normalise.js';

/** A task item as the scan found it: the fields of a `ListEntry` that items are built from. */
export interface ScannedTask {
  checked: boolean;
  /** The first paragraph's text after the box, lines joined, trimmed. */
  text: string;
  /** Index in the body of the state character inside `[ ]`. */
  checkboxOffset: number;
  /** 1-based line and column of the list marker. */
  line: number;
  column: number;
  /** 0 for a top-level item, 1 for an item nested under another item, ... */
  depth: number;
  /** Index in the body of the list marker (where the list item starts). */
  startOffset: number;
}

/** What a scan gives: the tasks, and the document's top-level blocks as a skeleton tree. */
export interface ScannedBody {
  tasks: ScannedTask[];
  /**
   * The body's top-level blocks with their positions (headings with their text; lists,
   * paragraphs and the rest without content): enough for the section rules that read
   * `doc.root.children`, which can then run on the scan unchanged.
   */
  skeleton: MarkdownDoc;
}

/** Past this size a body is never a real issue body (GitHub's limit): not worth a fast path. */
const MAX_SCAN_LENGTH = 65_536;

// Characters other than line feed that change how micromark reads a line (or that it rewrites).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const AWKWARD_CHARACTERS = /[\t\0-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)/;
const THEMATIC_BREAK = /^([-*_])(?: *\1){2,} *$/;
const ONLY_UNDERLINE = /^ *(?:=+|-+) *$/;
// A table's delimiter row (`| --- | :-: |`), which turns the line above into a table header.
const DELIMITER_ROW = /^[ |:-]*-[ |:-]*$/;
const BULLET = /^[-*+](?: |$)/;
const ORDERED = /^\d{1,9}[.)](?: |$)/;
const TASK = /^\[([ xX])\] +\S/;
const ATX = /^(#{1,6})(?: (.*))?$/;
// Heading text the skeleton can carry as one text node: nothing inline markup could change.
const PLAIN_HEADING = /^[^\\`*_[\]<>&!~^|#]*$/;
const FOOTNOTE_DEFINITION = /^\[\^[A-Za-z0-9_-]+\]: +(\S.*)$/;
// Conservative: any `]:` after a leading `[` may close a definition's label.
const REFERENCE_DEFINITION = /^\[.*\]:/;
const ONE_LINE_COMMENT = /^<!--.*-->/;

/**
 * True when `text` (a line without its indentation) can only start or continue a paragraph.
 * A `[` start is refused too: it may be a link reference definition.
 */
function isPlainText(text: string): boolean {
  return !text.startsWith('[') && startsNoBlock(text);
}

/** True when `text` opens no block (and no definition): a paragraph, links and all. */
function startsNoBlock(text: string): boolean {
  const first = text.charAt(0);
  if (first === '' || first === ' ' || '>#<|=`~'.includes(first) || REFERENCE_DEFINITION.test(text)) return false;
  return !(BULLET.test(text) || ORDERED.test(text) || THEMATIC_BREAK.test(text));
}

type BlockType = 'heading' | 'list' | 'paragraph' | 'html' | 'thematicBreak' | 'footnoteDefinition';

interface Block {
  type: BlockType;
  start: number;
  end: number;
  line: number;
  depth?: Heading['depth'];
  text?: string;
}

/** A task whose first paragraph is still open: its text runs from `textStart` to `textEnd` so far. */
interface OpenTask {
  index: number;
  textStart: number;
  textEnd: number;
}

/** What the previous non-blank line left open, which decides how the next line reads. */
type Open = { kind: 'none' } | { kind: 'paragraph'; task: OpenTask | null } | { kind: 'footnote' };

function skeletonOf(source: string, blocks: Block[]): MarkdownDoc {
  const point = (offset: number, line: number) => ({ offset, line, column: 1 });
  const children = blocks.map((b): RootContent => {
    const position = { start: point(b.start, b.line), end: point(b.end, b.line) };
    if (b.type === 'heading') return { type: 'heading', depth: b.depth!, children: [{ type: 'text', value: b.text! }], position };
    if (b.type === 'footnoteDefinition') return { type: 'footnoteDefinition', identifier: '', children: [], position };
    if (b.type === 'list') return { type: 'list', children: [], position };
    if (b.type === 'paragraph') return { type: 'paragraph', children: [], position };
    if (b.type === 'html') return { type: 'html', value: '', position };
    return { type: 'thematicBreak', position };
  });
  const root: Root = { type: 'root', children };
  return { source, root, shift: 0 };
}

/**
 * Scans `body` line by line. Returns the tasks and a skeleton of the top-level blocks, or null
 * when the body holds anything the scan cannot be sure it reads as remark would.
 */
export function scanChecklist(body: string): ScannedBody | null {
  if (body.length > MAX_SCAN_LENGTH || AWKWARD_CHARACTERS.test(body)) return null;
  if (findComplexityProblem(body) !== null) return null;
  const tasks: ScannedTask[] = [];
  const blocks: Block[] = [];
  // Content columns of the list items the current line may still belong to, outermost first.
  const items: number[] = [];
  let open: Open = { kind: 'none' };
  // The top-level block the current line extends, if any.
  let current: Block | null = null;
  let lineNumber = 0;
  let start = 0;
  while (start <= body.length) {
    lineNumber++;
    const newline = body.indexOf('\n', start);
    const next = newline === -1 ? body.length + 1 : newline + 1;
    let end = newline === -1 ? body.length : newline;
    if (body.charCodeAt(end - 1) === 13) end--;
    const line = body.slice(start, end);
    const lineStart = start;
    start = next;

    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length) {
      // A blank line ends paragraphs; list items stay open for what is indented under them.
      finishParagraph(body, tasks, open);
      open = { kind: 'none' };
      continue;
    }
    const rest = line.slice(indent);
    // Anything that could turn a paragraph line into something else refuses the whole body.
    if (DELIMITER_ROW.test(line) && /[|:]/.test(line)) return null;
    if (ONLY_UNDERLINE.test(line) && (open.kind !== 'none' || rest.startsWith('='))) return null;
    // How many open list items this line's indentation continues.
    let kept = 0;
    while (kept < items.length && indent >= items[kept]!) kept++;
    const relative = indent - (kept > 0 ? items[kept - 1]! : 0);
    if (relative >= 4) return null;

    if (open.kind === 'footnote') {
      // Only another definition may follow a definition directly: the rest would be its text.
      if (!(indent === 0 && FOOTNOTE_DEFINITION.test(line))) return null;
    }

    if (BULLET.test(rest) && !THEMATIC_BREAK.test(rest)) {
      const content = rest.slice(2);
      if (!content.startsWith('[')) {
        if (!isPlainText(content)) return null;
      } else if (!TASK.test(content)) return null;
      finishParagraph(body, tasks, open);
      items.length = kept;
      items.push(indent + 2);
      if (kept === 0 && current?.type !== 'list') {
        current = { type: 'list', start: lineStart + indent, end, line: lineNumber };
        blocks.push(current);
      }
      if (content.startsWith('[')) {
        const box = lineStart + indent + 3;
        tasks.push({
          checked: content.charAt(1) !== ' ',
          text: '',
          checkboxOffset: box,
          line: lineNumber,
          column: indent + 1,
          depth: kept,
          startOffset: lineStart + indent,
        });
        open = { kind: 'paragraph', task: { index: tasks.length - 1, textStart: box + 2, textEnd: end } };
      } else open = { kind: 'paragraph', task: null };
      if (current) current.end = end;
      continue;
    }

    if (open.kind === 'paragraph' && isPlainText(rest)) {
      // Paragraph continuation, lazy or not: the item stays open, its text grows.
      if (open.task) open.task.textEnd = end;
      if (current) current.end = end;
      continue;
    }

    // Everything below starts a new block, at the top level or inside a list item.
    const afterParagraph = open.kind === 'paragraph';
    finishParagraph(body, tasks, open);
    open = { kind: 'none' };
    items.length = kept;
    if (kept > 0) {
      // Inside a list item only paragraphs are understood.
      if (!isPlainText(rest)) return null;
      open = { kind: 'paragraph', task: null };
      if (current) current.end = end;
      continue;
    }
    if (indent === 0 && rest.startsWith('#')) {
      const heading = ATX.exec(line);
      if (!heading) return null;
      const text = (heading[2] ?? '').replace(/(?:^| +)#+ *$/, '');
      if (!PLAIN_HEADING.test(text)) return null;
      current = null;
      blocks.push({ type: 'heading', depth: heading[1]!.length as Heading['depth'], text, start: lineStart, end, line: lineNumber });
      continue;
    }
    if (indent === 0 && ONE_LINE_COMMENT.test(line) && line.indexOf('-->', 4) !== -1) {
      current = null;
      blocks.push({ type: 'html', start: lineStart, end, line: lineNumber });
      continue;
    }
    if (THEMATIC_BREAK.test(rest)) {
      current = null;
      blocks.push({ type: 'thematicBreak', start: lineStart + indent, end, line: lineNumber });
      continue;
    }
    const definition = indent === 0 ? FOOTNOTE_DEFINITION.exec(line) : null;
    if (definition) {
      // A definition cannot interrupt a paragraph, and its text must be a plain paragraph.
      if (afterParagraph || !startsNoBlock(definition[1]!)) return null;
      current = null;
      blocks.push({ type: 'footnoteDefinition', start: lineStart, end, line: lineNumber });
      open = { kind: 'footnote' };
      continue;
    }
    if (!isPlainText(rest)) return null;
    current = { type: 'paragraph', start: lineStart + indent, end, line: lineNumber };
    blocks.push(current);
    open = { kind: 'paragraph', task: null };
  }
  finishParagraph(body, tasks, open);
  return { tasks, skeleton: skeletonOf(body, blocks) };
}

/** Closes an open paragraph: a task's text is its first paragraph after the box, lines joined. */
function finishParagraph(body: string, tasks: ScannedTask[], open: Open): void {
  if (open.kind !== 'paragraph' || !open.task) return;
  tasks[open.task.index]!.text = joinLines(body.slice(open.task.textStart, open.task.textEnd), false);
}

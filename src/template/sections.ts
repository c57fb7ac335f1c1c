/**
 * Finding the stages of a template body: which part of the markdown each stage covers.
 *
 * - With `Stage N` / `Phase N` headings (any depth, any case, text may follow the number), each
 *   such heading starts a stage that runs to the next one, to a higher-level heading, or to the
 *   footnote block at the end. A heading right after an untitled stage heading names the stage
 *   (`### Stage 1` + `### Gathering requirements` = `Stage 1: Gathering requirements`).
 * - Without them, every heading that directly holds task items starts a stage.
 * - Task items before the first stage form a stage of their own (`stage-pre`).
 * A section with no task items is not a stage.
 */
import type { Heading, RootContent } from 'mdast';
import { endOf, type MarkdownDoc, startOf, textOf } from '../checklist/mdast.js';

/** A stage's extent before its items are built. */
export interface Section {
  /** `Stage N` number, or null. */
  number: number | null;
  title: string;
  /** The heading text as written (lookups in `onboarding.stages`), '' for the implicit stage. */
  headingText: string;
  implicit: boolean;
  /** 1-based line in the body. */
  line: number;
  startOffset: number;
  /** Where the stage's own markdown starts (after its heading, and after a naming sub-heading). */
  contentOffset: number;
  endOffset: number;
}

/** A section that holds no tasks, or tasks outside every section: reported as warnings. */
export interface SectionReport {
  sections: Section[];
  /** Stage headings with no task items under them. */
  emptyStageHeadings: Array<{ line: number; text: string }>;
}

const STAGE_HEADING = /^(stage|phase)\s*(\d{1,6})(?!\d)\s*(.*)$/i;

interface HeadingInfo {
  node: Heading;
  index: number;
  text: string;
  start: number;
  end: number;
}

/** Heading text as a reader sees it: link text kept, U+00A0 as space, trimmed. */
export function headingText(node: Heading): string {
  return textOf(node).replace(/\s+/g, ' ').trim();
}

/**
 * Where the content ends: before a trailing run of footnote definitions (and the thematic break
 * that introduces them), so footnotes are not swallowed into the last stage.
 */
export function contentEnd(doc: MarkdownDoc): number {
  const children = doc.root.children;
  let first = children.length;
  let sawFootnote = false;
  for (let i = children.length - 1; i >= 0; i--) {
    const type = children[i]!.type;
    if (type === 'footnoteDefinition') sawFootnote = true;
    else if (type !== 'html' && type !== 'definition') break;
    first = i;
  }
  if (!sawFootnote) return doc.source.length;
  if (children[first - 1]?.type === 'thematicBreak') first -= 1;
  return startOf(doc, children[first] as RootContent);
}

function headingsOf(doc: MarkdownDoc): HeadingInfo[] {
  const out: HeadingInfo[] = [];
  doc.root.children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    out.push({ node, index, text: headingText(node), start: startOf(doc, node), end: endOf(doc, node) });
  });
  return out;
}

const hasTask = (taskOffsets: number[], start: number, end: number): boolean =>
  taskOffsets.some((o) => o >= start && o < end);

/**
 * Splits the body into stage sections; `taskOffsets` are the start offsets of task items.
 * `sameLevelEnds`: a heading of the stage heading's level ends the stage too (an issue opened from
 * a form, where every field is a `### <label>` heading and a stage is one of them).
 */
export function findSections(doc: MarkdownDoc, taskOffsets: number[], options: { sameLevelEnds?: boolean } = {}): SectionReport {
  const end = contentEnd(doc);
  const headings = headingsOf(doc).filter((h) => h.start < end);
  const staged = headings.filter((h) => STAGE_HEADING.test(h.text));
  const report: SectionReport = { sections: [], emptyStageHeadings: [] };
  const starts: HeadingInfo[] = staged.length > 0 ? staged : headings.filter((h, i) => {
    const next = headings[i + 1];
    return hasTask(taskOffsets, h.end, next ? next.start : end);
  });
  starts.forEach((heading, i) => {
    const nextStart = starts[i + 1]?.start ?? end;
    // A higher-level heading ends a stage (`## Notes` after `### Stage 3`); without stage
    // headings, so does a heading of the same level.
    const stop = headings.find(
      (h) =>
        h.start > heading.start &&
        h.start < nextStart &&
        !starts.includes(h) &&
        (staged.length > 0 && !options.sameLevelEnds ? h.node.depth < heading.node.depth : h.node.depth <= heading.node.depth),
    );
    const sectionEnd = Math.min(stop?.start ?? nextStart, end);
    const match = STAGE_HEADING.exec(heading.text);
    const line = heading.node.position?.start.line ?? 1;
    if (!hasTask(taskOffsets, heading.start, sectionEnd)) {
      if (match) report.emptyStageHeadings.push({ line, text: heading.text });
      return;
    }
    let title = heading.text;
    let contentOffset = heading.end;
    const following = doc.root.children[heading.index + 1];
    const ownTitle = (match?.[3] ?? '').replace(/^[\s\-–—:.|]+/, '');
    if (match && ownTitle === '' && following?.type === 'heading' && !STAGE_HEADING.test(headingText(following))) {
      title = `${heading.text}: ${headingText(following)}`;
      contentOffset = endOf(doc, following);
    }
    report.sections.push({
      number: match ? Number(match[2]) : null,
      title,
      headingText: heading.text,
      implicit: false,
      line,
      startOffset: heading.start,
      contentOffset,
      endOffset: sectionEnd,
    });
  });
  const firstStart = report.sections[0]?.startOffset ?? end;
  const before = taskOffsets.filter((o) => o < firstStart && o < end);
  if (before.length > 0) {
    const top = doc.root.children.find((c) => endOf(doc, c) > before[0]!);
    const start = top ? startOf(doc, top) : before[0]!;
    report.sections.unshift({
      number: null,
      title: report.sections.length > 0 ? 'Preparation' : 'Checklist',
      headingText: '',
      implicit: true,
      line: top?.position?.start.line ?? 1,
      startOffset: start,
      contentOffset: start,
      endOffset: Math.min(firstStart, end),
    });
  }
  return report;
}

/** Stage key from its number, else its position; repeats get `-2`, `-3`. */
export function stageKeys(sections: Section[]): string[] {
  const used = new Set<string>();
  let position = 0;
  return sections.map((section) => {
    if (!section.implicit) position++;
    const base = section.implicit ? 'stage-pre' : `stage-${section.number ?? position}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

/**
 * Once the stage issues exist, the EPIC body points to them: each stage's section becomes its
 * heading, as written, followed by one task-list link `- [ ] #<n>` (GitHub shows the linked
 * issue's title and state there). Everything outside the stage sections (description, intake
 * fields, paragraphs around the stages, footnotes, line endings) stays byte for byte as it was.
 * A note written inside a stage's section is part of that stage: it moves to the stage issue
 * (with the checklist, from `stage.markdown`) and leaves the EPIC with the rest of the section.
 */
import type { TemplateStage } from '../template/model.js';

/** The issue that now holds a stage's checklist. */
export interface StageLink {
  stageKey: string;
  /** Null for a stage that does not apply to this customer: its section becomes `note`. */
  issueNumber: number | null;
  /** What replaces the checklist of a stage without an issue. */
  note?: string;
  /** Ticks the link's box: the stage is complete. */
  done: boolean;
}

export interface LinkStagesInput {
  /** The EPIC body, as GitHub has it now. */
  body: string;
  /** Stages parsed from THIS body: their offsets must point into it. */
  stages: Pick<TemplateStage, 'key' | 'startOffset' | 'endOffset'>[];
  links: StageLink[];
}

// An ATX heading line: up to three spaces of indent, then 1-6 `#` and a blank or the line end.
const ATX_HEADING = /^ {0,3}#{1,6}(?=[ \t]|\r?\n|$)/;
// A one-line setext heading: a line of text underlined with `===` or `---`.
const SETEXT_HEADING = /^ {0,3}\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*(?:\r?\n|$)/;

/** The section's heading (one line, or two for a setext heading) with its line break; '' when it has none. */
function headingLine(section: string): string {
  if (ATX_HEADING.test(section)) {
    const lf = section.indexOf('\n');
    return lf < 0 ? section : section.slice(0, lf + 1);
  }
  // An implicit first stage starts at its first item, not at a heading.
  if (/^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]/.test(section)) return '';
  return SETEXT_HEADING.exec(section)?.[0] ?? '';
}

/** The blank lines and spaces that end the section: the gap before whatever follows it. */
function trailingGap(section: string): string {
  return /\s*$/.exec(section)![0];
}

/** The linked form of one section. */
function linkedSection(section: string, link: StageLink, eol: string): string {
  let heading = headingLine(section);
  // A heading that ends the body has no line break of its own: give it one before the link.
  if (heading !== '' && !heading.endsWith('\n')) heading = heading.trimEnd() + eol;
  const rest = section.slice(heading.length);
  const gap = heading.length === section.length ? '' : trailingGap(rest);
  if (link.issueNumber === null) return `${heading}_${link.note ?? 'Not applicable.'}_${gap}`;
  return `${heading}- [${link.done ? 'x' : ' '}] #${link.issueNumber}${gap}`;
}

/**
 * The EPIC body with each linked stage's section replaced by its heading and a link to its stage
 * issue. Stages without a link are left as they are. Idempotent: run on its own output (with
 * stages parsed from that output) and the same links, it returns that output unchanged.
 *
 * @throws RangeError when a stage's offsets do not fit the body (stages parsed from another body).
 */
export function linkStagesInEpicBody(input: LinkStagesInput): string {
  const { body } = input;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const byKey = new Map(input.links.map((link) => [link.stageKey, link]));
  const sections = input.stages
    .filter((stage) => byKey.has(stage.key))
    .sort((a, b) => a.startOffset - b.startOffset);
  let out = '';
  let at = 0;
  for (const stage of sections) {
    const { startOffset: start, endOffset: end } = stage;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end < start || end > body.length) {
      throw new RangeError(`stage ${stage.key} spans ${start}..${end}, which does not fit a body of ${body.length} characters`);
    }
    out += body.slice(at, start) + linkedSection(body.slice(start, end), byKey.get(stage.key)!, eol);
    at = end;
  }
  return out + body.slice(at);
}

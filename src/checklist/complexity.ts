/**
 * Guards that keep markdown parsing bounded.
 *
 * micromark is linear for ordinary text, but a few shapes cost time quadratic in their size
 * (hundreds of nested block quotes or lists, or one paragraph packed with unclosed `[a](`), and
 * very deep nesting overflows the stack. We refuse those shapes up front, so parsing a body of
 * the allowed size (256 KiB) stays well under a second or two even when it is hostile.
 */

/** Most container markers (`>`, `-`, `1.`) allowed at the start of one line. */
export const MAX_CONTAINER_DEPTH = 32;
/** Most columns of leading indentation allowed on one line. */
export const MAX_INDENT_COLUMNS = 160;
/** Budget for (brackets in one paragraph) x (length of that paragraph): about 0.3 s of parsing at worst. */
const MAX_BRACKET_WORK = 2e8;

/** A refused shape: where it starts and what to do about it. */
export interface ComplexityProblem {
  line: number;
  column: number;
  message: string;
}

/** Container markers at the start of a line: block quotes and list bullets or numbers. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;

function indentColumns(line: string): number {
  let columns = 0;
  for (const ch of line) {
    if (ch === ' ') columns += 1;
    else if (ch === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function countMarkers(prefix: string): number {
  let count = 0;
  for (const ch of prefix) if (ch === '>' || ch === '-' || ch === '*' || ch === '+' || ch === '.' || ch === ')') count++;
  return count;
}

/** `[` that does not open a task checkbox (`[ ]`, `[x]`): these are what make link parsing slow. */
function countBrackets(line: string): number {
  let count = 0;
  for (let i = line.indexOf('['); i !== -1; i = line.indexOf('[', i + 1)) {
    const next = line[i + 1];
    if (!(line[i + 2] === ']' && (next === ' ' || next === 'x' || next === 'X'))) count++;
  }
  return count;
}

/**
 * Returns the first shape in `source` that could make parsing slow or overflow the stack,
 * or null when the text is safe to parse.
 */
export function findComplexityProblem(source: string): ComplexityProblem | null {
  const lines = source.split('\n');
  let runStart = 0;
  let runLength = 0;
  let runBrackets = 0;
  const checkRun = (): ComplexityProblem | null =>
    runBrackets * runLength > MAX_BRACKET_WORK
      ? {
          line: runStart + 1,
          column: 1,
          message: `The text block starting here has ${runBrackets} \`[\` characters in ${runLength} characters without a blank line; split it with blank lines or remove stray brackets.`,
        }
      : null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (indentColumns(line) > MAX_INDENT_COLUMNS) {
      return {
        line: i + 1,
        column: 1,
        message: `This line is indented more than ${MAX_INDENT_COLUMNS} columns; nest lists less deeply.`,
      };
    }
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (countMarkers(prefix) > MAX_CONTAINER_DEPTH) {
      return {
        line: i + 1,
        column: 1,
        message: `This line nests more than ${MAX_CONTAINER_DEPTH} block quotes or lists; flatten it.`,
      };
    }
    // A blank line, a list item or a heading ends the paragraph: inline parsing starts afresh.
    const rest = line.slice(prefix.length).trimStart();
    const startsBlock = /[-*+.)]/.test(prefix) || rest.startsWith('#');
    if (line.trim() === '' || startsBlock) {
      const problem = checkRun();
      if (problem) return problem;
      runStart = line.trim() === '' ? i + 1 : i;
      runLength = line.trim() === '' ? 0 : line.length + 1;
      runBrackets = line.trim() === '' ? 0 : countBrackets(line);
    } else {
      runLength += line.length + 1;
      runBrackets += countBrackets(line);
    }
  }
  return checkRun();
}

/**
 * YAML front matter loaded the safe way: js-yaml's core schema (strings, numbers, booleans,
 * null, lists, maps, nothing that constructs objects), no anchors or aliases (an alias bomb
 * would expand when the settings are validated), duplicate keys allowed like GitHub does
 * (last wins) but reported.
 */
import yaml from 'js-yaml';
import { type Diagnostics, diagnostic } from './diagnostics.js';

/** How many duplicate keys we report before giving up looking for more. */
const MAX_DUPLICATES = 20;

/** Thrown (and caught by the front-matter reader) with a message a template author can act on. */
export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

function quoteHint(reason: string): string {
  if (/mapping entry|explicit mapping pair|flow collection|end of the stream|unexpected end/i.test(reason)) {
    return ' If a value contains `: `, starts with `[`, `{`, `%`, `@` or `*`, or holds ` #`, put it in quotes, e.g. title: "[Onboarding] %customer%".';
  }
  return '';
}

/**
 * Where a `[` or `{` that is still open at row `upTo` was opened (0-based row and column), or
 * null. Quoted text and comments are skipped. js-yaml notices an unclosed flow collection only
 * where it ends (the next key, or the closing `---`), which is rarely the line to fix.
 */
export function unclosedFlowOpener(text: string, upTo: number): { row: number; column: number } | null {
  const open: Array<{ row: number; column: number }> = [];
  const rows = text.split('\n');
  for (let row = 0; row <= upTo && row < rows.length; row++) {
    const line = rows[row] ?? '';
    let quote: string | null = null;
    for (let column = 0; column < line.length; column++) {
      const ch = line[column]!;
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#' && (column === 0 || /\s/.test(line[column - 1]!))) break;
      else if (ch === '[' || ch === '{') open.push({ row, column });
      else if (ch === ']' || ch === '}') open.pop();
    }
  }
  return open[0] ?? null;
}

/** The 0-based row and column a js-yaml error should be shown at. */
export function yamlErrorPoint(text: string, error: yaml.YAMLException): { row: number; column: number } {
  const mark = { row: error.mark?.line ?? 0, column: error.mark?.column ?? 0 };
  if (!/flow collection/.test(error.reason ?? '')) return mark;
  return unclosedFlowOpener(text, mark.row) ?? mark;
}

/** Translates a js-yaml error into a FrontMatterError on the file's lines. */
function translate(error: unknown, firstLine: number, text: string): FrontMatterError {
  if (!(error instanceof yaml.YAMLException)) {
    return new FrontMatterError(`The front matter could not be read: ${String(error)}.`, firstLine, 1);
  }
  const point = yamlErrorPoint(text, error);
  const line = firstLine + point.row;
  const column = point.column + 1;
  const reason = error.reason ?? error.message;
  const tag = /^unknown tag !<(tag:yaml\.org,2002:)?(.*)>$/.exec(reason);
  if (tag) {
    return new FrontMatterError(
      `The YAML tag \`${tag[1] ? '!!' : ''}${tag[2]}\` is not allowed: front matter may hold only plain text, numbers, true/false, lists and maps. Remove the tag.`,
      line,
      column,
    );
  }
  const moved = point.row !== (error.mark?.line ?? 0);
  const opener = moved ? ` The \`${text.split('\n')[point.row]?.[point.column] ?? '['}\` here is not closed before line ${firstLine + (error.mark?.line ?? 0)}.` : '';
  return new FrontMatterError(`The front matter is not valid YAML: ${reason}.${opener}${quoteHint(reason)}`, line, column);
}

/** Loads once with the options we always use. */
function load(text: string, json: boolean, listener?: (event: string, state: { anchor?: string | null }) => void) {
  return yaml.load(text, {
    schema: yaml.CORE_SCHEMA,
    json,
    ...(listener ? { listener: listener as yaml.LoadOptions['listener'] } : {}),
  });
}

/** Reports duplicate keys: js-yaml stops at each one in strict mode, so rename it and go again. */
function reportDuplicates(text: string, firstLine: number, diagnostics: Diagnostics): void {
  const lines = text.split('\n');
  for (let round = 0; round < MAX_DUPLICATES; round++) {
    try {
      load(lines.join('\n'), false);
      return;
    } catch (error) {
      if (!(error instanceof yaml.YAMLException) || !/duplicated mapping key/.test(error.reason)) return;
      const row = error.mark.line;
      const column = error.mark.column;
      const source = lines[row] ?? '';
      const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:]*?)\s*:/.exec(source.slice(column))?.[1] ?? source.trim();
      diagnostics.warnings.push(
        diagnostic(
          firstLine + row,
          column + 1,
          `The key \`${key}\` appears more than once; the last value wins (as on GitHub). Remove the duplicate.`,
        ),
      );
      lines[row] = `${source.slice(0, column)}__embark_duplicate_${round}_${source.slice(column)}`;
    }
  }
}

/**
 * Parses front matter YAML. `firstLine` is the file line the YAML text starts on, so messages
 * point at the file as the user sees it. Throws FrontMatterError for YAML we refuse.
 */
export function loadFrontMatterYaml(text: string, firstLine: number, diagnostics: Diagnostics): unknown {
  const anchors: string[] = [];
  let value: unknown;
  try {
    value = load(text, true, (event, state) => {
      if (event === 'close' && state.anchor) anchors.push(state.anchor);
    });
  } catch (error) {
    throw translate(error, firstLine, text);
  }
  if (anchors.length > 0) {
    const name = anchors[0]!;
    const row = text.split('\n').findIndex((l) => l.includes(`&${name}`));
    throw new FrontMatterError(
      `YAML anchors and aliases (\`&${name}\`, \`*${name}\`) are not allowed in front matter; write the values out in full.`,
      firstLine + Math.max(row, 0),
      1,
    );
  }
  reportDuplicates(text, firstLine, diagnostics);
  return value;
}

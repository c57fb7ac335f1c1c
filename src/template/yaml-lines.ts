/**
 * Finding the line of a key in front matter YAML, for diagnostics. js-yaml returns plain data
 * without positions, so we follow the key path through the text's indentation instead. Best
 * effort: when a step cannot be found, the line of the last step found is returned.
 */

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const indentOf = (line: string): number => line.length - line.trimStart().length;

const isContent = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/**
 * 0-based row of `path` (`['onboarding', 'due', 1]`) in `lines`, or null when even the first
 * step is missing.
 */
export function findKeyRow(lines: string[], path: ReadonlyArray<string | number>): number | null {
  let row: number | null = null;
  let parentIndent = -1;
  let from = 0;
  for (const step of path) {
    const found = typeof step === 'number' ? findItem(lines, from, parentIndent, step) : findKey(lines, from, parentIndent, step);
    if (found === null) return row;
    row = found.row;
    parentIndent = found.indent;
    from = found.row + 1;
  }
  return row;
}

/** The end of a block: the first content line not indented more than its parent. */
function inBlock(line: string, parentIndent: number): boolean {
  return !isContent(line) || indentOf(line) > parentIndent;
}

function findKey(lines: string[], from: number, parentIndent: number, key: string) {
  const pattern = new RegExp(`^(\\s*(?:-\\s+)?)(["']?)${escapeRegExp(key)}\\2\\s*:(\\s|$)`);
  for (let row = from; row < lines.length; row++) {
    const line = lines[row] ?? '';
    if (row > from && !inBlock(line, parentIndent)) return null;
    const match = pattern.exec(line);
    if (match && (match[1]?.length ?? 0) > parentIndent) return { row, indent: match[1]?.length ?? 0 };
  }
  return null;
}

function findItem(lines: string[], from: number, parentIndent: number, index: number) {
  let itemIndent: number | null = null;
  let count = 0;
  for (let row = from; row < lines.length; row++) {
    const line = lines[row] ?? '';
    if (!inBlock(line, parentIndent)) return null;
    const match = /^(\s*)-(\s|$)/.exec(line);
    if (!match) continue;
    const indent = match[1]?.length ?? 0;
    itemIndent ??= indent;
    if (indent !== itemIndent) continue;
    if (count === index) return { row, indent };
    count++;
  }
  return null;
}

/**
 * 1-based line and column of the key (or list item) `path` ends at; line 1, column 1 when even
 * its first step is missing.
 */
export function findKeyPoint(lines: string[], path: ReadonlyArray<string | number>): { line: number; column: number } {
  const row = findKeyRow(lines, path);
  const text = row === null ? '' : (lines[row] ?? '');
  // Past a list item's `- `, so the column is the value's (`- CMS`) or the key's (`- after: 0`).
  const lead = /^\s*(?:-\s+)?/.exec(text)?.[0].length ?? 0;
  return { line: (row ?? 0) + 1, column: lead + 1 };
}

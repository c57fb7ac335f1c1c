/**
 * `embark validate PATH...`: check templates the way Embark will read them. One line per file,
 * then its problems as `file:line:column: error: message`. Exit 0 when every file is valid, 1 when
 * any is not (or, with `--strict`, has warnings), 2 on a usage mistake.
 *
 * Issue-template folders also hold other templates (bug reports): a markdown file found in a
 * folder that has no stages, no `%customer%` title and no `onboarding:` block is not an
 * onboarding template, and is listed as skipped rather than failed. Files named one by one are
 * always checked.
 */
import { parseTemplate } from '../template/index.js';
import type { ParseResult } from '../template/model.js';
import { parseCommandArgs } from './args.js';
import { collectFiles, readNamedFile } from './files.js';
import type { CliIo } from './io.js';
import { diagnosticLines, summaryOf } from './report.js';
import { EXIT, UsageError } from './usage.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** True when nothing about the file says it is meant as an onboarding template. */
function notAnOnboarding(source: string, result: ParseResult): boolean {
  const t = result.template;
  if (!t || t.stages.length > 0 || t.titlePrefix !== null) return false;
  const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  return !/^onboarding\s*:/m.test(frontMatter);
}

/** Run `validate` with the arguments after the command name. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    recursive: { type: 'boolean', short: 'r' },
    strict: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('validate: name at least one template file or folder');
  const named = new Set(positionals);
  const files = await collectFiles(io, positionals, { recursive: values.recursive === true });
  if (files.length === 0) {
    io.stderr(`embark: no markdown templates found in ${positionals.join(', ')}\n`);
    return EXIT.invalid;
  }
  let failed = 0;
  let skipped = 0;
  for (const file of files) {
    const source = await readNamedFile(io, file);
    const result = parseTemplate(source, { file });
    if (!named.has(file) && notAnOnboarding(source, result)) {
      skipped += 1;
      io.stdout(`skip  ${file}  not an onboarding template (no stages, no %customer% in the title)\n`);
      continue;
    }
    const bad = !result.ok || (values.strict === true && result.warnings.length > 0);
    if (bad) failed += 1;
    const summary = result.template ? summaryOf(result.template) : 'not readable as a template';
    const counts = [
      result.errors.length > 0 ? plural(result.errors.length, 'error') : '',
      result.warnings.length > 0 ? plural(result.warnings.length, 'warning') : '',
    ].filter((c) => c !== '');
    const status = bad ? 'FAIL' : 'ok  ';
    const lines = [`${status}  ${file}  ${summary}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`, ...diagnosticLines(file, result)];
    io.stdout(`${lines.join('\n')}\n`);
  }
  const checked = files.length - skipped;
  if (files.length > 1) {
    const verdict = failed === 0 ? 'all valid' : `${failed} invalid`;
    io.stdout(`${plural(checked, 'template')}, ${verdict}${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
  if (checked === 0) {
    io.stderr(`embark: no onboarding templates found in ${positionals.join(', ')}\n`);
    return EXIT.invalid;
  }
  return failed === 0 ? EXIT.ok : EXIT.invalid;
}

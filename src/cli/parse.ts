/**
 * `embark parse [--json] FILE...`: what Embark reads from templates. With `--json`, one array
 * with an entry per file (for scripts); without, a readable outline and the file's problems.
 */
import { parseTemplateFile } from '../template/template-file.js';
import { parseCommandArgs } from './args.js';
import { collectFiles, readNamedFile } from './files.js';
import type { CliIo } from './io.js';
import { diagnosticLines, outline, type ParsedFileJson, parsedFileJson } from './report.js';
import { EXIT, UsageError } from './usage.js';

/** Run `parse` with the arguments after the command name. */
export async function parseCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('parse', args, {
    json: { type: 'boolean' },
    recursive: { type: 'boolean', short: 'r' },
  });
  if (positionals.length === 0) throw new UsageError('parse: name at least one template file');
  const files = await collectFiles(io, positionals, { recursive: values.recursive === true });
  const entries: ParsedFileJson[] = [];
  const text: string[] = [];
  for (const file of files) {
    const result = parseTemplateFile(file, await readNamedFile(io, file));
    entries.push(parsedFileJson(file, result));
    if (result.template) text.push(...outline(file, result.template));
    else text.push(`${file}: not readable as a template`);
    text.push(...diagnosticLines(file, result), '');
  }
  io.stdout(values.json === true ? `${JSON.stringify(entries, null, 2)}\n` : text.join('\n'));
  return entries.every((e) => e.ok) ? EXIT.ok : EXIT.invalid;
}

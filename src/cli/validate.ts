/**
 * `embark validate PATH...`: check templates the way Embark will read them. One line per file,
 * then its problems as `file:line:column: error: message`. Exit 0 when every file is valid, 1 when
 * any is not (or, with `--strict`, has warnings), 2 on a usage mistake.
 *
 * Issue-template folders also hold other templates (bug reports): a markdown file found in a
 * folder that has no stages, no `%customer%` title and no `onboarding:` block is not an
 * onboarding template, and is listed as skipped rather than failed. Files named one by one are
 * always checked.
 *
 * `--config FILE` also checks `.github/onboarding.yml` (with the templates of the same run, if
 * any, to tell role names in escalation steps from names of nobody).
 */
import { isFormFile } from '../template/index.js';
import type { ParseResult } from '../template/model.js';
import { countsAsTemplate, parseTemplateFile } from '../template/template-file.js';
import { parseCommandArgs } from './args.js';
import { readConfigText } from './config-file.js';
import { escalationWarnings } from './escalation-check.js';
import { collectFiles, readNamedFile } from './files.js';
import type { CliIo } from './io.js';
import { diagnosticLines, summaryOf } from './report.js';
import { RefusedFile } from './safe-read.js';
import { EXIT, UsageError } from './usage.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** True when nothing about the file says it is meant as an onboarding template. */
function notAnOnboarding(source: string, result: ParseResult): boolean {
  const t = result.template;
  if (!t || t.stages.length > 0 || t.titlePrefix !== null) return false;
  const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  return !/^onboarding\s*:/m.test(frontMatter);
}

/**
 * A file found in a folder that cannot be read as text: a binary file is not a template (skip
 * it), an oversized one may be meant as one (fail it). Files named one by one are refused by
 * `readNamedFile` as usage mistakes instead.
 */
async function readFoundFile(io: CliIo, file: string): Promise<string | RefusedFile> {
  try {
    return await io.readFile(file);
  } catch (error) {
    if (error instanceof RefusedFile) return error;
    return readNamedFile(io, file);
  }
}

/** Run `validate` with the arguments after the command name. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    recursive: { type: 'boolean', short: 'r' },
    strict: { type: 'boolean' },
    config: { type: 'string' },
  });
  const configFile = typeof values.config === 'string' ? values.config : null;
  if (positionals.length === 0 && configFile === null) {
    throw new UsageError('validate: name at least one template file or folder, or a config file with --config');
  }
  const strict = values.strict === true;
  // Forms take their Embark settings from the config's `forms:`: read them from it when given.
  const read = configFile === null ? null : readConfigText(configFile, await readNamedFile(io, configFile));
  const forms = read?.ok ? read.config.forms : {};
  const templates = positionals.length > 0 ? await validateTemplates(io, positionals, { recursive: values.recursive === true, strict, forms }) : null;
  if (configFile === null) return templates!.code;
  const config = await validateConfig(io, configFile, { strict, templateRoles: templates?.roles ?? null });
  return Math.max(templates?.code ?? EXIT.ok, config);
}

async function validateTemplates(
  io: CliIo,
  positionals: string[],
  options: { recursive: boolean; strict: boolean; forms: Record<string, unknown> },
): Promise<{ code: number; roles: string[] }> {
  const named = new Set(positionals);
  const roles = new Set<string>();
  const files = await collectFiles(io, positionals, { recursive: options.recursive });
  if (files.length === 0) {
    io.stderr(`embark: no markdown templates found in ${positionals.join(', ')} (nor issue forms)\n`);
    return { code: EXIT.invalid, roles: [] };
  }
  let failed = 0;
  let skipped = 0;
  for (const file of files) {
    const source = named.has(file) ? await readNamedFile(io, file) : await readFoundFile(io, file);
    if (source instanceof RefusedFile) {
      if (source.reason === 'binary') {
        skipped += 1;
        io.stdout(`skip  ${file}  binary file, not a template\n`);
      } else {
        failed += 1;
        io.stdout(`FAIL  ${file}  not readable as a template (1 error)\n${file}:1:1: error: ${source.message}\n`);
      }
      continue;
    }
    const result = parseTemplateFile(file, source, options.forms);
    if (!named.has(file) && isFormFile(file) && !countsAsTemplate(file, result, { forms: options.forms, templates: [] })) {
      skipped += 1;
      io.stdout(`skip  ${file}  an issue form without stages, not an onboarding\n`);
      continue;
    }
    if (!named.has(file) && !isFormFile(file) && notAnOnboarding(source, result)) {
      skipped += 1;
      io.stdout(`skip  ${file}  not an onboarding template (no stages, no %customer% in the title)\n`);
      continue;
    }
    for (const role of result.template?.roles ?? []) roles.add(role);
    const bad = !result.ok || (options.strict && result.warnings.length > 0);
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
    return { code: EXIT.invalid, roles: [...roles] };
  }
  return { code: failed === 0 ? EXIT.ok : EXIT.invalid, roles: [...roles] };
}

/** Checks `.github/onboarding.yml`: one status line, then its problems. */
async function validateConfig(io: CliIo, file: string, options: { strict: boolean; templateRoles: string[] | null }): Promise<number> {
  const text = await readNamedFile(io, file);
  const read = readConfigText(file, text);
  if (!read.ok) {
    io.stdout(`FAIL  ${file}  repository config (${plural(read.errors.length, 'error')})\n${read.errors.join('\n')}\n`);
    return EXIT.invalid;
  }
  const warnings = escalationWarnings({ file, lines: text.split('\n'), config: read.config, templateRoles: options.templateRoles });
  const bad = options.strict && warnings.length > 0;
  const counts = warnings.length > 0 ? ` (${plural(warnings.length, 'warning')})` : '';
  io.stdout(`${[`${bad ? 'FAIL' : 'ok  '}  ${file}  repository config${counts}`, ...warnings, ...read.notes].join('\n')}\n`);
  return bad ? EXIT.invalid : EXIT.ok;
}

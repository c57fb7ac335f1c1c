/**
 * Entry points: a template file, or an issue body opened from one, to the Template model.
 * Pure, never throws, bounded in time (inputs over `maxBytes` and pathological markdown are
 * refused with an error).
 */
import { checkAuthoring } from './authoring.js';
import { type BodyTrace, parseBody } from './body.js';
import { type Diagnostics, diagnostic, newDiagnostics } from './diagnostics.js';
import { readFormAnswers } from './form-answers.js';
import { splitTemplate } from './front-matter.js';
import { readHeader } from './header.js';
import type { ParseResult, Template } from './model.js';

/** Default input cap: 256 KiB. */
export const DEFAULT_MAX_BYTES = 256 * 1024;
/** GitHub rejects issue bodies longer than this (422 "body is too long"). */
export const GITHUB_BODY_LIMIT = 65_536;

/** Options for parsing. */
export interface ParseOptions {
  /** File name, for callers' messages; not read from disk. */
  file?: string;
  /** Refuse inputs larger than this many UTF-8 bytes (default 256 KiB). */
  maxBytes?: number;
}

function finish(template: Template | null, diagnostics: Diagnostics): ParseResult {
  const byPosition = (a: { line: number; column: number }, b: { line: number; column: number }) =>
    a.line - b.line || a.column - b.column;
  const errors = [...diagnostics.errors].sort(byPosition);
  const warnings = [...diagnostics.warnings].sort(byPosition);
  return { ok: errors.length === 0, template, errors, warnings };
}

function tooLarge(input: string, maxBytes: number, what: string): ParseResult | null {
  // Cheap bound first: a UTF-16 string never takes fewer UTF-8 bytes than it has code units / 1.
  if (input.length <= maxBytes / 3) return null;
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes <= maxBytes) return null;
  return {
    ok: false,
    template: null,
    errors: [diagnostic(1, 1, `The ${what} is ${bytes} bytes; the limit is ${maxBytes}. Split it into smaller templates.`)],
    warnings: [],
  };
}

function guarded(run: () => ParseResult): ParseResult {
  try {
    return run();
  } catch (error) {
    // Nothing above should throw; if something does, report it rather than crash a webhook.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, template: null, errors: [diagnostic(1, 1, `Internal error while parsing: ${reason}. Please report this template.`)], warnings: [] };
  }
}

/**
 * Parses an onboarding template: YAML front matter (`name`, `about`, `title`, `labels`,
 * `assignees`, `type`, `version`, `onboarding:`) and the markdown checklist below it.
 * Line numbers count from the top of the file; offsets count within `template.body`.
 */
export function parseTemplate(source: string, options: ParseOptions = {}): ParseResult {
  return guarded(() => {
    const refused = tooLarge(source, options.maxBytes ?? DEFAULT_MAX_BYTES, 'template');
    if (refused) return refused;
    const diagnostics = newDiagnostics();
    const split = splitTemplate(source, diagnostics);
    const header = readHeader(split, diagnostics);
    const trace: BodyTrace = { stageSettingKeys: [], rolesBeforeOwners: new Set(), afterNames: [] };
    const body = parseBody(split.body, { settings: header.settings, lineOffset: split.bodyLineOffset, requireStages: !split.unclosed, trace }, diagnostics);
    if (split.body.length > GITHUB_BODY_LIMIT) {
      diagnostics.warnings.push(
        diagnostic(split.bodyLineOffset + 1, 1, `The body is ${split.body.length} characters; GitHub rejects issue bodies over ${GITHUB_BODY_LIMIT}. Shorten it or split the template.`),
      );
    }
    const template: Template = { ...header, ...body, body: split.body };
    checkAuthoring({ template, trace, yamlLines: split.yamlLines }, diagnostics);
    return finish(template, diagnostics);
  });
}

/**
 * Parses the body of an issue opened from `template` (no front matter): people edit the text,
 * and the body wins; front matter fields and settings come from the template.
 */
export function parseIssueBody(body: string, template: Template, options: Pick<ParseOptions, 'maxBytes'> = {}): ParseResult {
  return guarded(() => {
    const refused = tooLarge(body, options.maxBytes ?? DEFAULT_MAX_BYTES, 'issue body');
    if (refused) return refused;
    const diagnostics = newDiagnostics();
    const form = template.form;
    const parsed = parseBody(body, { settings: template.settings, knownRoles: template.roles, lineOffset: 0, form: form !== undefined }, diagnostics);
    if (form) {
      // An issue opened from a form: its answers are its intake fields (and fields written inside them).
      const answers = readFormAnswers(body, form.fields);
      const names = new Set(answers.map((a) => a.name.toLowerCase()));
      parsed.fields = [...answers, ...parsed.fields.filter((f) => !names.has(f.name.toLowerCase()))];
    }
    return finish({ ...template, ...parsed, body }, diagnostics);
  });
}

/**
 * Issue forms (`.github/ISSUE_TEMPLATE/*.yml`) as onboarding templates. GitHub writes an issue
 * opened from a form as `### <label>` and the answer per field, and a `checkboxes` field as
 * `- [ ] <option>` lines; a checkboxes field labelled as a stage (`Stage 1: Access`) with options
 * written as items (`CSM >> ...`) is therefore a stage with its checklist, read like any template.
 *
 * The form is checked against GitHub's rules first (`form-rules.ts`); then the issue body GitHub
 * would write for it, unanswered, is built and parsed, with every position mapped back to the
 * form's own lines. What a form cannot hold (roles, due days, ...) comes from
 * `.github/onboarding.yml`, `forms.<file name>`, passed in as `settings`.
 */
import { checkAuthoring } from './authoring.js';
import { type BodyTrace, parseBody } from './body.js';
import { type Diagnostics, diagnostic, newDiagnostics } from './diagnostics.js';
import { NO_RESPONSE } from './form-answers.js';
import { checkFormRules } from './form-rules.js';
import type { Diagnostic, FormField, IntakeField, ParseResult, Template } from './model.js';
import { FrontMatterError, loadFrontMatterYaml } from './safe-yaml.js';
import { defaultTemplateSettings, type TemplateSettings, templateSettingsSchema } from './settings.js';
import { describeSettingsIssue } from './settings-errors.js';
import { titlePrefixOf } from './title.js';
import { findKeyRow } from './yaml-lines.js';

/** Options for parsing a form. */
export interface FormOptions {
  /** The form's file name (`onboarding.yml`), for messages. */
  file?: string;
  maxBytes?: number;
  /** The form's entry under `forms:` in `.github/onboarding.yml` (unvalidated), if any. */
  settings?: unknown;
}

/** `v2023.04` style version in the description. */
const VERSION_IN_TEXT = /(?<![\w.])v\d+(?:\.\d+)+(?![\w.])/i;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : []).filter(Boolean);

/** The issue body GitHub writes for the form left unanswered, its fields, and each body line's form line. */
function renderForm(body: unknown[], yamlLines: string[]): { markdown: string; fields: FormField[]; lineOf: number[]; requiredItems: Diagnostic[] } {
  const out: string[] = [];
  const lineOf: number[] = [];
  const fields: FormField[] = [];
  const requiredItems: Diagnostic[] = [];
  const row = (path: ReadonlyArray<string | number>) => (findKeyRow(yamlLines, path) ?? 0) + 1;
  const push = (textLine: string, line: number) => {
    out.push(textLine);
    lineOf.push(line);
  };
  body.forEach((element, i) => {
    if (!isMap(element) || !isMap(element.attributes) || element.type === 'markdown') return;
    const type = element.type as FormField['type'];
    const attributes = element.attributes;
    const label = text(attributes.label);
    if (!label || !['input', 'textarea', 'dropdown', 'checkboxes'].includes(type)) return;
    const at = row(['body', i, 'attributes', 'label']);
    const options = Array.isArray(attributes.options) ? attributes.options.map((o) => (isMap(o) ? text(o.label) : text(o))) : [];
    fields.push({ type, id: typeof element.id === 'string' ? element.id : null, label, options, line: row(['body', i]) });
    if (out.length > 0) push('', at);
    push(`### ${label}`, at);
    push('', at);
    if (type === 'checkboxes') {
      options.forEach((option, j) => {
        const line = row(['body', i, 'attributes', 'options', j]);
        push(`- [ ] ${option}`, line);
        const raw = (attributes.options as unknown[])[j];
        if (isMap(raw) && raw.required === true) requiredItems.push(diagnostic(line, 1, `“${option}” is \`required: true\`: GitHub will not open the issue until it is ticked. Remove \`required\` from checklist items.`));
      });
      return;
    }
    const prefilled = type === 'dropdown' ? (typeof attributes.default === 'number' ? (options[attributes.default] ?? '') : '') : text(attributes.value);
    const answer = prefilled === '' ? NO_RESPONSE : prefilled;
    for (const line of answer.split('\n')) push(line, at);
  });
  return { markdown: out.length > 0 ? `${out.join('\n')}\n` : '', fields, lineOf, requiredItems };
}

function readSettings(value: unknown, file: string, diagnostics: Diagnostics): TemplateSettings {
  if (value === undefined || value === null) return defaultTemplateSettings;
  const parsed = templateSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = ['forms', file, ...issue.path.map(String)].join('.');
    diagnostics.errors.push(diagnostic(1, 1, `\`.github/onboarding.yml\` \`${path}\`: ${describeSettingsIssue(issue, value)}.`));
  }
  return defaultTemplateSettings;
}

/** Parses an issue form; see the module comment. Never throws. */
export function parseForm(source: string, options: FormOptions = {}): ParseResult {
  const diagnostics = newDiagnostics();
  const file = options.file?.split('/').pop() ?? 'form.yml';
  const max = options.maxBytes ?? 256 * 1024;
  if (Buffer.byteLength(source, 'utf8') > max) return finish(null, { errors: [diagnostic(1, 1, `The form is ${Buffer.byteLength(source, 'utf8')} bytes; the limit is ${max}.`)], warnings: [] });
  const yamlText = source.replace(/^\uFEFF/, '');
  const yamlLines = yamlText.split('\n');
  let data: unknown;
  try {
    data = loadFrontMatterYaml(yamlText, 1, diagnostics);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    diagnostics.errors.push(diagnostic(error.line, error.column, error.message.replace(/front matter/g, 'form')));
    return finish(null, diagnostics);
  }
  checkFormRules(data, yamlLines, diagnostics);
  if (!isMap(data) || !Array.isArray(data.body)) return finish(null, diagnostics);
  const settings = readSettings(options.settings, file, diagnostics);
  const rendered = renderForm(data.body, yamlLines);
  diagnostics.warnings.push(...rendered.requiredItems);
  // The body's problems, at the form lines they come from.
  const inBody = newDiagnostics();
  const trace: BodyTrace = { stageSettingKeys: [], rolesBeforeOwners: new Set() };
  const parsed = parseBody(rendered.markdown, { settings, lineOffset: 0, requireStages: false, form: true, trace }, inBody);
  const map = (line: number) => rendered.lineOf[line - 1] ?? 1;
  for (const d of inBody.errors) diagnostics.errors.push({ ...d, line: map(d.line), column: 1 });
  for (const d of inBody.warnings) diagnostics.warnings.push({ ...d, line: map(d.line), column: 1 });
  for (const stage of parsed.stages) {
    stage.line = map(stage.line);
    for (const item of stage.items) item.line = map(item.line);
  }
  if (parsed.stages.length === 0 && diagnostics.errors.length === 0) {
    diagnostics.errors.push(diagnostic(findKeyRow(yamlLines, ['body']) ?? 1, 1, 'The form has no stage: add a `checkboxes` field labelled as a stage (`label: "Stage 1: Access"`), with the stage\'s items as its options (`- label: CSM >> Enable portal access`).'));
  }
  const fields: IntakeField[] = rendered.fields
    .filter((f) => f.type !== 'checkboxes')
    .map((f) => ({ name: f.label, value: '', placeholder: true, line: f.line, itemId: null, ...(f.id ? { id: f.id } : {}) }));
  const description = text(data.description);
  const title = text(data.title);
  const template: Template = {
    name: text(data.name),
    about: description,
    version: VERSION_IN_TEXT.exec(description)?.[0] ?? null,
    title,
    // A form's title is a literal default: all of it (or what comes before a placeholder) marks an onboarding issue.
    titlePrefix: titlePrefixOf(title) ?? (title.replace(/\s+/g, ' ').trim() || null),
    labels: list(data.labels),
    assignees: list(data.assignees).map((a) => a.replace(/^@/, '')),
    type: text(data.type) || null,
    settings,
    roles: parsed.roles,
    fields,
    stages: parsed.stages,
    footnotes: parsed.footnotes,
    form: { fields: rendered.fields },
    body: rendered.markdown,
  };
  checkAuthoring({ template, trace, yamlLines: [] }, diagnostics);
  return finish(template, diagnostics);
}

function finish(template: Template | null, diagnostics: Diagnostics): ParseResult {
  const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column;
  const errors = [...diagnostics.errors].sort(byPosition);
  return { ok: errors.length === 0, template, errors, warnings: [...diagnostics.warnings].sort(byPosition) };
}

/** True for a file name that is an issue form Embark may read (not GitHub's chooser `config.yml`). */
export function isFormFile(name: string): boolean {
  const base = name.split('/').pop()!.toLowerCase();
  return /\.ya?ml$/.test(base) && base !== 'config.yml' && base !== 'config.yaml';
}

/**
 * GitHub's rules for issue forms (`.github/ISSUE_TEMPLATE/*.yml`), as its form schema and its list
 * of validation errors state them: what GitHub refuses to show in the template chooser. Checked
 * by `embark validate` and before Embark reads a form, each problem at its YAML line.
 */
import { type Diagnostics, diagnostic } from './diagnostics.js';
import { findKeyPoint } from './yaml-lines.js';

/** Top-level keys GitHub permits in an issue form; any other key makes it refuse the form. */
export const FORM_TOP_LEVEL_KEYS = ['name', 'description', 'body', 'assignees', 'labels', 'title', 'projects', 'type'] as const;

/** Element types and the attributes each takes. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  markdown: ['value'],
  textarea: ['label', 'description', 'placeholder', 'value', 'render'],
  input: ['label', 'description', 'placeholder', 'value'],
  dropdown: ['label', 'description', 'multiple', 'options', 'default'],
  checkboxes: ['label', 'description', 'options'],
};

/** Words GitHub refuses in the label of an input or textarea (credentials do not belong in issues). */
const FORBIDDEN_LABEL_WORDS = /\bpass(?:word|wd)\b/i;

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Rails' `parameterize`, which GitHub turns labels into references with: two labels that collide clash. */
export function parameterize(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** Checks `data` (the form's YAML, loaded) against GitHub's rules; problems go to `diagnostics`. */
export function checkFormRules(data: unknown, yamlLines: string[], diagnostics: Diagnostics): void {
  const at = (path: ReadonlyArray<string | number>, message: string) => {
    const { line, column } = findKeyPoint(yamlLines, path);
    diagnostics.errors.push(diagnostic(line, column, message));
  };
  if (!isMap(data)) {
    at([], 'An issue form must be `key: value` lines: `name`, `description` and `body` (GitHub requires them).');
    return;
  }
  for (const key of Object.keys(data)) {
    if (!(FORM_TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      at([key], `\`${key}\` is not a permitted top-level key of an issue form, so GitHub refuses the form. Remove it; Embark's settings for a form go in \`.github/onboarding.yml\` under \`forms:\`.`);
    }
  }
  for (const key of ['name', 'description'] as const) {
    if (!(key in data)) at([], `Required top-level key \`${key}\` is missing: add \`${key}: ...\` (GitHub requires it).`);
    else if (!isText(data[key])) at([key], `\`${key}\` must be non-empty text (GitHub refuses the form); quote it if YAML reads it as a number or true/false.`);
  }
  if ('title' in data && !isText(data.title)) at(['title'], '`title` must be non-empty text; remove it if there is no default title.');
  for (const key of ['labels', 'assignees', 'projects'] as const) {
    const v = data[key];
    if (v !== undefined && !isText(v) && !(Array.isArray(v) && v.every(isText))) at([key], `\`${key}\` must be a list of text or comma-separated text.`);
  }
  const body = data.body;
  if (!Array.isArray(body) || body.length === 0) {
    at(Array.isArray(body) || 'body' in data ? ['body'] : [], 'The form\'s `body` cannot be empty: add the fields (GitHub refuses a form without them).');
    return;
  }
  checkBody(body, at);
}

function checkBody(body: unknown[], at: (path: ReadonlyArray<string | number>, message: string) => void): void {
  const ids = new Map<string, number>();
  const labels = new Map<string, number>();
  const refs = new Map<string, number>();
  let inputs = 0;
  body.forEach((element, i) => {
    const where = `\`body[${i}]\``;
    if (!isMap(element)) return at(['body', i], `${where} must be a map with \`type\` and \`attributes\`.`);
    for (const key of Object.keys(element)) {
      if (!['type', 'id', 'attributes', 'validations'].includes(key)) at(['body', i, key], `${where}: \`${key}\` is not a permitted key; use only \`type\`, \`id\`, \`attributes\` and \`validations\`.`);
    }
    const type = element.type;
    if (typeof type !== 'string') return at(['body', i], `${where}: the required key \`type\` is missing (\`markdown\`, \`textarea\`, \`input\`, \`dropdown\` or \`checkboxes\`).`);
    const allowed = ATTRIBUTES[type];
    if (!allowed) return at(['body', i, 'type'], `${where}: \`${type}\` is not a valid input type; use \`markdown\`, \`textarea\`, \`input\`, \`dropdown\` or \`checkboxes\`.`);
    if (element.id !== undefined) {
      if (typeof element.id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(element.id)) at(['body', i, 'id'], `${where}: \`id\` can only contain numbers, letters, \`-\` and \`_\`.`);
      else if (ids.has(element.id)) at(['body', i, 'id'], `${where}: the id \`${element.id}\` is already used by \`body[${ids.get(element.id)}]\`; ids must be unique.`);
      else ids.set(element.id, i);
    }
    const attributes = element.attributes;
    if (!isMap(attributes)) return at(['body', i], `${where}: the required key \`attributes\` is missing.`);
    for (const key of Object.keys(attributes)) {
      if (!allowed.includes(key)) at(['body', i, 'attributes', key], `${where}: \`${key}\` is not a permitted attribute of \`${type}\` (permitted: ${allowed.join(', ')}).`);
    }
    if (type === 'markdown') {
      if (!isText(attributes.value)) at(['body', i, 'attributes'], `${where}: the required attribute \`value\` is missing or empty.`);
      if (element.validations !== undefined) at(['body', i, 'validations'], `${where}: a \`markdown\` element takes no \`validations\`.`);
      return;
    }
    inputs++;
    const label = attributes.label;
    if (!isText(label)) return at(['body', i, 'attributes', 'label'], `${where}: the required attribute \`label\` is missing or empty (every field needs one; it is the heading of its answer in the issue).`);
    if ((type === 'input' || type === 'textarea') && FORBIDDEN_LABEL_WORDS.test(label)) at(['body', i, 'attributes', 'label'], `${where}: GitHub refuses labels that ask for a password; ask for something else.`);
    const labelKey = label.trim().toLowerCase();
    const first = labels.get(labelKey);
    const hasId = (index: number) => (body[index] as Record<string, unknown>).id !== undefined;
    if (first === undefined) labels.set(labelKey, i);
    else if (!hasId(i) && !hasId(first)) at(['body', i, 'attributes', 'label'], `${where}: the label “${label}” is already used by \`body[${first}]\`; labels must be unique (or give one of them an \`id\`).`);
    // Without an id, GitHub refers to a field by its parameterized label: two different labels may clash.
    const ref = parameterize(label);
    const clash = refs.get(ref);
    if (!hasId(i)) {
      if (clash === undefined) refs.set(ref, i);
      else if (first === undefined) at(['body', i, 'attributes', 'label'], `${where}: the label “${label}” becomes the same reference (\`${ref}\`) as \`body[${clash}]\`'s; change a letter or give it an \`id\`.`);
    }
    if (type === 'dropdown') checkDropdown(attributes, i, at);
    if (type === 'checkboxes') checkCheckboxes(attributes, i, labels, at);
    const validations = element.validations;
    if (validations !== undefined) {
      if (!isMap(validations) || Object.keys(validations).some((k) => k !== 'required') || (validations.required !== undefined && typeof validations.required !== 'boolean')) {
        at(['body', i, 'validations'], `${where}: \`validations\` takes only \`required: true\` or \`false\`.`);
      }
    }
  });
  if (inputs === 0) at(['body'], 'The form\'s body must contain at least one field that is not `markdown` (GitHub refuses a form without input).');
}

function checkDropdown(attributes: Record<string, unknown>, i: number, at: (path: ReadonlyArray<string | number>, message: string) => void): void {
  const where = `\`body[${i}]\``;
  const options = attributes.options;
  if (!Array.isArray(options) || options.length === 0) return at(['body', i, 'attributes', 'options'], `${where}: a dropdown needs a non-empty list of \`options\`.`);
  const seen = new Set<string>();
  options.forEach((o, j) => {
    if (typeof o === 'boolean') return at(['body', i, 'attributes', 'options', j], `${where}: option ${j + 1} reads as true/false; quote it (\`"Yes"\`).`);
    if (!isText(o) && typeof o !== 'number') return at(['body', i, 'attributes', 'options', j], `${where}: option ${j + 1} must be text.`);
    const text = String(o).trim();
    if (text.toLowerCase() === 'none') at(['body', i, 'attributes', 'options', j], `${where}: \`None\` is reserved (GitHub adds it to a dropdown that is not required); remove it.`);
    if (seen.has(text)) at(['body', i, 'attributes', 'options', j], `${where}: the option “${text}” appears twice; options must be unique.`);
    seen.add(text);
  });
  const def = attributes.default;
  if (def !== undefined && (typeof def !== 'number' || !Number.isInteger(def) || def < 0 || def >= options.length)) {
    at(['body', i, 'attributes', 'default'], `${where}: \`default\` must be the index of an option, 0 to ${options.length - 1}.`);
  }
}

function checkCheckboxes(attributes: Record<string, unknown>, i: number, labels: Map<string, number>, at: (path: ReadonlyArray<string | number>, message: string) => void): void {
  const where = `\`body[${i}]\``;
  const options = attributes.options;
  if (!Array.isArray(options) || options.length === 0) return at(['body', i, 'attributes', 'options'], `${where}: checkboxes need a non-empty list of \`options\`, each \`- label: ...\`.`);
  const seen = new Set<string>();
  options.forEach((o, j) => {
    if (!isMap(o) || !isText(o.label)) return at(['body', i, 'attributes', 'options', j], `${where}: option ${j + 1} needs a \`label\` (write \`- label: CSM >> ...\`).`);
    if (Object.keys(o).some((k) => k !== 'label' && k !== 'required')) at(['body', i, 'attributes', 'options', j], `${where}: an option takes only \`label\` and \`required\`.`);
    const key = o.label.trim().toLowerCase();
    if (seen.has(key) || (labels.has(key) && labels.get(key) !== i)) at(['body', i, 'attributes', 'options', j], `${where}: the checkbox “${o.label}” is not unique; checkbox labels must differ from each other and from the form's other labels.`);
    seen.add(key);
  });
}

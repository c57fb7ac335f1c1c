/**
 * Splitting a template into front matter and body with gray-matter, the YAML loaded safely.
 */
import matter from 'gray-matter';
import { type Diagnostics, diagnostic } from './diagnostics.js';
import { FrontMatterError, loadFrontMatterYaml } from './safe-yaml.js';

/** The two halves of a template file. */
export interface SplitTemplate {
  /** Front matter as a map, `{}` when missing or unreadable. */
  data: Record<string, unknown>;
  /** True when the file starts with a `---` front matter block. */
  hasFrontMatter: boolean;
  /** The front matter's YAML lines; row 0 is the opening `---` line (file line 1). */
  yamlLines: string[];
  /** The markdown after the closing `---`: what an issue opened from the template holds. */
  body: string;
  /** Lines before the body in the file, added to body line numbers. */
  bodyLineOffset: number;
  /** True when front matter is present but could not be read (its problem is already reported). */
  unreadable: boolean;
  /** True when the front matter is never closed, so there is no body. */
  unclosed: boolean;
}

const refuse = (): never => {
  throw new FrontMatterError('Only YAML front matter is supported: start the file with a line holding just `---`.', 1, 4);
};

/** Reads the front matter of `source`; problems go to `diagnostics`, never thrown. */
export function splitTemplate(source: string, diagnostics: Diagnostics): SplitTemplate {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const empty: SplitTemplate = {
    data: {},
    hasFrontMatter: false,
    yamlLines: [],
    body: text,
    bodyLineOffset: 0,
    unreadable: false,
    unclosed: false,
  };
  const firstLine = /^[^\n]*/.exec(text)?.[0] ?? '';
  if (!firstLine.startsWith('---')) return empty;
  if (!/^---[ \t\r]*$/.test(firstLine)) {
    diagnostics.errors.push(diagnostic(1, 4, 'The first line must be just `---` to start YAML front matter.'));
    return { ...empty, hasFrontMatter: true, unreadable: true };
  }
  if (!/\n---/.test(text)) {
    diagnostics.errors.push(
      diagnostic(1, 1, 'The front matter is never closed: add a line holding just `---` after the `name:`/`about:` lines.'),
    );
    return { ...empty, hasFrontMatter: true, body: '', unreadable: true, unclosed: true };
  }
  let yamlText = '';
  try {
    const file = matter(text, {
      language: 'yaml',
      engines: {
        yaml: (raw: string) => {
          yamlText = raw;
          return loadFrontMatterYaml(raw, 1, diagnostics) as object;
        },
        javascript: refuse,
        json: refuse,
        coffee: refuse,
      },
    });
    const body = file.content;
    const bodyStart = source.length - body.length;
    const split: SplitTemplate = {
      data: {},
      hasFrontMatter: true,
      yamlLines: yamlText.split('\n'),
      body,
      bodyLineOffset: source.slice(0, bodyStart).split('\n').length - 1,
      unreadable: false,
      unclosed: false,
    };
    const data: unknown = file.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) split.data = data as Record<string, unknown>;
    else {
      diagnostics.errors.push(diagnostic(2, 1, 'The front matter must be `key: value` lines (name, about, title, ...).'));
      split.unreadable = true;
    }
    return split;
  } catch (error) {
    if (error instanceof FrontMatterError) diagnostics.errors.push(diagnostic(error.line, error.column, error.message));
    else diagnostics.errors.push(diagnostic(1, 1, `The front matter could not be read: ${String(error)}.`));
    const close = text.indexOf('\n---');
    const rest = text.slice(text.indexOf('\n', close + 1) + 1);
    const body = close === -1 || text.indexOf('\n', close + 1) === -1 ? '' : rest;
    return {
      ...empty,
      hasFrontMatter: true,
      body,
      bodyLineOffset: source.slice(0, source.length - body.length).split('\n').length - 1,
      unreadable: true,
    };
  }
}

/**
 * How the CLI shows a parsed template: a one-line summary, diagnostics in the
 * `file:line:column: severity: message` form editors and GitHub problem matchers read, a JSON
 * view for scripts, and a readable outline.
 */
import type { Diagnostic, ParseResult, Template } from '../template/model.js';

/** The JSON view of one file, as `embark parse --json` prints it. */
export interface ParsedFileJson {
  file: string;
  ok: boolean;
  template: TemplateJson | null;
  errors: DiagnosticJson[];
  warnings: DiagnosticJson[];
}

export interface DiagnosticJson {
  line: number;
  column: number;
  message: string;
}

export interface TemplateJson {
  name: string;
  about: string;
  version: string | null;
  title: string;
  labels: string[];
  assignees: string[];
  roles: string[];
  fields: { name: string; value: string; placeholder: boolean }[];
  stages: {
    key: string;
    title: string;
    dueDays: number | null;
    items: { id: string; text: string; role: string | null; checked: boolean; optional: boolean; line: number }[];
  }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every item of the template, nested ones included. */
export function itemCount(template: Template): number {
  return template.stages.reduce((sum, stage) => sum + stage.items.length, 0);
}

/** `5 stages, 32 items, roles CSM, Engineer, 6 fields` */
export function summaryOf(template: Template): string {
  const roles = template.roles.length > 0 ? `roles ${template.roles.join(', ')}` : 'no roles';
  return `${plural(template.stages.length, 'stage')}, ${plural(itemCount(template), 'item')}, ${roles}, ${plural(template.fields.length, 'field')}`;
}

/** `file:line:column: error: message`, one line (a message's line breaks become spaces). */
export function diagnosticLine(file: string, severity: 'error' | 'warning', d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${severity}: ${d.message.replace(/\s*\r?\n\s*/g, ' ')}`;
}

/** All diagnostics of a result, errors first, each in line order. */
export function diagnosticLines(file: string, result: ParseResult): string[] {
  const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column;
  return [
    ...[...result.errors].sort(byPosition).map((d) => diagnosticLine(file, 'error', d)),
    ...[...result.warnings].sort(byPosition).map((d) => diagnosticLine(file, 'warning', d)),
  ];
}

const diagnosticJson = (d: Diagnostic): DiagnosticJson => ({ line: d.line, column: d.column, message: d.message });

/** The JSON view of a template. */
export function templateJson(t: Template): TemplateJson {
  return {
    name: t.name,
    about: t.about,
    version: t.version,
    title: t.title,
    labels: t.labels,
    assignees: t.assignees,
    roles: t.roles,
    fields: t.fields.map((f) => ({ name: f.name, value: f.value, placeholder: f.placeholder })),
    stages: t.stages.map((s) => ({
      key: s.key,
      title: s.title,
      dueDays: s.dueDays,
      items: s.items.map((i) => ({ id: i.id, text: i.text, role: i.role, checked: i.checked, optional: i.optional, line: i.line })),
    })),
  };
}

/** The JSON view of one parsed file. */
export function parsedFileJson(file: string, result: ParseResult): ParsedFileJson {
  return {
    file,
    ok: result.ok,
    template: result.template ? templateJson(result.template) : null,
    errors: result.errors.map(diagnosticJson),
    warnings: result.warnings.map(diagnosticJson),
  };
}

/** A readable outline of a template: header, fields, then stages with their items. */
export function outline(file: string, t: Template): string[] {
  const lines = [`${file}: ${t.name}${t.version ? ` (${t.version})` : ''}`, `  title:  ${t.title}`];
  if (t.labels.length > 0) lines.push(`  labels: ${t.labels.join(', ')}`);
  if (t.roles.length > 0) lines.push(`  roles:  ${t.roles.join(', ')}`);
  if (t.fields.length > 0) {
    lines.push(`  fields:`);
    for (const f of t.fields) lines.push(`    ${f.name}: ${f.placeholder ? '(to fill in)' : f.value}`);
  }
  if (t.settings.target !== undefined) lines.push(`  target: ${plural(t.settings.target, 'business day')}`);
  for (const stage of t.stages) {
    const due = stage.dueDays === null ? '' : `  (${plural(stage.dueDays, 'business day')})`;
    lines.push(`  ${stage.title}${due}`);
    for (const item of stage.items) {
      const box = item.checked ? '[x]' : '[ ]';
      const role = item.role ? `${item.role}: ` : '';
      const optional = item.optional && !/\boptional\b/i.test(item.text) ? ' (optional)' : '';
      lines.push(`    ${'  '.repeat(item.depth)}${box} ${role}${item.text}${optional}`);
    }
  }
  return lines;
}

/** Test helper: the parts of a ParseResult a fixture pins, in a stable JSON shape. */
import { expect } from '@jest/globals';
import type { Diagnostic, ParseResult } from '../../src/template/index.js';

/** A diagnostic as a fixture writes it: line, and optionally column and a message fragment. */
export interface ExpectedDiagnostic {
  line: number;
  column?: number;
  message?: string;
}

/** The summarised model a fixture's expected.json holds. */
export function summarise(result: ParseResult) {
  const t = result.template;
  return {
    ok: result.ok,
    template: t && {
      name: t.name,
      about: t.about,
      version: t.version,
      title: t.title,
      titlePrefix: t.titlePrefix,
      labels: t.labels,
      assignees: t.assignees,
      type: t.type,
      roles: t.roles,
      fields: t.fields.map((f) => ({ name: f.name, value: f.value, placeholder: f.placeholder, line: f.line, itemId: f.itemId })),
      stages: t.stages.map((s) => ({
        key: s.key,
        title: s.title,
        line: s.line,
        dueDays: s.dueDays,
        items: s.items.map((i) => ({
          id: i.id,
          text: i.text,
          role: i.role,
          checked: i.checked,
          optional: i.optional,
          line: i.line,
          depth: i.depth,
          ...(i.links.length > 0 ? { links: i.links } : {}),
        })),
      })),
    },
    errors: result.errors.map(plain),
    warnings: result.warnings.map(plain),
  };
}

const plain = (d: Diagnostic) => ({ line: d.line, column: d.column, message: d.message });

/** Turns expected diagnostics into matchers: message is a fragment, column optional. */
export function diagnosticsMatching(expected: ExpectedDiagnostic[]) {
  return expected.map((d) =>
    expect.objectContaining({
      line: d.line,
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(d.message !== undefined ? { message: expect.stringContaining(d.message) } : {}),
    }),
  );
}

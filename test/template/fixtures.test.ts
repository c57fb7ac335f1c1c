/**
 * Table-driven template fixtures: each folder under fixtures/ holds a template.md and the
 * summarised model expected from it (messages are compared by fragment, so wording can improve).
 * Regenerate after a deliberate change with UPDATE_FIXTURES=1, then review the diff.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from '../../src/template/index.js';
import { diagnosticsMatching, type ExpectedDiagnostic, summarise } from './summarise.js';

const root = join(process.cwd(), 'test/template/fixtures');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Expected extends Omit<ReturnType<typeof summarise>, 'errors' | 'warnings'> {
  errors: ExpectedDiagnostic[];
  warnings: ExpectedDiagnostic[];
}

describe('template fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s', (name) => {
    const source = readFileSync(join(root, name, 'template.md'), 'utf8');
    const actual = summarise(parseTemplate(source, { file: `${name}/template.md` }));
    const expectedPath = join(root, name, 'expected.json');
    if (process.env['UPDATE_FIXTURES'] === '1') {
      const fragment = (d: { line: number; column: number; message: string }) => ({ ...d, message: d.message.slice(0, 40) });
      const written = { ...actual, errors: actual.errors.map(fragment), warnings: actual.warnings.map(fragment) };
      writeFileSync(expectedPath, `${JSON.stringify(written, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    expect(actual).toEqual({
      ...expected,
      errors: diagnosticsMatching(expected.errors),
      warnings: diagnosticsMatching(expected.warnings),
    });
  });
});

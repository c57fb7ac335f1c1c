import { describe, expect, it } from '@jest/globals';
import { fixture, run } from './support.js';

const small = fixture('folder/onboarding.md');
const broken = fixture('broken/broken.md');

describe('embark parse', () => {
  it('prints one JSON array with what Embark reads from each file', async () => {
    const { code, stdout } = await run('parse', '--json', small);
    expect(code).toBe(0);
    const [entry, ...more] = JSON.parse(stdout);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      file: small,
      ok: true,
      errors: [],
      warnings: [],
      template: {
        name: 'Small Onboarding',
        about: 'v2026.01 · A two-stage onboarding used by the CLI tests.',
        version: 'v2026.01',
        title: '[Small Onboarding] %customer%',
        labels: ['onboarding'],
        assignees: [],
        fields: [
          { name: 'Tenant ID', value: 'xxx', placeholder: true },
          { name: 'Main contact', value: 'xxx', placeholder: true },
        ],
      },
    });
    const stages = entry.template.stages;
    expect(stages.map((s: { title: string }) => s.title)).toEqual(['Stage 1: Agreement', 'Stage 2: Setup']);
    expect(stages[1].items).toEqual([
      expect.objectContaining({ text: 'Get admin access[^vault]', role: 'Engineer', checked: false, line: 27 }),
      expect.objectContaining({ text: 'Store the credentials', role: 'Engineer', checked: false, line: 28 }),
      expect.objectContaining({ text: 'Book the welcome call', role: 'CSM', checked: false, line: 29 }),
    ]);
    for (const item of stages.flatMap((s: { items: unknown[] }) => s.items)) expect(item).toHaveProperty('id', expect.any(String));
  });

  it('reports a broken template with its errors, and exits 1', async () => {
    const { code, stdout } = await run('parse', '--json', small, broken);
    expect(code).toBe(1);
    const entries = JSON.parse(stdout);
    expect(entries.map((e: { file: string; ok: boolean }) => [e.file, e.ok])).toEqual([
      [small, true],
      [broken, false],
    ]);
    expect(entries[1].errors.length).toBeGreaterThan(0);
    expect(entries[1].errors[0]).toEqual({ line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
  });

  it('prints a readable outline without --json', async () => {
    const { code, stdout } = await run('parse', small);
    expect(code).toBe(0);
    expect(stdout).toContain(`${small}: Small Onboarding (v2026.01)`);
    expect(stdout).toContain('  Stage 2: Setup  (3 business days)');
    expect(stdout).toContain('    [ ] Engineer: Get admin access[^vault]');
    expect(stdout).toContain('      [ ] Engineer: Store the credentials');
    expect(stdout).toContain('    Tenant ID: (to fill in)');
  });

  it('exits 2 without a file, or with a missing one', async () => {
    expect((await run('parse', '--json')).code).toBe(2);
    const missing = await run('parse', 'nope.md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: nope.md');
  });
});

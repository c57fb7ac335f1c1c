import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { run } from './support.js';

const bundled = readdirSync('templates').filter((f) => f.endsWith('.md')).sort();

describe('the bundled templates', () => {
  it('are at least five, each valid with no warnings', async () => {
    expect(bundled.length).toBeGreaterThanOrEqual(5);
    const { code, stdout, stderr } = await run('validate', 'templates');
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/: (error|warning): /);
    expect(code).toBe(0);
    expect(stdout).toContain(`${bundled.length} templates, all valid`);
  });

  it.each(bundled)('%s is also offered in .github/ISSUE_TEMPLATE, unchanged', (file) => {
    expect(readFileSync(`.github/ISSUE_TEMPLATE/${file}`, 'utf8')).toBe(readFileSync(`templates/${file}`, 'utf8'));
  });
});

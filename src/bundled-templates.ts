/**
 * Embark's bundled templates (`templates/*.md`), parsed once at startup. Found by walking up from
 * this file to the package root, so it works from `src/` (tests) and `dist/src/` (built).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSource } from './github/load-repo-setup.js';
import { parseTemplate } from './template/index.js';

/** The package's `templates/` folder. */
export function bundledTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'templates');
}

export function loadBundledTemplates(dir = bundledTemplateDir()): TemplateSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const source = readFileSync(join(dir, f), 'utf8');
      return { file: `bundled:${f}`, source, result: parseTemplate(source, { file: `templates/${f}` }) };
    });
}

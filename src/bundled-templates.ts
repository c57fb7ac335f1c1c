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

/**
 * Read and parse the bundled templates. `lazy` parses each one the first time its result is read:
 * the GitHub Action runs a fresh process per event, and most events (a tick, a command on an
 * onboarding) never look at a template they do not use.
 */
export function loadBundledTemplates(dir = bundledTemplateDir(), options: { lazy?: boolean } = {}): TemplateSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f): TemplateSource => {
      const source = readFileSync(join(dir, f), 'utf8');
      const parse = () => parseTemplate(source, { file: `templates/${f}` });
      if (!options.lazy) return { file: `bundled:${f}`, source, result: parse() };
      let result: TemplateSource['result'] | null = null;
      return {
        file: `bundled:${f}`,
        source,
        get result() {
          result ??= parse();
          return result;
        },
      };
    });
}

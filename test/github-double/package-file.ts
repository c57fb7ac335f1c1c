/** Finds a file inside an installed package, even one whose `exports` hide it from `require.resolve`. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Absolute path of `file` inside package `name`, searched along Node's module paths. */
export function packageFile(name: string, file: string): string {
  const dirs = createRequire(import.meta.url).resolve.paths(name) ?? [];
  const found = dirs.map((dir) => join(dir, name, file)).find((path) => existsSync(path));
  if (!found) throw new Error(`GitHub double: cannot find ${name}/${file}; is ${name} installed (npm ci)?`);
  return found;
}

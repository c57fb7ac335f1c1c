/**
 * Which files a command works on: named files as given, and the `*.md` files and issue forms
 * (`*.yml`) of named folders (sub-folders too with `recursive`). Anything else in a folder, such
 * as GitHub's `config.yml`, a pipe or a link, is not a template and is skipped.
 */
import { join } from 'node:path';
import { isFormFile } from '../template/index.js';
import type { CliIo } from './io.js';
import { RefusedFile } from './safe-read.js';
import { UsageError } from './usage.js';

const MARKDOWN = /\.(md|markdown)$/i;
/**
 * Folders a recursive walk never enters: installed packages, git's own files and build output
 * hold markdown (READMEs, changelogs) that is never an issue template. Named on the command
 * line, they are still read.
 */
const NOT_TEMPLATES = new Set(['node_modules', '.git', 'dist']);

/** The files to read, in the order given, folders' files sorted by name; each once. */
export async function collectFiles(io: CliIo, paths: string[], options: { recursive: boolean }): Promise<string[]> {
  const files: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const path of paths) {
    const kind = await io.stat(path);
    if (kind === 'missing') throw new UsageError(`no such file or folder: ${path}`);
    if (kind === 'directory') {
      for (const file of await markdownIn(io, path, options.recursive)) add(file);
    } else {
      add(path);
    }
  }
  return files;
}

async function markdownIn(io: CliIo, dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await io.readdir(dir)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.kind === 'file' && (MARKDOWN.test(entry.name) || isFormFile(entry.name))) out.push(path);
    else if (entry.kind === 'directory' && recursive && !NOT_TEMPLATES.has(entry.name)) out.push(...(await markdownIn(io, path, true)));
  }
  return out;
}

/** Reads a file the user named; a file that cannot be read is a usage mistake. */
export async function readNamedFile(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    if (error instanceof RefusedFile) throw new UsageError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${path}`);
    if (code === 'EISDIR') throw new UsageError(`${path} is a folder; name a file`);
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

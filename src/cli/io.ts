/**
 * Everything the CLI needs from the outside world, passed in so commands run in-process in tests.
 */
import { readdir, stat } from 'node:fs/promises';
import { readTextFile } from './safe-read.js';

/** What kind of thing a path names. */
export type PathKind = 'file' | 'directory' | 'missing' | 'other';

/** An entry of a folder. */
export interface DirEntry {
  name: string;
  kind: PathKind;
}

/** The CLI's window on files and output. */
export interface CliIo {
  /**
   * The file's text (UTF-8). Rejects when it cannot be read, and with a `RefusedFile` for what is
   * not a text file (a FIFO, device, folder, a binary or oversized file) before reading it.
   */
  readFile(path: string): Promise<string>;
  /** The folder's entries, in any order. Rejects when it cannot be read. */
  readdir(path: string): Promise<DirEntry[]>;
  /** What the path names; `missing` when nothing is there. */
  stat(path: string): Promise<PathKind>;
  /** Writes text as is (callers add line breaks). */
  stdout(text: string): void;
  stderr(text: string): void;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): PathKind {
  if (entry.isFile()) return 'file';
  return entry.isDirectory() ? 'directory' : 'other';
}

/** The real file system and the process's output streams. */
export function nodeIo(): CliIo {
  return {
    readFile: (path) => readTextFile(path),
    readdir: async (path) => (await readdir(path, { withFileTypes: true })).map((entry) => ({ name: entry.name, kind: kindOf(entry) })),
    stat: async (path) => {
      try {
        return kindOf(await stat(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
        throw error;
      }
    },
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
  };
}

/**
 * Runs the CLI in-process against the real file system, capturing what it prints.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fixture's path as a person would type it from the repository root (where Jest runs). */
export function fixture(name: string): string {
  return relative(process.cwd(), fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** The real IO with stdout and stderr captured; `printed()` says what was written so far. */
export function capturingIo() {
  const printed = { stdout: '', stderr: '' };
  const io = {
    ...nodeIo(),
    stdout: (text: string) => {
      printed.stdout += text;
    },
    stderr: (text: string) => {
      printed.stderr += text;
    },
  };
  return { io, printed };
}

/** Run `embark ...argv` and collect its exit code and output. */
export async function run(...argv: string[]): Promise<CliRun> {
  const { io, printed } = capturingIo();
  const code = await runCli(argv, io, { version: '9.9.9-test', env: process.env });
  return { code, ...printed };
}

/** `file:line:column: error: message` */
export const ERROR_LINE = /^(.+):(\d+):(\d+): error: .+$/m;

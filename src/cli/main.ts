/**
 * The `embark` command line: picks the command and turns usage mistakes into exit code 2.
 * Commands take their arguments and an {@link CliIo}, and return an exit code; nothing here
 * touches the process, so tests run them in-process.
 */
import { enrollCommand } from './enroll.js';
import type { CliIo } from './io.js';
import { parseCommand } from './parse.js';
import { previewCommand } from './preview.js';
import { reportCommand } from './report-command.js';
import { upgradeCommand } from './upgrade.js';
import { EXIT, reportUsage, USAGE, UsageError } from './usage.js';
import { validateCommand } from './validate.js';

/** What the entry hands every command besides its arguments. */
export interface CliOptions {
  version: string;
  /** The environment, read by the entry (`src/cli.ts`) and passed down. */
  env: NodeJS.ProcessEnv;
}

const COMMANDS: Record<string, (args: string[], io: CliIo, options: CliOptions) => Promise<number>> = {
  validate: validateCommand,
  parse: parseCommand,
  preview: previewCommand,
  enroll: enrollCommand,
  report: (args, io, { env }) => reportCommand(args, io, { env, now: () => new Date() }),
  upgrade: (args, io, { env }) => upgradeCommand(args, io, { env }),
};

/** Run the CLI with `argv` (without `node` and the script) and return the exit code. */
export async function runCli(argv: string[], io: CliIo, options: CliOptions): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return reportUsage(io.stderr, new UsageError('name a command'));
  if (command === 'help' || command === '--help' || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`${options.version}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) return reportUsage(io.stderr, new UsageError(`unknown command "${command}"`));
  try {
    return await run(rest, io, options);
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io.stderr, error);
    throw error;
  }
}

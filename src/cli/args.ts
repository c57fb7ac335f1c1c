/**
 * Command-line parsing on top of `node:util` `parseArgs`, with its errors turned into usage errors.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options and positionals of one command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse a command's arguments strictly: unknown flags and missing option values are usage errors. */
export function parseCommandArgs(command: string, args: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    // parseArgs words its errors for developers ("Unknown option '--x'. To specify a positional...").
    const message = (error as Error).message.split('. ')[0]!.replace(/\.$/, '');
    throw new UsageError(`${command}: ${message}`);
  }
}

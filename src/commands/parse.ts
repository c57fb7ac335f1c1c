/**
 * Comment text -> the slash commands in it, in the order written, with errors a person can act on.
 *
 * A command is a line that starts with `/name` as plain markdown text (see `command-lines.ts`);
 * `name` is letters, digits, `-` or `_`, starting with a letter, and is followed by a blank, the end
 * of the line, or closing punctuation (`/status.`). So `/usr/bin`, `/ 3` and `/3` are prose.
 *
 * At most {@link MAX_COMMANDS} command lines per comment are read. Later ones are not run and one
 * `too-many` error says so: the first ones run, in order, as they would have if the comment had
 * stopped there, which is what a person reading the reply expects.
 */
import { findCommandLines } from './command-lines.js';
import { ARG_READERS } from './parse-args.js';
import { suggestCommand } from './suggest.js';
import { normaliseLine } from './tokens.js';
import { type Command, type CommandError, isCommandName, type ParsedComment } from './types.js';

/** Most command lines one comment may hold. */
export const MAX_COMMANDS = 20;

const HEAD = /^\/([A-Za-z][\w-]*)[.,;:!?]*(?=\s|$)/;

/** Reads every slash command in a comment body. Never throws; prose gives nothing. */
export function parseCommands(commentBody: string): ParsedComment {
  const commands: Command[] = [];
  const errors: CommandError[] = [];
  const candidates = findCommandLines(commentBody)
    .map(({ line, text }) => ({ line, raw: text, text: normaliseLine(text) }))
    .filter(({ text }) => HEAD.test(text));
  for (const { line, raw, text } of candidates.slice(0, MAX_COMMANDS)) {
    const head = HEAD.exec(text)!;
    const name = head[1]!.toLowerCase();
    if (!isCommandName(name)) {
      const suggestion = suggestCommand(name);
      const hint = suggestion ? `did you mean /${suggestion}? ` : '';
      const message = `unknown command /${name}; ${hint}list the commands with /help`;
      errors.push({ line, raw, kind: 'unknown-command', name, suggestion, message });
      continue;
    }
    const args = text.slice(head[0].length).trim();
    const stray = /(?:^|\s)\/([A-Za-z]+)(?=\s|$)/.exec(args);
    if (name !== 'help' && stray && isCommandName(stray[1]!.toLowerCase())) {
      const message = `put each command on its own line: /${name} and /${stray[1]!.toLowerCase()} share line ${line}`;
      errors.push({ line, raw, kind: 'bad-arguments', name, suggestion: null, message });
      continue;
    }
    const read = ARG_READERS[name](args);
    if (read.ok) commands.push({ ...read.command, line, raw } as Command);
    else errors.push({ line, raw, kind: 'bad-arguments', name, suggestion: null, message: read.message });
  }
  const firstLeftOut = candidates[MAX_COMMANDS];
  if (firstLeftOut) {
    const left = candidates.length - MAX_COMMANDS;
    errors.push({
      line: firstLeftOut.line,
      raw: firstLeftOut.raw,
      kind: 'too-many',
      name: null,
      suggestion: null,
      message: `only the first ${MAX_COMMANDS} commands of a comment run; ${left} from line ${firstLeftOut.line} on did not. Post them in another comment`,
    });
  }
  return { commands, errors };
}

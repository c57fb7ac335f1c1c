/**
 * The `/help` answer: markdown built from the command catalog, so help never drifts from what
 * the parser accepts.
 */
import { inlineCode } from '../render/escape.js';
import { type Access, COMMAND_SPECS, type CommandSpec } from './catalog.js';
import { suggestCommand } from './suggest.js';
import { isCommandName } from './types.js';

const WHO: Record<Access, string> = {
  anyone: 'anyone who can comment',
  write: 'people with write access to the repository',
  'write-or-role-owner': 'people with write access, or an owner of the item’s role',
};

function line(spec: CommandSpec): string {
  return `| ${inlineCode(spec.usage, { inTable: true })} | ${spec.summary} | ${inlineCode(spec.example, { inTable: true })} | ${WHO[spec.access]} |`;
}

function detail(spec: CommandSpec): string {
  return [
    `### \`${spec.usage}\``,
    '',
    `${spec.summary} ${spec.details}`,
    '',
    `Example: \`${spec.example}\``,
    '',
    `Who may use it: ${WHO[spec.access]}.`,
  ].join('\n');
}

function overview(): string {
  return [
    '### Embark commands',
    '',
    'Write each command at the start of its own line in a comment on the onboarding issue or one of its stage issues. Several commands in one comment run in order; commands in code or quotes are ignored.',
    '',
    '| Command | What it does | Example | Who may use it |',
    '| --- | --- | --- | --- |',
    ...COMMAND_SPECS.map(line),
    '',
    'Items are named by number in the active stage (`3`), by stage and number (`2.3`), or by a piece of their text. `/help <command>` explains one command.',
  ].join('\n');
}

/**
 * Markdown help: every command with what it does, an example and who may use it; or one command
 * in detail when `command` names one (`skip`, `/skip`). An unknown name gets the full list with
 * a note and, if close, a suggestion.
 */
export function helpText(command?: string | null): string {
  const name = (command ?? '').trim().replace(/^\//, '').toLowerCase();
  if (name === '') return overview();
  if (isCommandName(name)) return detail(COMMAND_SPECS.find((s) => s.name === name)!);
  const near = suggestCommand(name);
  const note = `There is no command ${inlineCode(`/${name}`)}${near ? `; did you mean \`/${near}\`?` : '.'}`;
  return `${note}\n\n${overview()}`;
}

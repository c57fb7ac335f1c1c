/**
 * The typed result of reading slash commands from a comment. Pure data, no behaviour.
 */

/** Every command Embark understands, as typed after the slash (lower case). */
export const COMMAND_NAMES = [
  'onboard',
  'status',
  'assign',
  'unassign',
  'check',
  'uncheck',
  'skip',
  'advance',
  'reopen',
  'block',
  'unblock',
  'finish',
  'cancel',
  'due',
  'remind',
  'snooze',
  'share',
  'contact',
  'replan',
  'upgrade',
  'help',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** True when `name` (already lower-cased) is a command Embark knows. */
export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * How a person points at a checklist item.
 * - `number`: `3`, the 3rd item of the active stage;
 * - `stageItem`: `2.3`, item 3 of stage 2;
 * - `text`: a fragment of the item's text, matched case-insensitively.
 */
export type ItemRef =
  | { kind: 'number'; item: number }
  | { kind: 'stageItem'; stage: number; item: number }
  | { kind: 'text'; text: string };

/** A new due date: a calendar date, or an offset from the time the command runs. */
export type DueSpec =
  | { kind: 'date'; date: string }
  | { kind: 'offset'; amount: number; unit: 'businessDays' | 'days' };

/** Units a snooze may be written in: minutes, hours, days, weeks, business days. */
export type DurationUnit = 'm' | 'h' | 'd' | 'w' | 'bd';

/** A parsed duration (`2d`, `4 hours`, `1w`, `3bd`). */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * Who `/remind` should nudge: everyone with open work, one role, one person, or the customer's
 * contacts by mail (`/remind customer [stage]`; `stage` as written, null for every active stage).
 */
export type RemindTarget =
  | { kind: 'all' }
  | { kind: 'role'; role: string }
  | { kind: 'user'; login: string }
  | { kind: 'customer'; stage: string | null };

/**
 * What `/contact` asks for: the list, or one contact added or removed. `add` carries the name and
 * address as `parseContact` returned them (checked, the name on one line, the domain lowercased).
 */
export type ContactOp = { kind: 'list' } | { kind: 'add'; name: string; email: string } | { kind: 'remove'; email: string };

/** Where a command was found: 1-based line in the comment body, and that line as written (trimmed). */
export interface CommandSource {
  line: number;
  raw: string;
}

/** One parsed command, discriminated on `name`. */
export type Command = CommandSource &
  (
    | { name: 'onboard'; template: string; customer: string }
    | { name: 'status' }
    | { name: 'assign'; role: string; users: string[] }
    | { name: 'unassign'; role: string; users: string[] }
    | { name: 'check'; item: ItemRef }
    | { name: 'uncheck'; item: ItemRef }
    | { name: 'skip'; item: ItemRef; reason: string | null }
    | { name: 'advance'; reason: string | null }
    | { name: 'reopen'; stage: string }
    | { name: 'block'; reason: string }
    | { name: 'unblock' }
    | { name: 'finish'; force: boolean }
    | { name: 'cancel'; reason: string }
    | { name: 'due'; stage: string; due: DueSpec }
    | { name: 'remind'; target: RemindTarget }
    | { name: 'snooze'; duration: Duration }
    /** `/share [30d]` posts a status page link (expiring after `validForHours`); `/share revoke` kills every link. */
    | { name: 'share'; revoke: boolean; validForHours: number | null }
    /** `/contact`, `/contact add NAME <email>`, `/contact remove <email>`: the customer's contacts. */
    | { name: 'contact'; op: ContactOp }
    /** `/replan` shows what the intake fields as they are now would change; `/replan confirm` applies it. */
    | { name: 'replan'; confirm: boolean }
    /** `/upgrade` previews the current template's changes; `/upgrade confirm [fingerprint]` applies them. */
    | { name: 'upgrade'; confirm: boolean; fingerprint: string | null }
    | { name: 'help'; topic: CommandName | null }
  );

/** A command without where it came from: what the argument parsers produce. */
export type CommandBody = Command extends infer C ? (C extends CommandSource ? Omit<C, 'line' | 'raw'> : never) : never;

/**
 * Why a line could not be run.
 * - `unknown-command`: `/asign` (the handler may stay silent when no suggestion exists: `/cc @bob` is a GitHub habit);
 * - `bad-arguments`: a known command written the wrong way;
 * - `too-many`: the comment held more commands than one comment may run.
 */
export interface CommandError extends CommandSource {
  /** What is wrong and the right form, in words the commenter can act on. */
  message: string;
  kind: 'unknown-command' | 'bad-arguments' | 'too-many';
  /** The command name as typed, lower-cased (`asign`), or null for `too-many`. */
  name: string | null;
  /** For `unknown-command`: the closest known command, if any is close. */
  suggestion: CommandName | null;
}

/** Everything found in one comment, in the order written. */
export interface ParsedComment {
  commands: Command[];
  errors: CommandError[];
}

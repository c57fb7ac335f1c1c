/**
 * One argument reader per command: the text after `/name` -> the command's typed fields, or a
 * message that says what is wrong and shows the right form.
 */
import { parseAddress, parseContact } from '../customer/contact.js';
import { escapeUserText, inlineCode } from '../render/escape.js';
import { specOf } from './catalog.js';
import { suggestCommand } from './suggest.js';
import { stripTrailingPunctuation, type Token, takeToken, tokenize, unquote } from './tokens.js';
import { type CommandBody, type CommandName, isCommandName } from './types.js';
import { looksLikeDue, readDue, readDuration, readItemRef, readNumericItemRef, readUser } from './values.js';

/** The command's fields, or what is wrong with its arguments. */
export type ArgsResult = { ok: true; command: CommandBody } | { ok: false; message: string };

/** Longest reason or customer name kept: state lives in a comment of at most 65,536 characters. */
export const MAX_REASON_LENGTH = 500;
export const MAX_CUSTOMER_LENGTH = 100;

/** `e.g. /assign csm @alice`: the tail every message ends with. */
function form(name: CommandName): string {
  const spec = specOf(name);
  return spec.usage === spec.example ? `write just ${spec.usage}` : `e.g. ${spec.example}`;
}

/** `/assign needs a role ..., e.g. ...`: for problems phrased as what the command needs. */
function wrong(name: CommandName, problem: string): ArgsResult {
  return { ok: false, message: `/${name} ${problem}, ${form(name)}` };
}

/** `/assign: \`bob\` is not a user ..., e.g. ...`: for problems with one value. */
function invalid(name: CommandName, problem: string): ArgsResult {
  return { ok: false, message: `/${name}: ${problem}, ${form(name)}` };
}

const ok = (command: CommandBody): ArgsResult => ({ ok: true, command });

/** A reason as typed, minus separators people put before it (`- `, `: `, `— `). */
function reasonOf(text: string): string {
  return unquote(text.replace(/^\s*[-–—:]+\s*/u, ''));
}

function tooLong(what: string, text: string, max: number): string | null {
  return [...text].length > max ? `${what} is too long (${[...text].length} characters, at most ${max})` : null;
}

function noArguments(name: 'status' | 'unblock') {
  return (args: string): ArgsResult =>
    stripTrailingPunctuation(args) === '' ? ok({ name }) : wrong(name, 'takes no arguments');
}

function optionalReason(name: 'advance') {
  return (args: string): ArgsResult => {
    const reason = reasonOf(args);
    const long = tooLong('the reason', reason, MAX_REASON_LENGTH);
    return long ? invalid(name, long) : ok({ name, reason: reason === '' ? null : reason });
  };
}

function requiredReason(name: 'block' | 'cancel') {
  return (args: string): ArgsResult => {
    const reason = reasonOf(args);
    if (stripTrailingPunctuation(reason) === '') return wrong(name, 'needs a reason');
    const long = tooLong('the reason', reason, MAX_REASON_LENGTH);
    return long ? invalid(name, long) : ok({ name, reason });
  };
}

function onboard(args: string): ArgsResult {
  const first = takeToken(args);
  if (first === null) return wrong('onboard', 'needs a template and a customer name');
  if (!first.ok) return invalid('onboard', first.message);
  const customer = unquote(first.rest);
  if (customer === '') return wrong('onboard', 'needs a customer name after the template');
  const long = tooLong('the customer name', customer, MAX_CUSTOMER_LENGTH);
  if (long) return invalid('onboard', long);
  return ok({ name: 'onboard', template: first.token.value, customer });
}

/**
 * `<role> @user...`: the role is every word before the first @user (so `project manager` works
 * unquoted); a lone `@role` first is accepted as the role when people follow it.
 */
function people(name: 'assign' | 'unassign') {
  return (args: string): ArgsResult => {
    const split = tokenize(args);
    if (!split.ok) return invalid(name, split.message);
    const words = split.tokens.filter((t) => !/^(and|&|,)$/i.test(t.value));
    let firstUser = words.findIndex((t, i) => i > 0 && !t.quoted && t.value.startsWith('@'));
    if (firstUser < 0) return wrong(name, 'needs a role and at least one @user');
    const roleWords = words.slice(0, firstUser).map((t) => stripTrailingPunctuation(t.value.replace(/^@/, '')));
    const role = roleWords.join(' ').trim();
    if (role === '') return wrong(name, 'needs a role before the users');
    const users: string[] = [];
    for (; firstUser < words.length; firstUser++) {
      const user = readUser(words[firstUser]!.value);
      if (!user.ok) return invalid(name, user.message);
      if (!users.some((u) => u.toLowerCase() === user.value.toLowerCase())) users.push(user.value);
    }
    return ok({ name, role, users });
  };
}

/** An item reference written alone on the line (`/check 3`, `/uncheck "portal access"`). */
function tick(name: 'check' | 'uncheck') {
  return (args: string): ArgsResult => {
    const split = tokenize(args);
    if (!split.ok) return invalid(name, split.message);
    const words = split.tokens;
    if (words.length === 0) return wrong(name, 'needs an item');
    if (words.length > 1 && words.every((t) => !t.quoted && readNumericItemRef(t.value) !== null)) {
      return wrong(name, 'takes one item per line; put each on its own line');
    }
    const quoted = words.length === 1 && words[0]!.quoted;
    const ref = readItemRef(quoted ? words[0]!.value : args, quoted);
    return ref.ok ? ok({ name, item: ref.value }) : invalid(name, ref.message);
  };
}

/** `<item> [reason]`: a number or quoted text first; unquoted text is all item, no reason. */
function skip(args: string): ArgsResult {
  const first = takeToken(args);
  if (first === null) return wrong('skip', 'needs an item');
  if (!first.ok) return invalid('skip', first.message);
  const numeric = first.token.quoted ? null : readNumericItemRef(first.token.value);
  const item = first.token.quoted || numeric ? readItemRef(first.token.value, first.token.quoted) : readItemRef(args, false);
  if (!item.ok) return invalid('skip', item.message);
  const reason = first.token.quoted || numeric ? reasonOf(first.rest) : '';
  const long = tooLong('the reason', reason, MAX_REASON_LENGTH);
  if (long) return invalid('skip', long);
  return ok({ name: 'skip', item: item.value, reason: reason === '' ? null : reason });
}

function reopen(args: string): ArgsResult {
  const stage = stripTrailingPunctuation(unquote(args));
  return stage === '' ? wrong('reopen', 'needs a stage') : ok({ name: 'reopen', stage });
}

function finish(args: string): ArgsResult {
  const flag = stripTrailingPunctuation(args).toLowerCase();
  if (flag === '') return ok({ name: 'finish', force: false });
  // Phones turn `--` into an en or em dash.
  if (/^([-–—]{1,2}force|-f|force)$/.test(flag)) return ok({ name: 'finish', force: true });
  return wrong('finish', `does not know \`${args}\`; the only option is --force`);
}

/** `<stage> <date>`; the date may come first, which people do as often as not. */
function due(args: string): ArgsResult {
  const split = tokenize(args);
  if (!split.ok) return invalid('due', split.message);
  const words: Token[] = [...split.tokens];
  if (words.length < 2) return wrong('due', 'needs a stage and a date');
  if (looksLikeDue(words[0]!.value) && !looksLikeDue(words[words.length - 1]!.value)) words.push(words.shift()!);
  const when = readDue(words[words.length - 1]!.value);
  if (!when.ok) return invalid('due', when.message);
  const stage = stripTrailingPunctuation(
    words
      .slice(0, -1)
      .map((t) => t.value)
      .join(' '),
  );
  return ok({ name: 'due', stage, due: when.value });
}

/** `/remind customer [stage]`: `customer` is reserved, so the customer's contacts are one word away. */
const REMIND_CUSTOMER = /^customers?(?:\s+(.*))?$/i;

function remind(args: string): ArgsResult {
  const text = stripTrailingPunctuation(unquote(args));
  if (text === '') return ok({ name: 'remind', target: { kind: 'all' } });
  const customer = REMIND_CUSTOMER.exec(text);
  if (customer) {
    const stage = stripTrailingPunctuation(unquote(customer[1] ?? ''));
    return ok({ name: 'remind', target: { kind: 'customer', stage: stage === '' ? null : stage } });
  }
  if (text.startsWith('@')) {
    if (/\s/.test(text)) return wrong('remind', 'reminds one role or one person per line');
    const user = readUser(text);
    return user.ok ? ok({ name: 'remind', target: { kind: 'user', login: user.value } }) : invalid('remind', user.message);
  }
  return ok({ name: 'remind', target: { kind: 'role', role: text } });
}

function snooze(args: string): ArgsResult {
  if (args.trim() === '') return wrong('snooze', 'needs a duration');
  const duration = readDuration(args);
  return duration.ok ? ok({ name: 'snooze', duration: duration.value }) : invalid('snooze', duration.message);
}

/** Longest a status page link may live: a year. */
export const MAX_SHARE_DAYS = 365;

/** `/share`, `/share revoke`, or `/share <N>h|d|w` (the link's lifetime). */
function share(args: string): ArgsResult {
  const text = stripTrailingPunctuation(unquote(args)).toLowerCase();
  if (text === '') return ok({ name: 'share', revoke: false, validForHours: null });
  if (text === 'revoke') return ok({ name: 'share', revoke: true, validForHours: null });
  const match = /^(\d{1,4})\s*(h|hours?|d|days?|w|weeks?)$/.exec(text);
  if (!match) return invalid('share', `\`${args.trim()}\` is neither a lifetime (12h, 30d, 2w) nor \`revoke\``);
  const hours = Number(match[1]) * (match[2]!.startsWith('h') ? 1 : match[2]!.startsWith('d') ? 24 : 168);
  if (hours < 1) return invalid('share', 'the lifetime must be at least 1 hour');
  if (hours > MAX_SHARE_DAYS * 24) return invalid('share', `a link may live at most ${MAX_SHARE_DAYS} days`);
  return ok({ name: 'share', revoke: false, validForHours: hours });
}

const CONTACT_ADD = /^(?:add|\+)$/i;
const CONTACT_REMOVE = /^(?:remove|rm|delete|del|-)$/i;
/** Separators people type between a name and an address (`Jane Doe, jane@x.com`, `Jane - <jane@x.com>`). */
const NAME_EDGES = /^[\s,;:–—-]+|[\s,;:–—-]+$/gu;

/**
 * The name and address of `/contact add`: the address in angle brackets anywhere on the line, or
 * the one word holding an `@`; the name is everything else (quotes around it dropped).
 */
function nameAndAddress(text: string): { ok: true; name: string; address: string } | { ok: false; message: string } {
  const angled = [...text.matchAll(/<([^<>]*)>/g)];
  if (angled.length > 1) return { ok: false, message: 'add takes one contact per line' };
  let address: string;
  let rest: string;
  if (angled.length === 1) {
    const m = angled[0]!;
    address = m[1]!;
    rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
  } else {
    const words = text.split(' ');
    const at = words.filter((w) => w.includes('@'));
    if (at.length === 0) return { ok: false, message: 'add needs an email address after the name' };
    if (at.length > 1) return { ok: false, message: 'add takes one contact per line' };
    address = stripTrailingPunctuation(at[0]!).replace(/^[([]|[)\]]$/g, '');
    rest = words.filter((w) => w !== at[0]).join(' ');
  }
  return { ok: true, name: unquote(rest.replace(NAME_EDGES, '')).replace(NAME_EDGES, ''), address };
}

/** `/contact`, `/contact add NAME <email>`, `/contact remove <email>`; every name and address passes `parseContact`. */
function contact(args: string): ArgsResult {
  const text = args.trim();
  const verb = /^(\S+)\s*(.*)$/s.exec(text);
  if (!verb || /^(?:list|show)[.!]?$/i.test(text)) return ok({ name: 'contact', op: { kind: 'list' } });
  const rest = verb[2]!.trim();
  if (CONTACT_ADD.test(verb[1]!)) {
    if (rest === '') return wrong('contact', 'add needs a name and an email address');
    const split = nameAndAddress(rest);
    if (!split.ok) return wrong('contact', split.message);
    const checked = parseContact(split.name, split.address);
    // The message quotes what was typed: escaped, so `<@bob>` cannot mention anyone in the reply.
    if (!checked.ok) return invalid('contact', escapeUserText(checked.error));
    return ok({ name: 'contact', op: { kind: 'add', name: checked.name, email: checked.email } });
  }
  if (CONTACT_REMOVE.test(verb[1]!)) {
    const raw = stripTrailingPunctuation(rest).replace(/^<([^<>]*)>$/, '$1');
    if (raw === '') return wrong('contact', 'remove needs the email address to remove');
    const address = parseAddress(raw);
    if (!address.ok) return invalid('contact', escapeUserText(address.error));
    return ok({ name: 'contact', op: { kind: 'remove', email: address.email } });
  }
  const hint = text.includes('@') ? ` (to add someone, start with add: ${inlineCode(`/contact add ${text}`)})` : '';
  return invalid('contact', `${inlineCode(verb[1]!)} is not add, remove or list${hint}`);
}

/** `/replan` or `/replan confirm`. */
function replanArgs(args: string): ArgsResult {
  const text = stripTrailingPunctuation(unquote(args)).toLowerCase();
  if (text === '') return ok({ name: 'replan', confirm: false });
  if (text === 'confirm') return ok({ name: 'replan', confirm: true });
  return invalid('replan', `\`${args.trim()}\` is not \`confirm\``);
}

/** `/upgrade`, `/upgrade confirm`, or `/upgrade confirm <fingerprint>` (what `embark upgrade` writes). */
function upgrade(args: string): ArgsResult {
  const words = stripTrailingPunctuation(unquote(args)).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ok({ name: 'upgrade', confirm: false, fingerprint: null });
  if (words[0] !== 'confirm') return invalid('upgrade', `\`${args.trim()}\` is not an option; write \`/upgrade\` to see the changes, then \`/upgrade confirm\``);
  if (words.length === 1) return ok({ name: 'upgrade', confirm: true, fingerprint: null });
  if (words.length === 2 && /^[0-9a-f]{6,12}$/.test(words[1]!)) return ok({ name: 'upgrade', confirm: true, fingerprint: words[1]! });
  return invalid('upgrade', `\`${words.slice(1).join(' ')}\` is not a template fingerprint (6 to 12 hex digits, as \`/upgrade\` shows it)`);
}

function help(args: string): ArgsResult {
  const topic = stripTrailingPunctuation(args).replace(/^\//, '').toLowerCase();
  if (topic === '') return ok({ name: 'help', topic: null });
  if (isCommandName(topic)) return ok({ name: 'help', topic });
  const near = suggestCommand(topic);
  const hint = near ? `did you mean /help ${near}? ` : '';
  return { ok: false, message: `/help: there is no command /${topic}; ${hint}write /help for the list` };
}

/** The argument reader of every command. */
export const ARG_READERS: Record<CommandName, (args: string) => ArgsResult> = {
  onboard,
  status: noArguments('status'),
  assign: people('assign'),
  unassign: people('unassign'),
  check: tick('check'),
  uncheck: tick('uncheck'),
  skip,
  advance: optionalReason('advance'),
  reopen,
  block: requiredReason('block'),
  unblock: noArguments('unblock'),
  finish,
  cancel: requiredReason('cancel'),
  due,
  remind,
  snooze,
  share,
  contact,
  replan: replanArgs,
  upgrade,
  help,
};

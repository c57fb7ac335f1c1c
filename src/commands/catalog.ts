/**
 * One description per command: the single source for `/help`, for the right form shown in
 * error messages, and for who may run it. Keep usage and examples in sync with `parse-args.ts`.
 */
import { MAX_CONTACTS } from '../customer/contacts.js';
import type { CommandName } from './types.js';

/** Who may run a command (see `permissions.ts` for the rule). */
export type Access = 'anyone' | 'write' | 'write-or-role-owner';

export interface CommandSpec {
  name: CommandName;
  /** The form, `<required>` and `[optional]` arguments. */
  usage: string;
  /** What it does, one sentence. */
  summary: string;
  /** Extra detail shown by `/help <command>`. */
  details: string;
  /** A complete example line. */
  example: string;
  access: Access;
}

/** Every command in the order `/help` lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'onboard',
    usage: '/onboard <template> <customer name>',
    summary: 'Start an onboarding for a customer from a template.',
    details:
      'The template is its file name (`managed-services.md`), its name in quotes, or a slug. Everything after it is the customer name.',
    example: '/onboard managed-services Contoso Ltd.',
    access: 'write',
  },
  {
    name: 'status',
    usage: '/status',
    summary: 'Show where the onboarding stands: stages, open items, owners, due dates.',
    details: 'Embark answers with a fresh status summary.',
    example: '/status',
    access: 'anyone',
  },
  {
    name: 'assign',
    usage: '/assign <role> @user [@user...]',
    summary: 'Make people the owners of a role; they are assigned to the stages with that role’s items.',
    details: 'The role is a name from the template (`csm`, `engineer`, `"project manager"`). Users are GitHub logins.',
    example: '/assign csm @alice',
    access: 'write',
  },
  {
    name: 'unassign',
    usage: '/unassign <role> @user [@user...]',
    summary: 'Remove people from a role.',
    details: 'They stay on stage issues only where another role of theirs needs them.',
    example: '/unassign engineer @bob',
    access: 'write',
  },
  {
    name: 'check',
    usage: '/check <item>',
    summary: 'Tick a checklist item.',
    details:
      'Name the item by its number in the active stage (`3`), by stage and number (`2.3`), or by a piece of its text (`"portal access"`).',
    example: '/check 2.3',
    access: 'write-or-role-owner',
  },
  {
    name: 'uncheck',
    usage: '/uncheck <item>',
    summary: 'Untick a checklist item.',
    details: 'Items are named as for /check.',
    example: '/uncheck 3',
    access: 'write-or-role-owner',
  },
  {
    name: 'skip',
    usage: '/skip <item> [reason]',
    summary: 'Mark an item as not needed for this customer, with a reason.',
    details: 'To give a reason after an item named by its text, put the text in quotes: `/skip "budget alerts" no Azure`.',
    example: '/skip 4 customer has no Azure subscription',
    access: 'write-or-role-owner',
  },
  {
    name: 'advance',
    usage: '/advance [reason]',
    summary: 'Close the active stage even though items are open, and start the next one.',
    details: 'The reason is kept in the activity log.',
    example: '/advance waiting on the customer, continuing in parallel',
    access: 'write',
  },
  {
    name: 'reopen',
    usage: '/reopen <stage>',
    summary: 'Reopen a closed stage and make it active again.',
    details: 'Name the stage by number (`2`), key (`stage-2`) or a piece of its title.',
    example: '/reopen 2',
    access: 'write',
  },
  {
    name: 'block',
    usage: '/block <reason>',
    summary: 'Mark the onboarding as blocked; reminders pause until /unblock.',
    details: 'The reason is shown in the status summary.',
    example: '/block waiting for the signed SLA',
    access: 'write',
  },
  {
    name: 'unblock',
    usage: '/unblock',
    summary: 'Clear a block; reminders start again.',
    details: 'Due dates are not moved; use /due for that.',
    example: '/unblock',
    access: 'write',
  },
  {
    name: 'finish',
    usage: '/finish [--force]',
    summary: 'Close the onboarding when every required item is done.',
    details: 'With `--force` it closes even with open items, which are listed in the summary.',
    example: '/finish --force',
    access: 'write',
  },
  {
    name: 'cancel',
    usage: '/cancel <reason>',
    summary: 'Stop the onboarding and close its issues as not planned.',
    details: 'The reason is kept in the summary.',
    example: '/cancel customer chose another provider',
    access: 'write',
  },
  {
    name: 'due',
    usage: '/due <stage> <YYYY-MM-DD | +N>',
    summary: 'Set a stage’s due date.',
    details: '`+N` is N business days from now, `+Nd` N calendar days, `+Nw` N weeks.',
    example: '/due 2 2026-03-31',
    access: 'write',
  },
  {
    name: 'remind',
    usage: '/remind [role | @user | customer [stage]]',
    summary: 'Send a reminder now to the owners of open items (or to one role or person), or mail the customer’s contacts.',
    details:
      'Without an argument everyone with open items in the active stage is reminded. `/remind customer` mails each subscribed contact a reminder of their open items in every active stage (`/remind customer 2` only for stage 2); it needs customer mail on (see `/help contact`). `customer` is a reserved word here: to remind a role named Customer, name its people with @.',
    example: '/remind engineer',
    access: 'write',
  },
  {
    name: 'snooze',
    usage: '/snooze <duration>',
    summary: 'Pause reminders for a while.',
    details: 'Durations: `30m`, `4h`, `2d`, `1w`, `3bd` (business days), or words like `2 days`.',
    example: '/snooze 2d',
    access: 'write',
  },
  {
    name: 'share',
    usage: '/share [30d | revoke]',
    summary: 'Post a link to the customer’s status page, or turn every earlier link off.',
    details:
      'The page shows the stages, due dates and the customer’s own items, which they can sign off. A duration (`30d`, `2w`, `12h`) makes the link expire; `/share revoke` makes every earlier link answer 404. Run it on the EPIC.',
    example: '/share 30d',
    access: 'write',
  },
  {
    name: 'contact',
    usage: '/contact [add <name> <email> | remove <email>]',
    summary: 'List the customer’s contacts, or add or remove one; Embark mails them about the onboarding.',
    details:
      'The name may be several words or quoted, the address bare or in angle brackets (`/contact add "Doe, Jane" <jane@contoso.com>`). Adding an address that is already there changes nothing (an unsubscribe stays). `/contact` alone lists them with their addresses masked. Adding needs customer mail on: the app needs EMBARK_SMTP_URL, EMBARK_MAIL_FROM, EMBARK_STATUS_SECRET and EMBARK_PUBLIC_URL, and the repository must not set `customer.enabled: false`. At most ' +
      `${MAX_CONTACTS} contacts per onboarding.`,
    example: '/contact add Jane Doe <jane@contoso.com>',
    access: 'write',
  },
  {
    name: 'replan',
    usage: '/replan [confirm]',
    summary: 'After an intake field changed, show which stages its `when:` conditions add or leave out; `confirm` does it.',
    details:
      'Stages whose condition now holds are added (a new stage issue, or their old one reopened); stages whose condition no longer holds are marked not applicable and their issue closed as not planned. No issue or ticked item is deleted. Run it on the EPIC.',
    example: '/replan confirm',
    access: 'write',
  },
  {
    name: 'upgrade',
    usage: '/upgrade [confirm]',
    summary: 'Show what the template’s current version would change in this onboarding; `/upgrade confirm` applies it.',
    details:
      'Run it on the EPIC. New items go unticked into the stages that are not done, new stages are created, reworded items keep their ticks, and nothing ticked is unticked or removed: an item the template dropped stays, marked. Done stages are not changed; what the new version adds to them is listed.',
    example: '/upgrade confirm',
    access: 'write',
  },
  {
    name: 'help',
    usage: '/help [command]',
    summary: 'List the commands, or explain one.',
    details: 'Write the command with or without its slash.',
    example: '/help skip',
    access: 'anyone',
  },
];

/** The spec of one command. */
export function specOf(name: CommandName): CommandSpec {
  const spec = COMMAND_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`no spec for command ${name}`);
  return spec;
}

/**
 * Who may run which command. A pure rule over facts the handler looks up (the commenter's
 * repository permission, whether they own the role of the item the command touches, whether
 * they are a bot); never over Embark's stored state, which anyone with write access can edit.
 */
import { specOf } from './catalog.js';
import type { Command, CommandName } from './types.js';

/** A person's permission on the repository, as GitHub's collaborator permission API reports it. */
export type RepositoryPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** What the rule needs to know about the commenter. */
export interface Commenter {
  permission: RepositoryPermission;
  /** True when the commenter is assigned to the role that owns the item the command names. */
  isRoleOwnerOfItem: boolean;
  /** True for bot accounts (`sender.type === "Bot"`), Embark itself included. */
  isBot: boolean;
}

export type PermissionResult = { allowed: true } | { allowed: false; reason: string };

/** Permissions that count as write access: triage may label and close issues, but not steer work. */
const WRITE: readonly RepositoryPermission[] = ['admin', 'maintain', 'write'];

/**
 * May this commenter run this command?
 * - bots never (so Embark cannot answer itself, nor two bots talk in a loop);
 * - `/status` and `/help`: anyone who can comment;
 * - `/check`, `/uncheck`, `/skip`: write access, or an owner of the item's role (so a CSM can
 *   tick their own items without repository write access);
 * - everything else: write access.
 */
export function permissionFor(command: CommandName | Pick<Command, 'name'>, commenter: Commenter): PermissionResult {
  const name = typeof command === 'string' ? command : command.name;
  if (commenter.isBot) return { allowed: false, reason: `/${name} from a bot account is ignored; commands must come from a person` };
  const access = specOf(name).access;
  if (access === 'anyone') return { allowed: true };
  if (WRITE.includes(commenter.permission)) return { allowed: true };
  if (access === 'write-or-role-owner') {
    if (commenter.isRoleOwnerOfItem) return { allowed: true };
    return {
      allowed: false,
      reason: `/${name} needs write access to this repository, or you must own the role of that item; ask a maintainer to add you to the role (e.g. /assign csm @you)`,
    };
  }
  return { allowed: false, reason: `/${name} needs write access to this repository; ask a maintainer to run it or to give you write access` };
}

import { describe, expect, it } from '@jest/globals';
import { type Commenter, permissionFor, type RepositoryPermission } from '../../src/commands/permissions.js';
import { COMMAND_NAMES, type CommandName } from '../../src/commands/types.js';

const PERMISSIONS: RepositoryPermission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
const ANYONE: CommandName[] = ['status', 'help'];
const ITEM_COMMANDS: CommandName[] = ['check', 'uncheck', 'skip'];

function person(permission: RepositoryPermission, isRoleOwnerOfItem = false): Commenter {
  return { permission, isRoleOwnerOfItem, isBot: false };
}

/** What the rule should say, written out independently of the catalog. */
function expected(name: CommandName, permission: RepositoryPermission, owner: boolean): boolean {
  if (ANYONE.includes(name)) return true;
  if (['admin', 'maintain', 'write'].includes(permission)) return true;
  return ITEM_COMMANDS.includes(name) && owner;
}

describe('permissionFor: the whole matrix', () => {
  const rows = COMMAND_NAMES.flatMap((name) =>
    PERMISSIONS.flatMap((permission) => [false, true].map((owner) => [name, permission, owner] as const)),
  );

  it.each(rows)('/%s by %s (role owner: %s)', (name, permission, owner) => {
    expect(permissionFor(name, person(permission, owner)).allowed).toBe(expected(name, permission, owner));
  });
});

describe('permissionFor: reasons people understand', () => {
  it('tells a reader to ask a maintainer', () => {
    expect(permissionFor('assign', person('read'))).toEqual({
      allowed: false,
      reason: '/assign needs write access to this repository; ask a maintainer to run it or to give you write access',
    });
  });

  it('tells someone outside the role how to get it', () => {
    expect(permissionFor('check', person('triage'))).toEqual({
      allowed: false,
      reason:
        '/check needs write access to this repository, or you must own the role of that item; ask a maintainer to add you to the role (e.g. /assign csm @you)',
    });
  });

  it('accepts a parsed command as well as its name', () => {
    expect(permissionFor({ name: 'skip' }, person('none', true))).toEqual({ allowed: true });
  });

  it('ignores bots, even admins and even for /help, so Embark never answers itself', () => {
    for (const name of COMMAND_NAMES) {
      const result = permissionFor(name, { permission: 'admin', isRoleOwnerOfItem: true, isBot: true });
      expect(result).toEqual({ allowed: false, reason: `/${name} from a bot account is ignored; commands must come from a person` });
    }
  });
});

/**
 * Slash commands: comment text -> typed commands, item and stage references, help, permission rule.
 * Re-exports only; the logic lives in the named modules.
 */
export { COMMAND_SPECS, type CommandSpec } from './catalog.js';
export { helpText } from './help.js';
export { MAX_COMMANDS, parseCommands } from './parse.js';
export { type Commenter, type PermissionResult, permissionFor, type RepositoryPermission } from './permissions.js';
export { itemLabel, type ResolvableStage, resolveItem, resolveStage } from './resolve-item.js';
export type { Command, CommandError, CommandName, ContactOp, DueSpec, Duration, ItemRef, ParsedComment, RemindTarget } from './types.js';
export { COMMAND_NAMES, isCommandName } from './types.js';

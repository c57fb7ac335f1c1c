import { expect, it } from '@jest/globals';
import * as commands from '../../src/commands/index.js';

it('exposes exactly the public API', () => {
  expect(Object.keys(commands).sort()).toEqual([
    'COMMAND_NAMES',
    'COMMAND_SPECS',
    'MAX_COMMANDS',
    'helpText',
    'isCommandName',
    'itemLabel',
    'parseCommands',
    'permissionFor',
    'resolveItem',
    'resolveStage',
  ]);
});

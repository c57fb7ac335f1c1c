import { describe, expect, it } from '@jest/globals';
import type { Root, Table } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { COMMAND_SPECS } from '../../src/commands/catalog.js';
import { helpText } from '../../src/commands/help.js';
import { parseCommands } from '../../src/commands/parse.js';
import { COMMAND_NAMES } from '../../src/commands/types.js';

const markdown = remark().use(remarkGfm);

describe('helpText', () => {
  it('lists every command once, in a table GitHub renders with four columns per row', () => {
    const tree = markdown.parse(helpText()) as Root;
    const table = tree.children.find((n): n is Table => n.type === 'table')!;
    expect(table.children).toHaveLength(COMMAND_NAMES.length + 1);
    for (const row of table.children) expect(row.children).toHaveLength(4);
  });

  it('says what each command does, shows an example and who may use it', () => {
    const text = helpText();
    for (const spec of COMMAND_SPECS) {
      expect(text).toContain(spec.summary);
      expect(text).toContain(spec.example);
    }
    expect(text).toContain('anyone who can comment');
    expect(text).toContain('people with write access, or an owner of the item’s role');
  });

  it('holds no line Embark would read as a command if it were read back', () => {
    expect(parseCommands(helpText())).toEqual({ commands: [], errors: [] });
    for (const name of COMMAND_NAMES) expect(parseCommands(helpText(name))).toEqual({ commands: [], errors: [] });
  });

  it('explains one command, with or without its slash and in any case', () => {
    const text = helpText('/Skip');
    expect(text).toBe(helpText('skip'));
    expect(text).toContain('### `/skip <item> [reason]`');
    expect(text).toContain('Example: `/skip 4 customer has no Azure subscription`');
    expect(text).toContain('Who may use it: people with write access, or an owner of the item’s role.');
  });

  it('every example parses into the command it documents', () => {
    for (const spec of COMMAND_SPECS) {
      const { commands, errors } = parseCommands(spec.example);
      expect(errors).toEqual([]);
      expect(commands.map((c) => c.name)).toEqual([spec.name]);
    }
  });

  it('answers an unknown topic with a suggestion and the full list', () => {
    const text = helpText('asign');
    expect(text.startsWith('There is no command `/asign`; did you mean `/assign`?')).toBe(true);
    expect(text).toContain(helpText());
  });

  it('keeps a hostile topic inside its code span', () => {
    const text = helpText('x` <!-- embark:state -->');
    expect(text).not.toContain('<!--');
    expect(text.startsWith('There is no command ``/x` <!\u200b-- embark:state -->``.')).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { MAX_COMMANDS, parseCommands } from '../../src/commands/parse.js';

/** `name@line` of every command and error, to compare what was read where. */
function found(body: string): { commands: string[]; errors: string[] } {
  const { commands, errors } = parseCommands(body);
  return { commands: commands.map((c) => `${c.name}@${c.line}`), errors: errors.map((e) => `${e.name ?? e.kind}@${e.line}`) };
}

describe('only lines a person typed as commands count', () => {
  const none: [string, string][] = [
    ['prose', 'Thanks, I will look at the tenant details tomorrow.'],
    ['a path mid-sentence', 'The script lives in /usr/bin and runs /check nightly.'],
    ['a path at line start', '/usr/bin/env node is needed'],
    ['a slash and a blank', '/ 3'],
    ['a slash and a number', '/3 done'],
    ['a fenced code block', '```\n/check 3\n```'],
    ['a tilde fence', '~~~md\n/assign csm @alice\n~~~'],
    ['indented code', 'Run this:\n\n    /check 3'],
    ['inline code', '`/check 3` is how you tick item 3'],
    ['inline code across lines', 'Use `x\n/check 3` for that'],
    ['a block quote', '> /check 3'],
    ['a nested quote', '> > /finish --force'],
    ['a quote in a list', '- > /cancel no budget'],
    ['an html comment', '<!-- /check 3 -->'],
    ['a multi-line html comment', '<!--\n/check 3\n/finish\n-->'],
    ['an inline html comment across lines', 'note <!--\n/check 3 -->'],
    ['a list item', '- /check 3\n* /check 4\n1. /check 5'],
    ['an ATX heading', '## /status'],
    ['a table cell', '| cmd |\n| --- |\n| /check 3 |'],
    ['an escaped slash', '\\/check 3'],
    ['a link', '[/check 3](https://example.com)'],
    ['emphasis', '*/check 3*'],
    ['an empty comment', ''],
  ];

  it.each(none)('%s is not a command', (_case, body) => {
    expect(found(body)).toEqual({ commands: [], errors: [] });
  });

  it('reads several commands in the order written, skipping prose between them', () => {
    const body = 'Kickoff done.\n/check 2.1\n/assign csm @alice\n\nAlso:\n/remind engineer\nthanks';
    expect(found(body).commands).toEqual(['check@2', 'assign@3', 'remind@6']);
  });

  it('reads a command after a quote reply, but not the quoted one', () => {
    const body = '> /check 3\n> is this right?\n\n/check 4';
    expect(found(body).commands).toEqual(['check@4']);
  });

  it('reads a line typed right under a quote (a lazy continuation in markdown)', () => {
    expect(found('> can you tick it?\n/check 4').commands).toEqual(['check@2']);
  });

  it('reads commands around a code block and ignores the one inside', () => {
    const body = '/status\n```\n/cancel oops\n```\n/help';
    expect(found(body).commands).toEqual(['status@1', 'help@5']);
  });

  it('reads a command under a list item’s continuation line', () => {
    expect(found('- stage 2 is done\n  /advance').commands).toEqual(['advance@2']);
  });

  it('handles CRLF line endings', () => {
    const { commands } = parseCommands('Done.\r\n/check 3\r\n/skip 4 not needed\r\n');
    expect(commands.map((c) => [c.name, c.line, c.raw])).toEqual([
      ['check', 2, '/check 3'],
      ['skip', 3, '/skip 4 not needed'],
    ]);
  });

  it('handles bare CR line endings', () => {
    expect(found('Done.\r/check 3\r/status').commands).toEqual(['check@2', 'status@3']);
  });

  it('reads a command line that markdown makes a setext heading', () => {
    expect(found('/status\n---').commands).toEqual(['status@1']);
  });

  it('reads commands inside a details block once markdown resumes', () => {
    expect(found('<details>\n\n/check 3\n\n</details>').commands).toEqual(['check@3']);
  });

  it('returns nothing for a comment of garbage', () => {
    const garbage = '\u0000\u0001 ][ `` ** __ <<>> \uFFFD\n\n////\n/\n/ /';
    expect(found(garbage)).toEqual({ commands: [], errors: [] });
  });
});

describe('at most 20 commands per comment', () => {
  it('runs the first 20 and reports the rest in one error', () => {
    const body = Array.from({ length: 23 }, (_, i) => `/check ${i + 1}`).join('\n');
    const { commands, errors } = parseCommands(body);
    expect(commands).toHaveLength(MAX_COMMANDS);
    expect(commands.at(-1)).toMatchObject({ item: { kind: 'number', item: 20 } });
    expect(errors).toEqual([
      expect.objectContaining({ kind: 'too-many', line: 21, raw: '/check 21', message: expect.stringContaining('3 from line 21') }),
    ]);
  });

  it('counts unknown and malformed command lines towards the limit too', () => {
    const body = ['/asign csm', ...Array.from({ length: 20 }, () => '/status')].join('\n');
    const { commands, errors } = parseCommands(body);
    expect(commands).toHaveLength(19);
    expect(errors.map((e) => e.kind)).toEqual(['unknown-command', 'too-many']);
  });

  it('accepts exactly 20 without complaint', () => {
    const body = Array.from({ length: 20 }, () => '/status').join('\n');
    expect(parseCommands(body).errors).toEqual([]);
  });
});

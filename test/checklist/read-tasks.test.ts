import { describe, expect, it } from '@jest/globals';
import { readTasks } from '../../src/checklist/index.js';

describe('readTasks', () => {
  it('reads every kind of task item in document order, with depth and line', () => {
    const body = [
      '- [ ] CSM >> First',
      '  - [x] Nested',
      '* [X] Star',
      '1. [ ] Ordered',
      '> - [ ] Quoted',
      '- plain bullet',
    ].join('\n');
    expect(readTasks(body).map(({ index, text, checked, line, depth }) => ({ index, text, checked, line, depth }))).toEqual([
      { index: 0, text: 'CSM >> First', checked: false, line: 1, depth: 0 },
      { index: 1, text: 'Nested', checked: true, line: 2, depth: 1 },
      { index: 2, text: 'Star', checked: true, line: 3, depth: 0 },
      { index: 3, text: 'Ordered', checked: false, line: 4, depth: 0 },
      { index: 4, text: 'Quoted', checked: false, line: 5, depth: 0 },
    ]);
  });

  it('never reads items in code blocks or HTML comments, nor empty boxes', () => {
    const body = '```\n- [ ] fenced\n```\n\n    - [ ] indented\n\n<!--\n- [ ] comment\n-->\n\n- [ ]\n- [ ] real';
    expect(readTasks(body).map((t) => t.text)).toEqual(['real']);
  });

  it('points checkboxOffset at the state character, with CRLF, a BOM, or bold text first', () => {
    for (const body of ['\uFEFF- [ ] a\r\n- [x] b\r\n', '- [ ] **Bold** first\n- [x] [link](https://x.example)\n']) {
      for (const task of readTasks(body)) expect(body[task.checkboxOffset]).toBe(task.checked ? 'x' : ' ');
    }
  });

  it('joins a multi-line item text and keeps markdown as written', () => {
    expect(readTasks('> - [ ] Check `x`\n>   and [y](https://y.example)')[0]!.text).toBe('Check `x` and [y](https://y.example)');
  });

  it('reads no tasks from a body too convoluted to parse safely', () => {
    expect(readTasks(`- [ ] a\n${'>'.repeat(100_000)}`)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { diffTasks } from '../../src/checklist/index.js';

const BODY = '- [ ] CSM >> Send the mail\n- [ ] Engineer >> Grant access\n- [ ] CSM >> Book the call\n';

describe('diffTasks', () => {
  it('reports a ticked box', () => {
    expect(diffTasks(BODY, BODY.replace('- [ ] Engineer', '- [x] Engineer'))).toEqual([
      { text: 'Engineer >> Grant access', index: 1, from: false, to: true },
    ]);
  });

  it('reports nothing for an edit that changes no checkbox', () => {
    expect(diffTasks(BODY, `Intro text\n\n${BODY}\nNotes: done.`)).toEqual([]);
    expect(diffTasks(BODY, BODY.replace('Book the call', 'Book the call with the CFO'))).toEqual([]);
  });

  it('follows items that moved', () => {
    const lines = BODY.trimEnd().split('\n');
    const reordered = [lines[2], lines[0], lines[1]!.replace('[ ]', '[x]')].join('\n');
    expect(diffTasks(BODY, reordered)).toEqual([{ text: 'Engineer >> Grant access', index: 2, from: false, to: true }]);
  });

  it('reports added and removed items', () => {
    const after = BODY.replace('- [ ] CSM >> Book the call\n', '- [x] CSM >> Close the loop\n- [ ] CSM >> Book the call\n').replace(
      '- [ ] CSM >> Send the mail\n',
      '',
    );
    expect(diffTasks(BODY, after)).toEqual([
      { text: 'CSM >> Close the loop', index: 1, from: null, to: true },
      { text: 'CSM >> Send the mail', index: 0, from: false, to: null },
    ]);
  });

  it('tells repeated items apart by occurrence', () => {
    const twice = '- [ ] Call\n- [ ] Call\n';
    expect(diffTasks(twice, '- [ ] Call\n- [x] Call\n')).toEqual([{ text: 'Call', index: 1, from: false, to: true }]);
  });

  it('matches a reworded and ticked item by position', () => {
    expect(diffTasks(BODY, BODY.replace('- [ ] Engineer >> Grant access', '- [x] Engineer >> Grant admin access'))).toEqual([
      { text: 'Engineer >> Grant admin access', index: 1, from: false, to: true },
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { editDistance, suggestCommand } from '../../src/commands/suggest.js';

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['assign', 'assign', 0],
    ['asign', 'assign', 1],
    ['stauts', 'status', 1],
    ['chekc', 'check', 1],
    ['kitten', 'sitting', 3],
    ['', 'help', 4],
  ];
  it.each(cases)('%s -> %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('suggestCommand', () => {
  const cases: [string, string | null][] = [
    ['asign', 'assign'],
    ['unasign', 'unassign'],
    ['REMIDN', 'remind'],
    ['snoze', 'snooze'],
    ['hlep', 'help'],
    ['cc', null],
    ['me', null],
    ['deploy', null],
    ['xyzzyx', null],
  ];
  it.each(cases)('%s -> %s', (typed, suggestion) => {
    expect(suggestCommand(typed)).toBe(suggestion);
  });
});

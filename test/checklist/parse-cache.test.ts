import { describe, expect, it } from '@jest/globals';
import { createBoundedCache } from '../../src/checklist/bounded-cache.js';
import { parseMarkdownFresh } from '../../src/checklist/fresh-parse.js';
import { parseMarkdown, readTasks, type Task } from '../../src/checklist/index.js';
import { createParseCache, sharedParseCache } from '../../src/checklist/parse-cache.js';
import { seedSingleFlip } from '../../src/checklist/single-flip.js';

describe('bounded cache', () => {
  const make = (maxEntries: number, maxWeight: number) =>
    createBoundedCache<string>({ maxEntries, maxWeight, weigh: (key) => key.length });

  it('evicts the least recently used entry when full; a read counts as a use', () => {
    const cache = make(2, 100);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('keeps the total weight within bounds, and never keeps an entry heavier than the bound', () => {
    const cache = make(10, 6);
    cache.set('aaa', '1');
    cache.set('bbb', '2');
    cache.set('cc', '3');
    expect(cache.get('aaa')).toBeUndefined();
    expect(cache.weight).toBe(5);
    cache.set('ddddddd', '4');
    expect(cache.get('ddddddd')).toBeUndefined();
    expect(cache.weight).toBe(5);
  });

  it('replacing a key does not count its weight twice', () => {
    const cache = make(10, 10);
    cache.set('abc', '1');
    cache.set('abc', '2');
    expect([cache.size, cache.weight, cache.get('abc')]).toEqual([1, 3, '2']);
  });
});

describe('parse cache', () => {
  it('parses a body once, however often it is read, and counts misses and hits', () => {
    const cache = createParseCache();
    const first = cache.parse('- [ ] a\n');
    expect(cache.parse('- [ ] a\n')).toBe(first);
    expect(cache.stats()).toEqual({ fullParses: 1, hits: 1, seeded: 0 });
  });

  it('parses again once a body has been evicted', () => {
    const cache = createParseCache({ maxEntries: 2 });
    for (const body of ['- [ ] a', '- [ ] b', '- [ ] c', '- [ ] a']) cache.parse(body);
    expect(cache.stats().fullParses).toBe(4);
  });

  it('hands out seeded parses without parsing', () => {
    const cache = createParseCache();
    expect(seedSingleFlip('- [ ] a\n- [ ] b\n', '- [ ] a\n- [x] b\n', cache)).toBe(true);
    expect(cache.parse('- [ ] a\n- [x] b\n').doc?.root).toEqual(parseMarkdownFresh('- [ ] a\n- [x] b\n').doc?.root);
    expect(cache.stats()).toMatchObject({ fullParses: 1, seeded: 1 });
    expect(seedSingleFlip('- [ ] a\n', 'Rewritten\n', cache)).toBe(false);
    expect(cache.peek('Rewritten\n')).toBeUndefined();
  });

  it('is what parseMarkdown and readTasks read through', () => {
    const body = "- [ ] read by parseMarkdown and readTasks only\n";
    const before = sharedParseCache.stats();
    expect(parseMarkdown(body).doc).toBe(parseMarkdown(body).doc);
    expect(readTasks(body)).toBe(readTasks(body));
    expect(sharedParseCache.stats().fullParses - before.fullParses).toBe(1);
  });
});

describe('shared parses cannot be corrupted by a reader', () => {
  const body = '### Stage 1\n- [ ] CSM >> First\n  - [x] Nested\n';

  it('freezes the tree: changing it throws and leaves it as it was', () => {
    const { doc } = parseMarkdown(body);
    const root = doc!.root;
    expect(() => root.children.pop()).toThrow(TypeError);
    expect(() => {
      (root.children[0] as { depth: number }).depth = 1;
    }).toThrow(TypeError);
    expect(parseMarkdown(body).doc!.root).toEqual(parseMarkdownFresh(body).doc!.root);
  });

  it('freezes the task list and each task', () => {
    const tasks = readTasks(body);
    expect(() => (tasks as Task[]).push(tasks[0]!)).toThrow(TypeError);
    expect(() => (tasks as Task[]).sort((a, b) => b.index - a.index)).toThrow(TypeError);
    expect(() => {
      (tasks[0] as Task).checked = true;
    }).toThrow(TypeError);
    expect(readTasks(body).map((t) => [t.text, t.checked])).toEqual([
      ['CSM >> First', false],
      ['Nested', true],
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  declaredPrerequisites,
  findCycle,
  type GraphNode,
  isComplete,
  isLinear,
  neverStarting,
  prerequisites,
  readyStages,
  topologicalOrder,
} from '../../src/template/stage-graph.js';

const linear: GraphNode[] = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
// The partner hub: enrolment, then four tracks side by side, the transfer optional.
const hub: GraphNode[] = [
  { key: 'enrol' },
  { key: 'reseller', after: ['enrol'] },
  { key: 'gdap', after: ['enrol'] },
  { key: 'hub', after: ['enrol'] },
  { key: 'p2p', after: ['enrol'], optional: true },
];

describe('stage graph, case by case', () => {
  it.each<[string, GraphNode[], Record<string, string[]>]>([
    ['no after: each stage waits for the one before', linear, { a: [], b: ['a'], c: ['b'] }],
    ['after: [] starts with the onboarding', [{ key: 'a' }, { key: 'b', after: [] }], { a: [], b: [] }],
    ['several prerequisites', [{ key: 'a' }, { key: 'b', after: [] }, { key: 'c', after: ['a', 'b'] }], { a: [], b: [], c: ['a', 'b'] }],
    ['a name that is no stage is left out', [{ key: 'a' }, { key: 'b', after: ['zz', 'a'] }], { a: [], b: ['a'] }],
    ['a stage that does not apply is see-through', [{ key: 'a' }, { key: 'b', applicable: false }, { key: 'c' }], { a: [], c: ['a'] }],
    ['see-through across two stages and a fork', [{ key: 'a' }, { key: 'x', after: [] }, { key: 'b', after: ['a', 'x'], applicable: false }, { key: 'c', applicable: false }, { key: 'd' }], { a: [], x: [], d: ['a', 'x'] }],
  ])('%s', (_name, nodes, expected) => {
    expect(Object.fromEntries(prerequisites(nodes))).toEqual(expected);
  });

  it.each<[string, GraphNode[], string[], string[]]>([
    ['linear, nothing done: the first stage', linear, [], ['a']],
    ['linear, first done: the second', linear, ['a'], ['b']],
    ['four tracks open at once after the enrolment', hub, ['enrol'], ['reseller', 'gdap', 'hub', 'p2p']],
    ['a track done early leaves the others', hub, ['enrol', 'gdap'], ['reseller', 'hub', 'p2p']],
    ['a stage closed ahead of its turn lets nothing after it start', linear, ['b'], ['a']],
    ['a track closed ahead of the enrolment starts nothing', hub, ['gdap'], ['enrol']],
  ])('ready: %s', (_name, nodes, done, expected) => {
    expect(readyStages(nodes, new Set(done))).toEqual(expected);
  });

  it.each<[string, GraphNode[], string[], boolean]>([
    ['linear, all done', linear, ['a', 'b', 'c'], true],
    ['linear, last open', linear, ['a', 'b'], false],
    ['hub: every required track done, transfer open', hub, ['enrol', 'reseller', 'gdap', 'hub'], true],
    ['hub: one required track open', hub, ['enrol', 'reseller', 'gdap', 'p2p'], false],
    ['a stage that does not apply need not be done', [{ key: 'a' }, { key: 'b', applicable: false }], ['a'], true],
    ['only optional stages: all of them', [{ key: 'a', optional: true }, { key: 'b', optional: true }], ['a'], false],
  ])('complete: %s', (_name, nodes, done, expected) => {
    expect(isComplete(nodes, new Set(done))).toBe(expected);
  });

  it('names a cycle in order, and the stages that wait for it can never start', () => {
    const nodes: GraphNode[] = [{ key: 'a' }, { key: 'b', after: ['c'] }, { key: 'c', after: ['b'] }, { key: 'd', after: ['c'] }, { key: 'e', after: ['a'] }];
    expect(findCycle(nodes)).toEqual(['b', 'c', 'b']);
    expect(neverStarting(nodes)).toEqual(['b', 'c', 'd']);
    expect(findCycle([{ key: 'a', after: ['a'] }])).toBeNull(); // a stage never waits for itself
    expect(findCycle(hub)).toBeNull();
    expect(neverStarting(hub)).toEqual([]);
  });

  it('knows a linear template when it sees one', () => {
    expect(isLinear(linear)).toBe(true);
    expect(isLinear([{ key: 'a', after: [] }, { key: 'b', after: ['a'] }])).toBe(true);
    expect(isLinear(hub)).toBe(false);
    expect(declaredPrerequisites(linear).get('c')).toEqual(['b']);
  });
});

/** A random DAG: each stage waits for the previous one (no after:) or for any earlier stages. */
const graphs = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          after: fc.option(fc.subarray(Array.from({ length: i }, (_, j) => `s${j}`)), { nil: undefined }),
          optional: fc.boolean(),
          applicable: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
        }),
      ),
    ),
  )
  .map((specs) => specs.map((s, i): GraphNode => ({ key: `s${i}`, after: s.after ?? null, optional: s.optional, applicable: s.applicable })));

describe('stage graph, random graphs', () => {
  it('a stage never becomes ready before its prerequisites, and completion comes exactly when every required stage is done', () => {
    fc.assert(
      fc.property(graphs, fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (nodes, picks) => {
        const pre = prerequisites(nodes);
        const done = new Set<string>();
        const required = nodes.filter((n) => n.applicable !== false && !n.optional).map((n) => n.key);
        for (const pick of picks) {
          const ready = readyStages(nodes, done);
          for (const key of ready) for (const p of pre.get(key)!) expect(done.has(p)).toBe(true);
          for (const key of ready) expect(done.has(key)).toBe(false);
          const complete = isComplete(nodes, done);
          const must = required.length > 0 ? required : nodes.filter((n) => n.applicable !== false).map((n) => n.key);
          expect(complete).toBe(must.every((k) => done.has(k)));
          // People may close any stage, even ahead of its turn.
          const open = nodes.filter((n) => n.applicable !== false && !done.has(n.key));
          if (open.length === 0) break;
          done.add(open[pick % open.length]!.key);
        }
        // Finishing every ready stage in turn finishes every applicable stage: a DAG never sticks.
        for (let ready = readyStages(nodes, done); ready.length > 0; ready = readyStages(nodes, done)) done.add(ready[0]!);
        expect(isComplete(nodes, done)).toBe(true);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('orders every applicable stage after its prerequisites, and a DAG from earlier stages has no cycle', () => {
    fc.assert(
      fc.property(graphs, (nodes) => {
        const order = topologicalOrder(nodes);
        const pre = prerequisites(nodes);
        expect(order.sort()).toEqual([...pre.keys()].sort());
        const at = new Map(topologicalOrder(nodes).map((k, i) => [k, i]));
        for (const [key, ps] of pre) for (const p of ps) expect(at.get(p)!).toBeLessThan(at.get(key)!);
        expect(findCycle(nodes)).toBeNull();
        expect(neverStarting(nodes)).toEqual([]);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

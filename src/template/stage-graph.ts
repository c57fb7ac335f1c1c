/**
 * The stage graph: which stages wait for which (pure). A template's stages form a DAG through
 * `after:`; a stage without `after:` waits for the previous stage, so today's linear template is
 * the graph where each stage follows the one before it, and one code path serves both.
 *
 * A stage that does not apply (its `when:` is false) is see-through: whoever waits for it waits
 * for what it waited for instead. An optional stage is waited for by the stages that name it, but
 * never holds up completion.
 */

/** What the graph needs to know of a stage. */
export interface GraphNode {
  key: string;
  /** Stage keys to wait for; null or absent: the previous stage in order. */
  after?: readonly string[] | null;
  optional?: boolean;
  /** False for a stage whose `when:` is false ("not applicable"); absent means true. */
  applicable?: boolean;
}

/** Prerequisites as declared: `after`, or the previous stage; keys that name no stage are left out. */
export function declaredPrerequisites(nodes: readonly GraphNode[]): Map<string, string[]> {
  const keys = new Set(nodes.map((n) => n.key));
  return new Map(
    nodes.map((n, i) => {
      const declared = n.after ?? (i > 0 ? [nodes[i - 1]!.key] : []);
      return [n.key, [...new Set(declared.filter((k) => keys.has(k) && k !== n.key))]];
    }),
  );
}

/**
 * Prerequisites among the stages that apply: a not-applicable prerequisite is replaced by its own
 * (transitively). Every applicable stage has an entry; a cycle is cut where it closes.
 */
export function prerequisites(nodes: readonly GraphNode[]): Map<string, string[]> {
  const declared = declaredPrerequisites(nodes);
  const applicable = new Set(nodes.filter((n) => n.applicable !== false).map((n) => n.key));
  const out = new Map<string, string[]>();
  const expand = (key: string, seen: Set<string>, into: Set<string>): void => {
    for (const p of declared.get(key) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (applicable.has(p)) into.add(p);
      else expand(p, seen, into);
    }
  };
  for (const n of nodes) {
    if (!applicable.has(n.key)) continue;
    const into = new Set<string>();
    expand(n.key, new Set([n.key]), into);
    out.set(n.key, [...into]);
  }
  return out;
}

/**
 * Applicable stages not done whose prerequisites are all done and reached: the ones that may be
 * active now. A prerequisite closed ahead of its turn (its own prerequisites still open) does not
 * count yet, so in a linear template only the first open stage is ever ready, as it always was.
 */
export function readyStages(nodes: readonly GraphNode[], done: ReadonlySet<string>, pre = prerequisites(nodes)): string[] {
  const reached = new Set<string>();
  for (const key of topologicalOrder(nodes, pre)) {
    if (done.has(key) && (pre.get(key) ?? []).every((p) => reached.has(p))) reached.add(key);
  }
  return nodes
    .filter((n) => n.applicable !== false && !done.has(n.key) && (pre.get(n.key) ?? []).every((p) => reached.has(p)))
    .map((n) => n.key);
}

/**
 * The onboarding is complete exactly when every applicable, required stage is done (when every
 * applicable stage is optional: when all of them are).
 */
export function isComplete(nodes: readonly GraphNode[], done: ReadonlySet<string>): boolean {
  const applicable = nodes.filter((n) => n.applicable !== false);
  const required = applicable.filter((n) => !n.optional);
  return (required.length > 0 ? required : applicable).every((n) => done.has(n.key));
}

/** One cycle in the declared graph, as stage keys in order (the first repeated at the end), or null. */
export function findCycle(nodes: readonly GraphNode[]): string[] | null {
  const pre = declaredPrerequisites(nodes);
  const state = new Map<string, 'open' | 'closed'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    state.set(key, 'open');
    path.push(key);
    for (const p of pre.get(key) ?? []) {
      if (state.get(p) === 'open') return [...path.slice(path.indexOf(p)), p].reverse();
      if (!state.has(p)) {
        const found = visit(p);
        if (found) return found;
      }
    }
    path.pop();
    state.set(key, 'closed');
    return null;
  };
  for (const n of nodes) {
    if (state.has(n.key)) continue;
    const found = visit(n.key);
    if (found) return found;
  }
  return null;
}

/** Stages that can never start: on a cycle, or waiting (transitively) for one. */
export function neverStarting(nodes: readonly GraphNode[]): string[] {
  const pre = declaredPrerequisites(nodes);
  const startable = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      if (startable.has(n.key)) continue;
      if ((pre.get(n.key) ?? []).every((p) => startable.has(p))) {
        startable.add(n.key);
        changed = true;
      }
    }
  }
  return nodes.filter((n) => !startable.has(n.key)).map((n) => n.key);
}

/** Applicable stages in an order where each comes after its prerequisites (cycles: stage order). */
export function topologicalOrder(nodes: readonly GraphNode[], pre = prerequisites(nodes)): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (key: string): void => {
    if (placed.has(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const p of pre.get(key) ?? []) visit(p);
    visiting.delete(key);
    placed.add(key);
    out.push(key);
  };
  for (const n of nodes) if (pre.has(n.key)) visit(n.key);
  return out;
}

/** True when every stage waits for exactly the one before it: today's linear template. */
export function isLinear(nodes: readonly GraphNode[]): boolean {
  return nodes.every((n, i) => n.after == null || (n.after.length === (i > 0 ? 1 : 0) && (i === 0 || n.after[0] === nodes[i - 1]!.key)));
}

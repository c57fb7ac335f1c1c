/**
 * The shape the code keeps: no import cycles between modules or between folders (type imports
 * count: they tie the folders together just the same), and the pure core (`onboarding/`,
 * `schedule/`, `template/`, `checklist/`, `commands/`, `render/`) never reaches GitHub or the
 * handlers; only `github/` talks to GitHub. The shell has one composition root: `src/index.ts`
 * (and the GitHub Action's entry, `src/action.ts`) reads the environment once and hands it to
 * `app/`, which nothing else imports.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of every file (static `import`/`export ... from`, type-only included), as src-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)\.js'/gms)].map((m) =>
      relative(SRC, resolve(dirname(file), `${m[1]}.ts`)),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** A folder under src/ is one node; a file at the top of src/ is its own. */
const nodeOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : file);

/** Strongly connected components with more than one member (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe('architecture', () => {
  const files = importGraph();

  it('reads real imports (the check would pass vacuously on an empty graph)', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get('onboarding/reconcile.ts')).toContain('onboarding/transitions.ts');
  });

  it('has no import cycle between modules', () => {
    const graph = new Map([...files].map(([f, targets]) => [f, new Set(targets)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const [file, targets] of files) {
      const from = nodeOf(file);
      const edges = graph.get(from) ?? new Set<string>();
      for (const t of targets) if (nodeOf(t) !== from) edges.add(nodeOf(t));
      graph.set(from, edges);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps the core away from GitHub and the handlers', () => {
    const core = ['onboarding', 'schedule', 'template', 'checklist', 'commands', 'render'];
    const offending = [...files].flatMap(([file, targets]) =>
      core.includes(nodeOf(file)) ? targets.filter((t) => ['github', 'handlers', 'jobs'].includes(nodeOf(t))).map((t) => `${file} -> ${t}`) : [],
    );
    expect(offending).toEqual([]);
  });

  it('reads the environment in the entries only (the app\'s and the CLI\'s)', () => {
    // PENDING(issue 18): cli/enroll.ts takes its env from the entry once its rework lands.
    const entries = ['index.ts', 'cli.ts', 'action.ts', 'cli/enroll.ts'];
    const readers = sourceFiles(SRC)
      .map((f) => relative(SRC, f))
      .filter((f) => !entries.includes(f) && /process\.env\b/.test(readFileSync(join(SRC, f), 'utf8').replace(/^\s*(\/?\*|\/\/).*$/gm, '')));
    expect(readers).toEqual([]);
  });

  it('keeps app/ the composition root: only the entries (the app\'s and the GitHub Action\'s) import it', () => {
    const offending = [...files].flatMap(([file, targets]) =>
      !['index.ts', 'action.ts'].includes(file) && nodeOf(file) !== 'app' ? targets.filter((t) => nodeOf(t) === 'app').map((t) => `${file} -> ${t}`) : [],
    );
    expect(offending).toEqual([]);
  });

  it('talks to GitHub only from github/ (no Octokit call elsewhere)', () => {
    const shell = ['handlers', 'app', 'coordination', 'jobs', 'portfolio', 'status-page', 'onboarding'];
    const calls = sourceFiles(SRC)
      .map((f) => relative(SRC, f))
      .filter((f) => shell.includes(nodeOf(f)) && /\b(?:octokit|Octokit)\.(?:rest|graphql|paginate|request)\b/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(calls).toEqual([]);
  });
});

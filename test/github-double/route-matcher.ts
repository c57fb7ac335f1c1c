/** Matches request paths against OpenAPI-style templates like `/repos/{owner}/{repo}/issues/{issue_number}`. */

/** A template that matched, with its decoded path parameters. */
export interface RouteMatch {
  template: string;
  params: Record<string, string>;
}

interface Compiled {
  template: string;
  segments: string[];
  literals: number;
}

/**
 * Finds the most specific template for a path: equal segment counts, literal segments preferred over
 * parameters (so `/issues/comments` beats `/issues/{issue_number}`). A trailing `{path}` parameter
 * swallows the rest of the path, since file paths carry slashes.
 */
export class RouteMatcher {
  private readonly bySize = new Map<number, Compiled[]>();
  private readonly greedy: Compiled[] = [];

  constructor(templates: Iterable<string>) {
    for (const template of templates) {
      const segments = template.split('/').slice(1);
      const compiled = { template, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
      const list = this.bySize.get(segments.length) ?? [];
      list.push(compiled);
      this.bySize.set(segments.length, list);
      if (segments.at(-1) === '{path}') this.greedy.push(compiled);
    }
  }

  match(path: string): RouteMatch | null {
    const parts = path.replace(/\/+$/, '').split('/').slice(1);
    let best: { compiled: Compiled; params: Record<string, string> } | null = null;
    for (const compiled of this.bySize.get(parts.length) ?? []) {
      const params = matchSegments(compiled.segments, parts);
      if (params && (!best || compiled.literals > best.compiled.literals)) best = { compiled, params };
    }
    if (!best) {
      for (const compiled of this.greedy) {
        const head = compiled.segments.length - 1;
        if (parts.length <= head) continue;
        const params = matchSegments(compiled.segments.slice(0, head), parts.slice(0, head));
        if (params && (!best || compiled.literals > best.compiled.literals)) {
          best = { compiled, params: { ...params, path: parts.slice(head).map(safeDecode).join('/') } };
        }
      }
    }
    return best ? { template: best.compiled.template, params: best.params } : null;
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (part === '') return null;
      params[segment.slice(1, -1)] = safeDecode(part);
    } else if (segment !== part) {
      return null;
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Injected failures: per route, a number of times, before or after the write happens, or never answering. */

/** What `double.fail()` takes. */
export interface FaultSpec {
  /** HTTP method to match (also accepted as a prefix of `route`). */
  method?: string;
  /** OpenAPI-style route, `'POST /repos/{owner}/{repo}/issues'`, `'/repos/{owner}/{repo}/issues'`, or `'graphql'`. Omitted = any. */
  route?: string;
  /** GraphQL only: the operation name (`mutation EmbarkCreateStages(...)`) the fault is for. */
  operation?: string;
  /** Status to answer; default 500. 403/429 with `retryAfter` read as a secondary rate limit. */
  status?: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /** How many matching requests fail; default 1. `Infinity` for all. */
  times?: number;
  /** Never answer (the request hangs until the client gives up or the double closes). */
  timeout?: boolean;
  /** Drop the connection without answering (the client sees a socket reset). */
  reset?: boolean;
  /** `reject` (default): fail without doing anything. `apply`: do the request, then answer the failure (a lost response). */
  after?: 'apply' | 'reject';
  /** Error message; defaults to GitHub's wording for the status. */
  message?: string;
  /**
   * Run just before the matching request is handled: a person acting in the gap between two of
   * Embark's requests (a tick between its read and its write). With `pass`, nothing fails.
   */
  before?: () => void;
  /** Let the request through (only `before` runs). */
  pass?: boolean;
}

/** Returned by `double.fail()`. */
export interface FaultHandle {
  /** Matching requests still to fail. */
  readonly remaining: number;
  /** Requests this fault has hit so far. */
  readonly hits: number;
  /** Remove the fault. */
  clear(): void;
}

interface Rule {
  method: string | null;
  path: string | null;
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** GitHub's texts for the statuses tests inject. */
export function faultMessage(spec: FaultSpec): string {
  if (spec.message) return spec.message;
  if ((spec.status === 403 || spec.status === 429) && spec.retryAfter !== undefined) {
    return 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
  }
  const texts: Record<number, string> = { 403: 'Forbidden', 429: 'Too Many Requests', 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return texts[spec.status ?? 500] ?? 'GitHub double: injected fault';
}

/** The active faults. */
export class Faults {
  private rules: Rule[] = [];

  add(spec: FaultSpec): FaultHandle {
    let method = spec.method?.toUpperCase() ?? null;
    let path: string | null = spec.route ?? null;
    if (path?.toLowerCase() === 'graphql') path = 'POST /graphql';
    const m = path ? /^([A-Za-z]+)\s+(\/.*)$/.exec(path) : null;
    if (m) {
      method = m[1]!.toUpperCase();
      path = m[2]!;
    }
    const rule: Rule = { method, path, spec, remaining: spec.times ?? 1, hits: 0 };
    this.rules.push(rule);
    return {
      get remaining() {
        return rule.remaining;
      },
      get hits() {
        return rule.hits;
      },
      clear: () => {
        this.rules = this.rules.filter((r) => r !== rule);
      },
    };
  }

  /** The fault that takes this request (using one of its `times`), or null. `route` is `METHOD /template`. */
  take(method: string, template: string, operation: string | null = null): FaultSpec | null {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === null || r.method === method) &&
        (r.path === null || r.path === template) &&
        (r.spec.operation === undefined || r.spec.operation === operation),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    rule.hits += 1;
    rule.spec.before?.();
    return rule.spec.pass ? null : rule.spec;
  }

  clear(): void {
    this.rules = [];
  }
}

/** Request counting and the request log, for measuring how many calls a user action costs. */

/** What `double.counts()` returns. Reads and writes are REST only; GraphQL is counted on its own. */
export interface Counts {
  /** Every HTTP request to the API, REST and GraphQL, app auth included. */
  total: number;
  /** REST GET/HEAD requests. */
  reads: number;
  /** REST POST/PATCH/PUT/DELETE requests (app token requests included: see `byRoute`). */
  writes: number;
  /** GraphQL requests (`POST /graphql`). */
  graphql: number;
  /** GraphQL requests whose operation is a mutation. */
  graphqlMutations: number;
  /** Per `METHOD /openapi/template` (GraphQL as `POST /graphql`). */
  byRoute: Record<string, number>;
}

/** One request in `double.requests`. */
export interface RequestLogEntry {
  method: string;
  /** Path without the `/api/v3` prefix, with the query string. */
  path: string;
  /** `METHOD /template`, or `METHOD /raw/path` when GitHub has no such route. */
  route: string;
  /** Login of who made it (the bot for the app). */
  actor: string;
  status?: number;
  body?: unknown;
  graphql?: { query: string; variables: unknown; operationName: string | null; mutation: boolean };
  /** Set when an injected fault answered. */
  fault?: boolean;
  at: string;
}

/** Counters plus the log. */
export class Metrics {
  private counts: Counts = Metrics.empty();
  readonly requests: RequestLogEntry[] = [];

  private static empty(): Counts {
    return { total: 0, reads: 0, writes: 0, graphql: 0, graphqlMutations: 0, byRoute: {} };
  }

  record(entry: RequestLogEntry): void {
    this.requests.push(entry);
    const c = this.counts;
    c.total += 1;
    c.byRoute[entry.route] = (c.byRoute[entry.route] ?? 0) + 1;
    if (entry.graphql) {
      c.graphql += 1;
      if (entry.graphql.mutation) c.graphqlMutations += 1;
    } else if (entry.method === 'GET' || entry.method === 'HEAD') {
      c.reads += 1;
    } else {
      c.writes += 1;
    }
  }

  snapshot(): Counts {
    return { ...this.counts, byRoute: { ...this.counts.byRoute } };
  }

  reset(): void {
    this.counts = Metrics.empty();
    this.requests.length = 0;
  }
}

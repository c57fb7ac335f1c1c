/**
 * The request path of the double: auth -> count -> latency -> OpenAPI check -> fault -> handler -> answer.
 * REST lives under `/api/v3`, GraphQL at `/api/graphql` (where Octokit looks for a GitHub Enterprise host).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import { type FaultSpec, type Faults, faultMessage } from './faults.js';
import { type GraphQLRequest, isMutation, runGraphQL } from './graphql/execute.js';
import type { Metrics, RequestLogEntry } from './metrics.js';
import type { OpenApiValidator } from './openapi.js';
import type { RestContext, RestHandler, RestResponse } from './rest/types.js';
import type { RouteMatcher } from './route-matcher.js';
import type { Serializer } from './serialize.js';
import type { Store } from './store.js';
import type { Actor } from './types.js';

/** A request GitHub's OpenAPI description does not allow. */
export interface Violation {
  method: string;
  path: string;
  route: string;
  problem: string;
  body: unknown;
}

/** What the pipeline needs from the double. */
export interface PipelineDeps {
  store: Store;
  serializer: Serializer;
  validator: OpenApiValidator;
  faults: Faults;
  metrics: Metrics;
  routes: Map<string, RestHandler>;
  matcher: RouteMatcher;
  validate: boolean;
  subIssues: boolean;
  dependencies?: boolean;
  latencyMs(): number;
  actorFor(authorization: string | undefined): Actor;
  issueAppToken(): string;
  violations: Violation[];
  internalErrors: Error[];
  /** A timer the double can cancel on close. */
  sleep(ms: number): Promise<void>;
  /** Called when a request starts and when it is answered (for `idle()`); hung requests end at once. */
  activity(delta: 1 | -1): void;
  /** Requests kept open by a `timeout` fault. */
  hung: Set<ServerResponse>;
}

const DOCS = 'https://docs.github.com/rest';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: RestResponse): void {
  const headers: Record<string, string> = {
    'x-github-request-id': randomUUID(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'core',
    ...response.headers,
  };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
  } else if (response.raw) {
    res.writeHead(response.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(String(response.body));
  } else {
    res.writeHead(response.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(response.body));
  }
}

function errorResponse(error: unknown, deps: PipelineDeps): RestResponse {
  if (error instanceof ApiError) {
    const headers = { ...error.headers };
    if (headers.location?.startsWith('/')) headers.location = deps.serializer.apiUrl + headers.location;
    return { status: error.status, body: error.toBody(), headers };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  deps.internalErrors.push(err);
  return { status: 500, body: { message: `GitHub double internal error: ${err.message}`, documentation_url: DOCS } };
}

function faultResponse(spec: FaultSpec): RestResponse {
  const status = spec.status ?? 500;
  const headers: Record<string, string> = spec.retryAfter !== undefined ? { 'retry-after': String(spec.retryAfter) } : {};
  return { status, body: { message: faultMessage(spec), documentation_url: DOCS, status: String(status) }, headers };
}

/** Answer a fault, or keep the request open for a `timeout` fault. Returns true when it hangs. */
function answerFault(res: ServerResponse, spec: FaultSpec, entry: RequestLogEntry, deps: PipelineDeps): boolean {
  entry.fault = true;
  if (spec.timeout) {
    deps.hung.add(res);
    res.on('close', () => deps.hung.delete(res));
    return true;
  }
  if (spec.reset) {
    entry.status = 0;
    res.socket?.destroy();
    return false;
  }
  const response = faultResponse(spec);
  entry.status = response.status;
  send(res, response);
  return false;
}

/** The Node request listener. */
export function createRequestListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    deps.activity(1);
    let open = true;
    const finish = () => {
      if (open) deps.activity(-1);
      open = false;
    };
    handle(req, res, deps)
      .catch((error) => {
        if (!res.headersSent) send(res, errorResponse(error, deps));
      })
      .finally(finish);
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  const actor = deps.actorFor(req.headers.authorization);
  if (url.pathname === '/api/graphql' && method === 'POST') return graphqlRequest(res, raw, actor, deps);
  if (!url.pathname.startsWith('/api/v3/') && url.pathname !== '/api/v3') {
    return send(res, { status: 404, body: { message: `GitHub double: no route ${method} ${url.pathname} (REST is under /api/v3, GraphQL is POST /api/graphql)`, documentation_url: DOCS } });
  }
  const path = url.pathname.slice('/api/v3'.length) || '/';
  let body: unknown;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } });
    }
  }
  const spec = deps.validator.template(path);
  const own = deps.matcher.match(path);
  const template = spec?.template ?? own?.template ?? path;
  const entry: RequestLogEntry = { method, path: path + url.search, route: `${method} ${template}`, actor: actor.user.login, body, at: deps.store.clock.iso() };
  deps.metrics.record(entry);
  await deps.sleep(deps.latencyMs());

  if (deps.validate) {
    const check = deps.validator.check(method, path, Object.fromEntries(url.searchParams), body);
    if (!check.ok) {
      const violation = { method, path: path + url.search, route: entry.route, problem: check.problem, body };
      deps.violations.push(violation);
      const message = `GitHub double: request does not match GitHub's OpenAPI description: ${entry.route}: ${check.problem}`;
      entry.status = 400;
      return send(res, { status: 400, body: { message, documentation_url: DOCS } });
    }
  }
  const fault = deps.faults.take(method, template);
  if (fault && fault.after !== 'apply') {
    answerFault(res, fault, entry, deps);
    return;
  }
  const handler = own ? deps.routes.get(`${method} ${own.template}`) : undefined;
  let response: RestResponse;
  if (!handler || !own) {
    response = { status: 404, body: { message: `GitHub double: no handler for ${entry.route} (add one in test/github-double/rest/)`, documentation_url: DOCS } };
  } else {
    const ctx: RestContext = { store: deps.store, serializer: deps.serializer, subIssues: deps.subIssues, issueAppToken: deps.issueAppToken };
    try {
      response = handler({ method, template: own.template, params: own.params, query: url.searchParams, body, headers: req.headers, actor, url }, ctx);
    } catch (error) {
      response = errorResponse(error, deps);
    }
  }
  if (fault) {
    answerFault(res, fault, entry, deps);
    return;
  }
  entry.status = response.status;
  send(res, response);
}

async function graphqlRequest(res: ServerResponse, raw: string, actor: Actor, deps: PipelineDeps): Promise<void> {
  let request: GraphQLRequest;
  try {
    request = JSON.parse(raw) as GraphQLRequest;
  } catch {
    return send(res, { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } });
  }
  const entry: RequestLogEntry = {
    method: 'POST',
    path: '/graphql',
    route: 'POST /graphql',
    actor: actor.user.login,
    body: request,
    graphql: { query: request.query ?? '', variables: request.variables ?? null, operationName: request.operationName ?? null, mutation: isMutation(request) },
    at: deps.store.clock.iso(),
  };
  deps.metrics.record(entry);
  await deps.sleep(deps.latencyMs());
  const operation = request.operationName ?? /\b(?:query|mutation)\s+(\w+)/.exec(request.query ?? '')?.[1] ?? null;
  const fault = deps.faults.take('POST', '/graphql', operation);
  if (fault && fault.after !== 'apply') {
    answerFault(res, fault, entry, deps);
    return;
  }
  let response: RestResponse;
  try {
    const result = await runGraphQL(request, { store: deps.store, serializer: deps.serializer, viewer: actor, subIssues: deps.subIssues, dependencies: deps.dependencies ?? true });
    response = { status: 200, body: result };
  } catch (error) {
    response = errorResponse(error, deps);
  }
  if (fault) {
    answerFault(res, fault, entry, deps);
    return;
  }
  entry.status = response.status;
  send(res, response);
}

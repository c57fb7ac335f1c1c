/**
 * Checks REST requests against GitHub's OpenAPI description (@octokit/openapi).
 * Reads the un-dereferenced `api.github.com.json` (13 MB, parsed in ~150 ms; the deref file is 73 MB and
 * ~800 ms) once per process, and resolves `$ref`s only for the operations requests actually use.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageFile } from './package-file.js';
import { RouteMatcher } from './route-matcher.js';

type SchemaNode = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaNode;
}
interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaNode }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: Record<string, Record<string, unknown>>;
}

/** The outcome of checking one request. */
export type SpecCheck = { ok: true; template: string } | { ok: false; template: string | null; problem: string };

interface CompiledOperation {
  params: ValidateFunction;
  body: ValidateFunction | null;
  bodyRequired: boolean;
}

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** The description and its matcher, shared by every double in the process because they never change. */
let shared: { spec: Spec; matcher: RouteMatcher } | null = null;

function load(): { spec: Spec; matcher: RouteMatcher } {
  if (!shared) {
    const file = packageFile('@octokit/openapi', 'generated/api.github.com.json');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
    shared = { spec, matcher: new RouteMatcher(Object.keys(spec.paths)) };
  }
  return shared;
}

/** Request validation against the description; compiled validators are cached per operation. */
export class OpenApiValidator {
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly bodyAjv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false }));
  private readonly paramAjv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes: 'array' }));

  /** The OpenAPI template a path belongs to, or null when GitHub has no such path. */
  template(path: string): { template: string; params: Record<string, string> } | null {
    return load().matcher.match(path);
  }

  /** Check method, path, parameters and JSON body. `query` holds raw query-string values. */
  check(method: string, path: string, query: Record<string, string>, body: unknown): SpecCheck {
    const { spec } = load();
    const match = this.template(path);
    if (!match) return { ok: false, template: null, problem: `no path ${path} in GitHub's REST API` };
    const operation = spec.paths[match.template]?.[method.toLowerCase()] as Operation | undefined;
    if (!operation) return { ok: false, template: match.template, problem: `${method} is not an operation of ${match.template}` };
    const compiled = this.compile(spec, `${method} ${match.template}`, operation);
    const values = { ...query, ...match.params };
    if (!compiled.params(values)) {
      return { ok: false, template: match.template, problem: `parameters: ${describe(compiled.params.errors)}` };
    }
    if (body === undefined) {
      return compiled.bodyRequired ? { ok: false, template: match.template, problem: 'a JSON request body is required' } : { ok: true, template: match.template };
    }
    if (compiled.body && !compiled.body(body)) {
      return { ok: false, template: match.template, problem: `body: ${describe(compiled.body.errors)}` };
    }
    return { ok: true, template: match.template };
  }

  private compile(spec: Spec, key: string, operation: Operation): CompiledOperation {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const parameters = (operation.parameters ?? []).map((p) => resolve(spec, p) as Parameter).filter((p) => p.in === 'path' || p.in === 'query');
    const paramSchema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, resolve(spec, p.schema ?? {})])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
    const content = operation.requestBody?.content ?? {};
    const json = content['application/json'] ?? Object.values(content)[0];
    const compiled: CompiledOperation = {
      params: this.paramAjv.compile(paramSchema),
      body: json?.schema ? this.bodyAjv.compile(resolve(spec, json.schema) as SchemaNode) : null,
      bodyRequired: operation.requestBody?.required === true,
    };
    this.compiled.set(key, compiled);
    return compiled;
  }
}

/** Inline local `$ref`s (cycles become `{}`: request bodies are shallow, so nothing real is lost). */
function resolve(spec: Spec, node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => resolve(spec, item, seen));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) return {};
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    return resolve(spec, target, [...seen, ref]);
  }
  // Ajv rejects OpenAPI's `nullable` without a `type` (GitHub's description has a few): drop it there.
  const dropped = new Set(['example', 'examples', ...('type' in node ? [] : ['nullable'])]);
  return Object.fromEntries(Object.entries(node).filter(([k]) => !dropped.has(k)).map(([k, v]) => [k, resolve(spec, v, seen)]));
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
  return [...new Set(lines)].slice(0, 5).join('; ');
}

/**
 * What a start request asks for, read from its JSON body (and query string) by one strict zod
 * schema. Two shapes:
 * - Embark's own body: `{ repository, template, customer, externalId, fields, properties, owners,
 *   contacts }`; a key it does not know is refused by name.
 * - A system that cannot shape its body (a HubSpot workflow's webhook): `?repository=&template=`
 *   in the URL, and the whole body is the record's properties (a flat object, or HubSpot's
 *   `properties: { name: { value } }`), turned into the onboarding by the repository's mapping.
 * Pure.
 */
import { z } from 'zod';
import { type FieldProblem, pointer } from './problem.js';

/** A start request, checked for shape (what the template and config say is checked later). */
export interface StartRequest {
  /** `envelope`: Embark's body; `properties`: the body is the record's properties (`?repository=&template=`). */
  shape: 'envelope' | 'properties';
  repository: { owner: string; repo: string };
  /** The template as people name it: file name, slug or name (`managed-services`). */
  template: string;
  customer: string | null;
  /** The record's id in the system that sent it (a deal id); null when not given. */
  externalId: string | null;
  /** Intake field name (as the request spells it) -> value. */
  fields: Record<string, string>;
  /** Named incoming properties, as strings; mapped by the repository's `api` config. */
  properties: Record<string, string>;
  /** Role (as the request spells it) -> GitHub logins. */
  owners: Record<string, string[]>;
  contacts: { name: string; email: string }[];
}

export type ParsedRequest = { ok: true; request: StartRequest } | { ok: false; errors: FieldProblem[] };

/** `owner/name` as GitHub allows them. */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const CONTROL = /\p{Cc}/u;

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must be one line, without control characters');

const repository = z.string().regex(REPOSITORY, 'write it as owner/name, e.g. acme/onboarding');
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const name = z.string().min(1).max(200);
const logins = z.union([z.string(), z.array(z.string()).max(50)]);

/** Embark's own body. */
export const startBodySchema = z
  .object({
    /** The repository the onboarding lives in, `owner/name`. */
    repository,
    /** The onboarding template: file name, slug or name, as `/onboard` takes it. */
    template: oneLine(200),
    /** The customer's name; the EPIC's title is the template's with it. */
    customer: oneLine(200).optional(),
    /** The record's id in your system (a deal id): a repeat with it returns the same onboarding. */
    externalId: oneLine(200).optional(),
    /** Intake fields by name (`"Tenant ID": "T-1"`); names match ignoring case, spaces and punctuation. */
    fields: z.record(name, scalar).optional(),
    /** Named properties, turned into fields by the repository's `api` mapping. */
    properties: z.record(name, z.unknown()).optional(),
    /** Owners per role for this onboarding: GitHub logins, a list or one string. */
    owners: z.record(name, logins).optional(),
    /** The customer's contacts. */
    contacts: z
      .array(z.object({ name: z.string().max(200).optional(), email: z.string().min(1).max(320) }).strict())
      .max(50)
      .optional(),
  })
  .strict();

const KNOWN_KEYS = Object.keys(startBodySchema.shape).join(', ');

/** A property value as text; null drops it (HubSpot sends null for an empty property). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // HubSpot's object API shape: `{ "value": "...", "timestamp": ..., "versions": [...] }`.
  if (typeof value === 'object' && !Array.isArray(value) && 'value' in value) return text((value as { value: unknown }).value);
  return null;
}

/** A record's properties as flat text: nested `properties` objects (HubSpot) are read too. */
export function flattenProperties(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) {
        const t = text(v);
        if (t !== null) out[k] = t;
      }
      continue;
    }
    const t = text(value);
    if (t !== null && !(key in out)) out[key] = t;
  }
  return out;
}

function splitLogins(value: string | string[]): string[] {
  const list = Array.isArray(value) ? value : value.split(/[\s,;]+/);
  return list.map((l) => l.trim().replace(/^@/, '')).filter((l) => l !== '');
}

function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ pointer: pointer(...path, key), detail: `unknown field; the body takes ${KNOWN_KEYS}` }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ pointer: pointer(...path), detail: 'is required' }];
    return [{ pointer: pointer(...path), detail: issue.message }];
  });
}

/** Read a request: `body` is the parsed JSON, `query` the URL's parameters. */
export function parseStartRequest(body: unknown, query: URLSearchParams): ParsedRequest {
  if (query.has('repository') || query.has('template')) return fromQuery(body, query);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, errors: [{ pointer: '', detail: 'the body must be a JSON object' }] };
  }
  const parsed = startBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: zodProblems(parsed.error) };
  const b = parsed.data;
  const [, owner, repo] = REPOSITORY.exec(b.repository)!;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(b.fields ?? {})) {
    const t = text(v);
    if (t !== null) fields[k] = t;
  }
  return {
    ok: true,
    request: {
      shape: 'envelope',
      repository: { owner: owner!, repo: repo! },
      template: b.template,
      customer: b.customer ?? null,
      externalId: b.externalId ?? null,
      fields,
      properties: b.properties ? flattenProperties(b.properties) : {},
      owners: Object.fromEntries(Object.entries(b.owners ?? {}).map(([role, who]) => [role, splitLogins(who)])),
      contacts: (b.contacts ?? []).map((c) => ({ name: c.name ?? '', email: c.email })),
    },
  };
}

/** The properties shape: repository and template in the URL, the body is the record. */
function fromQuery(body: unknown, query: URLSearchParams): ParsedRequest {
  const errors: FieldProblem[] = [];
  const repo = query.get('repository') ?? '';
  const template = (query.get('template') ?? '').trim();
  const match = REPOSITORY.exec(repo);
  if (!match) errors.push({ pointer: '#/query/repository', detail: repo === '' ? 'is required with ?template=' : 'write it as owner/name, e.g. acme/onboarding' });
  if (template === '') errors.push({ pointer: '#/query/template', detail: 'is required with ?repository=' });
  for (const key of query.keys()) {
    if (key !== 'repository' && key !== 'template') errors.push({ pointer: `#/query/${key}`, detail: 'unknown parameter; the URL takes repository and template' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) errors.push({ pointer: '', detail: 'the body must be a JSON object of properties' });
  if (errors.length > 0 || !match) return { ok: false, errors };
  return {
    ok: true,
    request: {
      shape: 'properties',
      repository: { owner: match[1]!, repo: match[2]! },
      template,
      customer: null,
      externalId: null,
      fields: {},
      properties: flattenProperties(body as Record<string, unknown>),
      owners: {},
      contacts: [],
    },
  };
}

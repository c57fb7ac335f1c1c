/**
 * Problem details (RFC 9457) for the start API: every refusal says what is wrong and how to fix
 * it, and a refusal about the request's content names each field it is about with a JSON
 * Pointer (`/fields/Tenant ID`), so the system that sent it can show the right line.
 */

/** One thing wrong with a field of the request. */
export interface FieldProblem {
  /** JSON Pointer into the body (`/customer`), or `#/header/Idempotency-Key`, `#/query/repository`. */
  pointer: string;
  detail: string;
}

/** An `application/problem+json` document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Extension member: the fields at fault, when the problem is about the request's content. */
  errors?: FieldProblem[];
}

/** Problem types, relative to the API's own address (RFC 9457 allows a relative reference). */
export const PROBLEM_TYPES = {
  unauthorized: { path: 'unauthorized', title: 'The request is not signed or authorised' },
  malformed: { path: 'malformed', title: 'The request cannot be read' },
  invalid: { path: 'invalid', title: 'The request has invalid or unknown fields' },
  tooLarge: { path: 'too-large', title: 'The request body is too large' },
  notFound: { path: 'not-found', title: 'No such onboarding' },
  method: { path: 'method', title: 'Method not allowed' },
  off: { path: 'off', title: 'The start API is off' },
  failed: { path: 'failed', title: 'The onboarding could not be started' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Where the problem types are described. */
const TYPE_BASE = '/embark/api/problems/';

/** Build a problem document of `kind`. */
export function problem(kind: ProblemKind, status: number, detail: string, errors?: FieldProblem[]): Problem {
  const t = PROBLEM_TYPES[kind];
  return { type: `${TYPE_BASE}${t.path}`, title: t.title, status, detail, ...(errors && errors.length > 0 ? { errors } : {}) };
}

/** `fields`, `Tenant ID` -> `/fields/Tenant ID` (RFC 6901 escaping of `~` and `/`). */
export function pointer(...path: (string | number)[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** A 422 about these fields, with a detail that lists them (for clients that show only `detail`). */
export function invalid(errors: FieldProblem[]): Problem {
  const detail = errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; ');
  return problem('invalid', 422, detail, errors);
}

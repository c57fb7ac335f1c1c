/** The shape of REST route handlers. */
import type { Serializer } from '../serialize.js';
import type { Store } from '../store.js';
import type { Actor } from '../types.js';

/** One parsed REST request. */
export interface RestRequest {
  method: string;
  /** OpenAPI template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are JSON checked against OpenAPI before handlers run
  body: any;
  headers: Record<string, string | string[] | undefined>;
  actor: Actor;
  /** Full URL of the request (for Link headers). */
  url: URL;
}

/** What a handler answers. */
export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as text instead of JSON (raw media types). */
  raw?: boolean;
}

/** What handlers may use. */
export interface RestContext {
  store: Store;
  serializer: Serializer;
  subIssues: boolean;
  /** Issue an installation token (the double remembers it as the app's). */
  issueAppToken(): string;
}

export type RestHandler = (req: RestRequest, ctx: RestContext) => RestResponse;

/** Handlers keyed by `METHOD /openapi/template`. */
export type RouteTable = Record<string, RestHandler>;

/** JSON answer helper. */
export const json = (status: number, body: unknown, headers?: Record<string, string>): RestResponse => ({ status, body, headers });

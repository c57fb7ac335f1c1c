/** Runs a GraphQL request against GitHub's schema with the double's resolvers, answering in GitHub's error format. */
import { type DocumentNode, execute, type GraphQLError, Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { ApiError, GraphQLDomainError } from '../errors.js';
import { mutations } from './mutations.js';
import { projectMutations, projectQueries } from './projects.js';
import { githubSchema, withoutDependencies, withoutSubIssues } from './schema.js';
import { actorView, type GqlContext, nodeView, repoView, searchView } from './views.js';

/** A GraphQL POST body. */
export interface GraphQLRequest {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The JSON GitHub answers (always with HTTP 200, errors included). */
export interface GraphQLResponse {
  data?: unknown;
  errors?: Array<Record<string, unknown>>;
}

const queries = {
  repository: (args: { owner: string; name: string }, ctx: GqlContext) => {
    const repo = ctx.store.repos.get(`${args.owner}/${args.name}`.toLowerCase());
    if (!repo) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
    return repoView(ctx, repo);
  },
  user: (args: { login: string }, ctx: GqlContext) => {
    const user = ctx.store.findUser(args.login);
    if (user?.type !== 'User') throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a User with the login of '${args.login}'.`);
    return actorView(ctx, user);
  },
  viewer: (_args: unknown, ctx: GqlContext) => actorView(ctx, ctx.viewer.user),
  search: (args: Parameters<typeof searchView>[1], ctx: GqlContext) => searchView(ctx, args),
  node: (args: { id: string }, ctx: GqlContext) => {
    const view = nodeView(ctx, args.id);
    if (!view) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a node with the global id of '${args.id}'`);
    return view;
  },
  nodes: (args: { ids: string[] }, ctx: GqlContext) => args.ids.map((id) => nodeView(ctx, id)),
  rateLimit: () => ({ cost: 1, limit: 5000, remaining: 4999, used: 1, resetAt: new Date(Date.now() + 3600_000).toISOString(), nodeCount: 0 }),
};

/** The operation a request runs (by name, or the only one). */
export function selectedOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** Whether the request text contains a mutation (for counting); false when it does not parse. */
export function isMutation(request: GraphQLRequest): boolean {
  try {
    return selectedOperation(parse(request.query ?? ''), request.operationName)?.operation === 'mutation';
  } catch {
    return false;
  }
}

/** GitHub's error entry: message, locations, path, and `type` for domain errors. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  const entry: Record<string, unknown> = {};
  if (original instanceof GraphQLDomainError) entry.type = original.type;
  else if (original instanceof ApiError) entry.type = original.status === 404 ? 'NOT_FOUND' : original.status === 422 ? 'UNPROCESSABLE' : 'FORBIDDEN';
  if (error.path) entry.path = error.path;
  if (error.extensions && Object.keys(error.extensions).length > 0) entry.extensions = error.extensions;
  if (error.locations) entry.locations = error.locations;
  const detail = original instanceof ApiError ? original.errors?.map((e) => e.message ?? `${e.field} ${e.code}`).join('; ') : undefined;
  entry.message = detail || error.message;
  return entry;
}

/** Parse, validate (with the sub-issue rule when the feature is off) and execute. */
export async function runGraphQL(request: GraphQLRequest, ctx: GqlContext): Promise<GraphQLResponse> {
  const schema = githubSchema();
  let document: DocumentNode;
  try {
    document = parse(request.query ?? '');
  } catch (error) {
    return { errors: [formatError(error as GraphQLError)] };
  }
  const rules = [...specifiedRules, ...(ctx.subIssues ? [] : [withoutSubIssues]), ...(ctx.dependencies === false ? [withoutDependencies] : [])];
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) return { errors: invalid.map(formatError) };
  const result = await execute({
    schema,
    document,
    rootValue: { ...queries, ...projectQueries, ...mutations, ...projectMutations },
    contextValue: ctx,
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? undefined,
  });
  return {
    ...(result.errors ? { errors: result.errors.map(formatError) } : {}),
    data: result.data ?? null,
  };
}


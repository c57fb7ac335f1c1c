/** Relay connections with GitHub's rules: `first` or `last` required, at most 100, opaque cursors. */
import { GraphQLDomainError } from '../errors.js';

/** Pagination arguments of a connection field. */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursor = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString('base64');

function indexOf(value: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(value, 'base64').toString('utf8'));
  if (!m) throw new GraphQLDomainError('INVALID_CURSOR_ARGUMENTS', `\`${value}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

/** Page `items` (already in the connection's order) into `{ totalCount, nodes, edges, pageInfo }`. */
export function connection<T>(items: T[], args: ConnectionArgs, name: string): Record<string, unknown> {
  const { first, last } = args;
  if (first == null && last == null) {
    throw new GraphQLDomainError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  }
  for (const [key, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (value > 100 || value < 0)) {
      throw new GraphQLDomainError('EXCESSIVE_PAGINATION', `Requesting ${value} records on the \`${name}\` connection exceeds the \`${key}\` limit of 100 records.`);
    }
  }
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = items.slice(start, end).map((node, i) => ({ node, cursor: cursor(start + i) }));
  return {
    totalCount: items.length,
    nodes: slice.map((e) => e.node),
    edges: slice,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
  };
}

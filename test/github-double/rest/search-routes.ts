/** `GET /search/issues`: the query language subset in search-query.ts, newest first unless `sort` says otherwise. */
import { validationFailed } from '../errors.js';
import { matchesIssue, parseIssueQuery } from '../search-query.js';
import type { Store } from '../store.js';
import type { IssueRecord } from '../types.js';
import { linkHeader, pageParams } from './paginate.js';
import type { RouteTable } from './types.js';

/** Live issues matching `q`, sorted like GitHub's `sort`/`order` (default: created, newest first). */
export function searchIssues(store: Store, q: string, sort = 'created', order = 'desc'): IssueRecord[] {
  const query = parseIssueQuery(q);
  const hits = [...store.issues.values()].filter(
    (i) => !i.deleted && !i.moved_to && matchesIssue(query, i, () => store.issueComments(i.id).map((c) => c.body)),
  );
  const key = (i: IssueRecord) => (sort === 'updated' ? i.updated_at : sort === 'comments' ? String(store.issueComments(i.id).length).padStart(8, '0') : i.created_at);
  hits.sort((a, b) => (key(a) === key(b) ? a.id - b.id : key(a) < key(b) ? -1 : 1));
  return order === 'asc' ? hits : hits.reverse();
}

/** Search routes. */
export const searchRoutes: RouteTable = {
  'GET /search/issues': (req, { store, serializer }) => {
    const q = req.query.get('q') ?? '';
    if (!q.trim()) throw validationFailed({ resource: 'Search', field: 'q', code: 'missing' });
    const hits = searchIssues(store, q, req.query.get('sort') ?? 'created', req.query.get('order') ?? 'desc');
    const { page, perPage } = pageParams(req.query);
    const items = hits.slice((page - 1) * perPage, page * perPage).map((i) => ({ ...serializer.issue(i), score: 1 }));
    const link = linkHeader(req.url, page, Math.max(1, Math.ceil(hits.length / perPage)), perPage);
    const headers: Record<string, string> = link ? { link } : {};
    return { status: 200, body: { total_count: hits.length, incomplete_results: false, items }, headers };
  },
};

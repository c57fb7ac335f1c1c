/** GitHub's page-number pagination: `per_page` (default 30, max 100), `page`, and a Link header. */
import type { RestResponse } from './types.js';

/** Slice `items` for the request and answer them with GitHub's Link header. */
export function paginated(items: unknown[], url: URL, status = 200): RestResponse {
  const { page, perPage } = pageParams(url.searchParams);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(url, page, last, perPage);
  return { status, body: slice, headers: link ? { link } : {} };
}

/** Page and page size from a query string, clamped like GitHub. */
export function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return { page, perPage };
}

/** `<...page=2>; rel="next", <...>; rel="last"` etc., or '' for a single page. */
export function linkHeader(url: URL, page: number, last: number, perPage: number): string {
  const at = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return `<${u}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  return links.join(', ');
}

/** All REST handlers, keyed by `METHOD /openapi/template`. */
import { appRoutes } from './app-routes.js';
import { commentRoutes } from './comment-routes.js';
import { issueRoutes } from './issue-routes.js';
import { orgRoutes } from './org-routes.js';
import { repoRoutes } from './repo-routes.js';
import { searchRoutes } from './search-routes.js';
import { subIssueRoutes } from './sub-issue-routes.js';
import type { RestHandler } from './types.js';

/** Every route the double answers. Anything else gets a 404 naming the route. */
export const allRoutes: ReadonlyMap<string, RestHandler> = new Map(
  Object.entries({ ...appRoutes, ...orgRoutes, ...repoRoutes, ...issueRoutes, ...commentRoutes, ...subIssueRoutes, ...searchRoutes }),
);

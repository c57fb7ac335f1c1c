/** Organisation routes: the issue types an organisation defines. */
import { notFound } from '../errors.js';
import { json, type RouteTable } from './types.js';

/** Organisation routes. An owner without issue types (a user, or types never set up) answers 404. */
export const orgRoutes: RouteTable = {
  'GET /orgs/{org}/issue-types': (req, { store }) => {
    const types = store.issueTypes.get(req.params['org']!.toLowerCase());
    if (!types) throw notFound();
    return json(200, types.map((t) => ({ ...t, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' })));
  },
};

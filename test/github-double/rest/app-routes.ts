/** App authentication routes: the double accepts any JWT and hands out installation tokens. */
import { notFound } from '../errors.js';
import { json, type RouteTable } from './types.js';

/** `GET /app`, installations, and `POST /app/installations/{id}/access_tokens`. */
export const appRoutes: RouteTable = {
  'GET /app': (_req, { serializer }) => json(200, serializer.appJson()),

  'GET /app/installations': (_req, { store, serializer }) =>
    json(
      200,
      [...store.installations].map(([owner, id]) => serializer.installation(store.findUser(owner)!, id)),
    ),

  'GET /app/installations/{installation_id}': (req, { store, serializer }) => {
    const found = [...store.installations].find(([, id]) => String(id) === req.params.installation_id);
    if (!found) throw notFound();
    return json(200, serializer.installation(store.findUser(found[0])!, found[1]));
  },

  'GET /repos/{owner}/{repo}/installation': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    return json(200, serializer.installation(repo.owner, repo.installationId));
  },

  'POST /app/installations/{installation_id}/access_tokens': (req, ctx) => {
    const known = [...ctx.store.installations.values()].some((id) => String(id) === req.params.installation_id);
    if (!known) throw notFound();
    const expires = new Date(ctx.store.clock.now().getTime() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return json(201, {
      token: ctx.issueAppToken(),
      expires_at: expires,
      permissions: { issues: 'write', contents: 'read', metadata: 'read' },
      repository_selection: 'all',
    });
  },

  'GET /installation/repositories': (_req, { store, serializer }) => {
    const repositories = [...store.repos.values()].map((repo) => serializer.repo(repo));
    return json(200, { total_count: repositories.length, repositories });
  },
};

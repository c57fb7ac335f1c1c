/** Issue comment routes and comment reactions. */
import { createComment, deleteComment, editComment, react } from '../comment-ops.js';
import type { Store } from '../store.js';
import type { ReactionContent } from '../types.js';
import { issueOf } from './issue-routes.js';
import { paginated } from './paginate.js';
import { json, type RestRequest, type RouteTable } from './types.js';

function commentOf(req: RestRequest, store: Store) {
  const repo = store.repo(req.params.owner!, req.params.repo!);
  return store.comment(repo, Number(req.params.comment_id));
}

/** Comment routes. */
export const commentRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    const since = req.query.get('since');
    const comments = store.issueComments(issue.id).filter((c) => !since || c.updated_at >= since);
    return paginated(comments.map((c) => serializer.comment(c)), req.url);
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    const body = serializer.comment(createComment(store, issue, String(req.body.body), req.actor));
    return json(201, body, { location: String(body.url) });
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (req, { store, serializer }) => json(200, serializer.comment(commentOf(req, store))),

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (req, { store, serializer }) =>
    json(200, serializer.comment(editComment(store, commentOf(req, store), String(req.body.body), req.actor))),

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (req, { store }) => {
    deleteComment(store, commentOf(req, store), req.actor);
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (req, { store, serializer }) => {
    const comment = commentOf(req, store);
    const content = req.query.get('content');
    return paginated(comment.reactions.filter((r) => !content || r.content === content).map((r) => serializer.reaction(r)), req.url);
  },

  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (req, { store, serializer }) => {
    const { reaction, created } = react(store, commentOf(req, store), req.body.content as ReactionContent, req.actor);
    return json(created ? 201 : 200, serializer.reaction(reaction));
  },
};

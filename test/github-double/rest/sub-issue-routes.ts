/** Sub-issue routes. With `subIssues: false` they answer 404, like a GitHub Enterprise Server without the feature. */
import { ApiError, notFound } from '../errors.js';
import { addSubIssue, removeSubIssue, reprioritize } from '../sub-issue-ops.js';
import type { IssueRecord } from '../types.js';
import { issueOf } from './issue-routes.js';
import { paginated } from './paginate.js';
import { json, type RestContext, type RestHandler, type RestRequest, type RouteTable } from './types.js';

/** Wrap a handler so it 404s when the double plays a server without sub-issues. */
const gated =
  (handler: RestHandler): RestHandler =>
  (req, ctx) => {
    if (!ctx.subIssues) throw notFound();
    return handler(req, ctx);
  };

/** The issue named by `sub_issue_id` (a database id). Unknown ids answer 404 as GitHub does. */
function subIssueOf(req: RestRequest, ctx: RestContext): IssueRecord {
  const child = ctx.store.issueById(Number(req.body?.sub_issue_id));
  if (!child) throw new ApiError(404, 'Not Found');
  return child;
}

/** Sub-issue routes. */
export const subIssueRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': gated((req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    const children = issue.sub_issue_ids.map((id) => store.issues.get(id)).filter((c): c is IssueRecord => !!c);
    return paginated(children.map((c) => serializer.issue(c)), req.url);
  }),

  'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': gated((req, ctx) => {
    const { issue } = issueOf(req, ctx.store);
    const child = subIssueOf(req, ctx);
    addSubIssue(ctx.store, issue, child, req.actor, req.body.replace_parent === true);
    const body = ctx.serializer.issue(issue);
    return json(201, body, { location: `${body.url}/sub_issues` });
  }),

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue': gated((req, ctx) => {
    const { issue } = issueOf(req, ctx.store);
    removeSubIssue(ctx.store, issue, subIssueOf(req, ctx), req.actor);
    return json(200, ctx.serializer.issue(issue));
  }),

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority': gated((req, ctx) => {
    const { issue } = issueOf(req, ctx.store);
    reprioritize(issue, Number(req.body.sub_issue_id), { afterId: req.body.after_id, beforeId: req.body.before_id });
    return json(200, ctx.serializer.issue(issue));
  }),

  'GET /repos/{owner}/{repo}/issues/{issue_number}/parent': gated((req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    const parent = issue.parent_id === null ? undefined : store.issueById(issue.parent_id);
    if (!parent) throw notFound();
    return json(200, serializer.issue(parent));
  }),
};

/** Issue routes: list, create, read, update, labels and assignees of an issue. */
import { ApiError } from '../errors.js';
import {
  addAssignees,
  addLabels,
  createIssue,
  type IssuePatch,
  removeAssignees,
  removeLabel,
  setLabels,
  updateIssue,
} from '../issue-ops.js';
import type { Store } from '../store.js';
import type { IssueRecord, RepoRecord } from '../types.js';
import { paginated } from './paginate.js';
import { json, type RestRequest, type RouteTable } from './types.js';

/** The repository and issue a request names (404/410/301 as GitHub). */
export function issueOf(req: RestRequest, store: Store): { repo: RepoRecord; issue: IssueRecord } {
  const repo = store.repo(req.params.owner!, req.params.repo!);
  return { repo, issue: store.issue(repo, Number(req.params.issue_number)) };
}

/** Label names from GitHub's accepted forms: strings or `{ name }` objects. */
function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return list.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter(Boolean);
}

/** `labels` of a labels-route body: `["a"]`, `{ labels: ["a"] }` or `[{ name }]`. */
function bodyLabels(body: unknown): string[] {
  return labelNames(Array.isArray(body) ? body : (body as { labels?: unknown })?.labels);
}

/** Issue list filters GitHub applies on `GET /repos/{o}/{r}/issues`. */
function listFilter(q: URLSearchParams): (i: IssueRecord) => boolean {
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
  const assignee = q.get('assignee');
  const creator = q.get('creator');
  const since = q.get('since');
  return (i) =>
    (state === 'all' || i.state === state) &&
    labels.every((name) => i.labels.some((l) => l.name.toLowerCase() === name)) &&
    (!assignee || (assignee === 'none' ? i.assignees.length === 0 : assignee === '*' ? i.assignees.length > 0 : i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase()))) &&
    (!creator || i.user.toLowerCase() === creator.toLowerCase()) &&
    (!since || i.updated_at >= since);
}

/** Issue routes. */
export const issueRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/issues': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    const sort = req.query.get('sort') ?? 'created';
    const direction = req.query.get('direction') ?? 'desc';
    const key = (i: IssueRecord) => (sort === 'updated' ? i.updated_at : sort === 'comments' ? String(store.issueComments(i.id).length).padStart(8, '0') : i.created_at);
    const issues = store
      .repoIssues(repo)
      .filter(listFilter(req.query))
      .sort((a, b) => (key(a) === key(b) ? a.number - b.number : key(a) < key(b) ? -1 : 1));
    if (direction === 'desc') issues.reverse();
    return paginated(issues.map((i) => serializer.issue(i)), req.url);
  },

  'POST /repos/{owner}/{repo}/issues': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    const b = req.body;
    const assignees = [...(b.assignees ?? []), ...(b.assignee ? [b.assignee] : [])];
    const issue = createIssue(store, repo, { title: String(b.title), body: b.body, labels: labelNames(b.labels), assignees }, req.actor);
    const body = serializer.issue(issue);
    return json(201, body, { location: String(body.url) });
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}': (req, { store, serializer }) => json(200, serializer.issue(issueOf(req, store).issue)),

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    const b = req.body ?? {};
    const patch: IssuePatch = {
      title: b.title === undefined ? undefined : String(b.title),
      body: b.body,
      state: b.state,
      state_reason: b.state_reason,
      labels: b.labels === undefined ? undefined : labelNames(b.labels),
      assignees: b.assignees ?? (b.assignee !== undefined ? (b.assignee ? [b.assignee] : []) : undefined),
    };
    return json(200, serializer.issue(updateIssue(store, issue, patch, req.actor)));
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (req, { store, serializer }) => {
    const { repo, issue } = issueOf(req, store);
    return paginated(issue.labels.map((l) => serializer.label(repo, l)), req.url);
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (req, { store, serializer }) => {
    const { repo, issue } = issueOf(req, store);
    addLabels(store, issue, bodyLabels(req.body), req.actor);
    return json(200, issue.labels.map((l) => serializer.label(repo, l)));
  },

  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels': (req, { store, serializer }) => {
    const { repo, issue } = issueOf(req, store);
    setLabels(store, issue, bodyLabels(req.body), req.actor);
    return json(200, issue.labels.map((l) => serializer.label(repo, l)));
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels': (req, { store }) => {
    const { issue } = issueOf(req, store);
    setLabels(store, issue, [], req.actor);
    return { status: 204 };
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': (req, { store, serializer }) => {
    const { repo, issue } = issueOf(req, store);
    if (!removeLabel(store, issue, req.params.name!, req.actor)) throw new ApiError(404, 'Label does not exist');
    return json(200, issue.labels.map((l) => serializer.label(repo, l)));
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees': (req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    addAssignees(store, issue, req.body?.assignees ?? [], req.actor);
    return json(201, serializer.issue(issue));
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees': (req, { store, serializer }) => {
    const { issue } = issueOf(req, store);
    removeAssignees(store, issue, req.body?.assignees ?? [], req.actor);
    return json(200, serializer.issue(issue));
  },
};

/** GitHub issue-search queries (`repo:o/r is:issue is:open label:"x" text in:body`) as a pure predicate. */
import type { IssueRecord } from './types.js';

/** A parsed query. Free text must all appear (case-insensitive) in the `in:` fields (default title and body). */
export interface IssueQuery {
  repos: string[];
  owners: string[];
  kind: 'issue' | 'pr' | null;
  state: 'open' | 'closed' | null;
  labels: string[];
  notLabels: string[];
  author: string | null;
  assignee: string | null;
  noAssignee: boolean;
  noLabel: boolean;
  inFields: Array<'title' | 'body' | 'comments'>;
  terms: string[];
  /** `closed:` qualifier as written (`>=2026-01-01`), or null. */
  closed: string | null;
  /** `created:` qualifier, same forms. */
  created: string | null;
}

/** Split on spaces outside quotes; quotes are removed, `key:"a b"` stays one token. */
export function tokenize(q: string): string[] {
  const tokens: string[] = [];
  for (const m of q.matchAll(/(-?[\w.]+:)?"([^"]*)"|\S+/g)) tokens.push(m[2] !== undefined ? `${m[1] ?? ''}${m[2]}` : m[0]);
  return tokens;
}

/** Parse `q`. Unknown qualifiers are kept as free text, which then rarely matches: a loud enough failure. */
export function parseIssueQuery(q: string): IssueQuery {
  const query: IssueQuery = {
    repos: [],
    owners: [],
    kind: null,
    state: null,
    labels: [],
    notLabels: [],
    author: null,
    assignee: null,
    noAssignee: false,
    noLabel: false,
    inFields: [],
    terms: [],
    closed: null,
    created: null,
  };
  for (const token of tokenize(q)) {
    const m = /^(-?)(\w+):(.+)$/.exec(token);
    const [, neg, key, value] = m ?? [];
    if (!m || !key || value === undefined) {
      query.terms.push(token.toLowerCase());
      continue;
    }
    const v = value.toLowerCase();
    if (key === 'repo') query.repos.push(v);
    else if (key === 'user' || key === 'org' || key === 'owner') query.owners.push(v);
    else if ((key === 'is' || key === 'type') && (v === 'issue' || v === 'pr' || v === 'pull-request')) query.kind = v === 'issue' ? 'issue' : 'pr';
    else if ((key === 'is' || key === 'state') && (v === 'open' || v === 'closed')) query.state = v;
    else if (key === 'label' && neg) query.notLabels.push(...v.split(','));
    else if (key === 'label') query.labels.push(v);
    else if (key === 'author') query.author = v;
    else if (key === 'assignee') query.assignee = v;
    else if (key === 'no' && v === 'assignee') query.noAssignee = true;
    else if (key === 'no' && v === 'label') query.noLabel = true;
    else if (key === 'closed' && /^(>=?|<=?)?\d{4}-\d{2}-\d{2}/.test(v)) query.closed = v;
    else if (key === 'created' && /^(>=?|<=?)?\d{4}-\d{2}-\d{2}/.test(v)) query.created = v;
    else if (key === 'in') query.inFields.push(...(v.split(',') as IssueQuery['inFields']));
    else query.terms.push(token.toLowerCase());
  }
  return query;
}

/** Whether an issue matches; `comments` supplies comment bodies for `in:comments`. */
export function matchesIssue(query: IssueQuery, issue: IssueRecord, comments: () => string[]): boolean {
  const names = issue.labels.map((l) => l.name.toLowerCase());
  const fields = query.inFields.length > 0 ? query.inFields : ['title', 'body'];
  const haystack = [
    fields.includes('title') ? issue.title : '',
    fields.includes('body') ? (issue.body ?? '') : '',
    ...(fields.includes('comments') ? comments() : []),
  ]
    .join('\n')
    .toLowerCase();
  return (
    matchesDay(query.closed, issue.closed_at) &&
    matchesDay(query.created, issue.created_at) &&
    (query.repos.length === 0 || query.repos.includes(issue.repo.toLowerCase())) &&
    (query.owners.length === 0 || query.owners.includes(issue.repo.split('/')[0]!.toLowerCase())) &&
    (query.kind === null || (query.kind === 'pr') === issue.pull_request) &&
    (query.state === null || query.state === issue.state) &&
    query.labels.every((label) => label.split(',').some((one) => names.includes(one))) &&
    query.notLabels.every((label) => !names.includes(label)) &&
    (query.author === null || issue.user.toLowerCase() === query.author) &&
    (query.assignee === null || issue.assignees.some((a) => a.toLowerCase() === query.assignee)) &&
    (!query.noAssignee || issue.assignees.length === 0) &&
    (!query.noLabel || names.length === 0) &&
    query.terms.every((term) => haystack.includes(term))
  );
}

/** `closed:>=2026-01-01` / `created:...` qualifiers (also `>`, `<`, `<=`, or a bare date = that day). */
function matchesDay(spec: string | null, at: string | null): boolean {
  if (spec === null) return true;
  if (!at) return false;
  const m = /^(>=?|<=?)?(\d{4}-\d{2}-\d{2})/.exec(spec)!;
  const day = at.slice(0, 10);
  const date = m[2]!;
  switch (m[1]) {
    case '>=': return day >= date;
    case '>': return day > date;
    case '<=': return day <= date;
    case '<': return day < date;
    default: return day === date;
  }
}

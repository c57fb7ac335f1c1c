/** Repository routes: the repository, file contents, collaborator permission, labels. */
import { createHash } from 'node:crypto';
import { ApiError, notFound, validationFailed } from '../errors.js';
import type { Serializer } from '../serialize.js';
import type { RepoRecord } from '../types.js';
import { paginated } from './paginate.js';
import { json, type RestRequest, type RouteTable } from './types.js';

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' } as const;
const RANK = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;

/** Git's blob id, so shas look and behave like GitHub's (same text, same sha). */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Throws 404 unless `ref` names the only branch (or its sha). */
function checkRef(repo: RepoRecord, ref: string | null): void {
  if (!ref) return;
  const ok = [repo.default_branch, `refs/heads/${repo.default_branch}`, 'HEAD', repo.head_sha].includes(ref);
  if (!ok) throw new ApiError(404, `No commit found for the ref ${ref}`);
}

function wantsRaw(req: RestRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

function entry(serializer: Serializer, repo: RepoRecord, path: string, type: 'file' | 'dir', text: string | null): Record<string, unknown> {
  const url = `${serializer.apiUrl}/repos/${repo.full_name}/contents/${path}?ref=${repo.default_branch}`;
  const htmlUrl = `${serializer.webUrl}/${repo.full_name}/${type === 'file' ? 'blob' : 'tree'}/${repo.default_branch}/${path}`;
  const sha = text === null ? blobSha(`tree:${path}`) : blobSha(text);
  return {
    type,
    name: path.split('/').pop(),
    path,
    sha,
    size: text === null ? 0 : Buffer.byteLength(text),
    url,
    html_url: htmlUrl,
    git_url: `${serializer.apiUrl}/repos/${repo.full_name}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`,
    download_url: type === 'file' ? `${serializer.webUrl}/raw/${repo.full_name}/${repo.default_branch}/${path}` : null,
    _links: { self: url, git: null, html: htmlUrl },
  };
}

/** Immediate children (files and folders) of a folder path ('' = root). */
export function listFolder(repo: RepoRecord, folder: string): Array<{ path: string; type: 'file' | 'dir'; text: string | null }> {
  const prefix = folder ? `${folder}/` : '';
  const seen = new Map<string, { path: string; type: 'file' | 'dir'; text: string | null }>();
  for (const [path, text] of repo.files) {
    if (!path.startsWith(prefix)) continue;
    const [head, ...rest] = path.slice(prefix.length).split('/');
    const child = prefix + head;
    if (rest.length === 0) seen.set(child, { path: child, type: 'file', text });
    else if (!seen.has(child)) seen.set(child, { path: child, type: 'dir', text: null });
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Repository, contents, permission and label routes. */
export const repoRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}': (req, { store, serializer }) => json(200, serializer.repo(store.repo(req.params.owner!, req.params.repo!))),

  'GET /repos/{owner}/{repo}/contents/{path}': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    checkRef(repo, req.query.get('ref'));
    const path = (req.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const text = repo.files.get(path);
    if (text !== undefined) {
      if (wantsRaw(req)) return { status: 200, body: text, raw: true };
      const base64 = Buffer.from(text, 'utf8').toString('base64').replace(/.{60}/g, '$&\n');
      return json(200, { ...entry(serializer, repo, path, 'file', text), encoding: 'base64', content: base64 });
    }
    const children = listFolder(repo, path);
    if (children.length === 0) throw notFound();
    return json(200, children.map((c) => entry(serializer, repo, c.path, c.type, c.text)));
  },

  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    const user = store.findUser(req.params.username!);
    if (!user) throw notFound();
    const role = store.permission(repo, user.login);
    const rank = RANK.indexOf(role);
    const permissions = { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 };
    return json(200, { permission: LEGACY[role], role_name: role, user: { ...serializer.user(user), permissions, role_name: role } });
  },

  'GET /repos/{owner}/{repo}/labels': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    return paginated([...repo.labels.values()].map((l) => serializer.label(repo, l)), req.url);
  },

  'GET /repos/{owner}/{repo}/labels/{name}': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    const label = store.label(repo, req.params.name!, false);
    if (!label) throw notFound();
    return json(200, serializer.label(repo, label));
  },

  'POST /repos/{owner}/{repo}/labels': (req, { store, serializer }) => {
    const repo = store.repo(req.params.owner!, req.params.repo!);
    const name = String(req.body.name);
    if (store.label(repo, name, false)) throw validationFailed({ resource: 'Label', field: 'name', code: 'already_exists' });
    const color = String(req.body.color ?? 'ededed').replace(/^#/, '');
    if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed({ resource: 'Label', field: 'color', code: 'invalid' });
    const label = store.createLabel(repo, { name, color, description: req.body.description ?? null });
    return json(201, serializer.label(repo, label));
  },
};

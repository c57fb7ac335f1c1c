/**
 * `POST /embark/api/onboardings`: start an onboarding from another system (a CRM's won deal, a
 * form, a partner hub), and `GET /embark/api/onboardings/<key>?repository=` to poll one.
 * The request is authenticated on its raw body, read, checked against the repository's templates
 * and config (every mistake answered at once, with the field it is about, and nothing created),
 * then queued as a job on the start lane; the answer waits a few seconds for the EPIC and is 202
 * with its address, or with the address to poll. See `job.ts` for the work itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StartRecord } from '../../coordination/start-ledger.js';
import type { RepoSetup } from '../../github/load-repo-setup.js';
import { loadRepoSetup, type TemplateSource } from '../../github/load-repo-setup.js';
import type { Octokit, RepoRef } from '../../github/octokit.js';
import type { JobQueue } from '../../jobs/job.js';
import { type ApiSecrets, apiEnabled, authenticate } from '../../start-api/auth.js';
import { resolveStart, startIssueText } from '../../start-api/mapping.js';
import { type FieldProblem, invalid, pointer, problem } from '../../start-api/problem.js';
import { parseStartRequest } from '../../start-api/request.js';
import { readIdempotencyKey, START_KEY, startKey } from '../../start-api/start-key.js';
import { findTemplate, onboardingTemplates, shortName } from '../../template/select.js';
import type { Deps } from '../deps.js';
import { readBody, sendJson, sendProblem } from './http.js';
import { ledgerId, startJob } from './job.js';
import { lookUpStart } from './poll.js';

export const START_PATH = '/embark/api/onboardings';
const POLL_PATH = /^\/embark\/api\/onboardings\/([^/]+)$/;

export interface StartRouteOptions {
  deps: Deps;
  secrets: ApiSecrets;
  /** `EMBARK_PUBLIC_URL`: the address senders call (HubSpot signs the full URI). */
  publicUrl: string | null;
  /** The start lane. */
  queue: JobQueue;
  /** The app's installation on a repository and its client; null when the app cannot reach it. */
  installationFor: (owner: string, repo: string) => Promise<{ id: number; octokit: Octokit } | null>;
  log: { warn(obj: object, msg: string): void };
  /** How long a request waits for its EPIC before answering with the address to poll; default 8 s. */
  waitMs?: number;
  /** Real time, for HubSpot's timestamps (tests pass a fixed one). */
  clock?: () => number;
  /** How long a repository's templates and config are kept; default 60 s. */
  setupTtlMs?: number;
}

/** What a request and its poll are answered with. */
interface Answer {
  status: StartRecord['status'];
  key: string;
  repository: string;
  epic: { number: number; url: string } | null;
  poll: string;
  problems: string[];
  [extra: string]: unknown;
}

export function startApiRoute(options: StartRouteOptions) {
  const { deps, secrets } = options;
  const clock = options.clock ?? Date.now;
  const waitMs = options.waitMs ?? 8_000;
  const setups = new Map<string, { until: number; setup: Promise<RepoSetup> }>();

  /**
   * The repository's templates and config at HEAD, kept a minute and read once for requests that
   * arrive together: a CRM's burst costs one read. A failed read is not kept.
   */
  function setupOf(octokit: Octokit, ref: RepoRef): Promise<RepoSetup> {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const hit = setups.get(key);
    if (hit && hit.until > clock()) return hit.setup;
    const setup = loadRepoSetup(octokit, { ...ref, oid: null }, { cache: deps.cache, bundled: deps.bundled });
    if (setups.size > 1000) setups.clear();
    const entry = { until: clock() + (options.setupTtlMs ?? 60_000), setup };
    setups.set(key, entry);
    setup.catch(() => {
      if (setups.get(key) === entry) setups.delete(key);
    });
    return setup;
  }

  const uris = (req: IncomingMessage): string[] => {
    const path = req.url ?? '/';
    if (options.publicUrl) return [`${new URL(options.publicUrl).origin}${path}`];
    // Behind a TLS proxy the scheme the sender used is not known here: either may be signed.
    const host = req.headers.host ?? 'localhost';
    return [`https://${host}${path}`, `http://${host}${path}`];
  };

  const authorised = (req: IncomingMessage, res: ServerResponse, body: Buffer): boolean => {
    const auth = authenticate({ method: req.method ?? 'GET', uris: uris(req), headers: req.headers, body, now: clock() }, secrets);
    if (auth.ok) return true;
    sendProblem(res, problem('unauthorized', 401, auth.detail), { 'www-authenticate': 'Bearer realm="embark"' });
    return false;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://embark.local');
    const poll = POLL_PATH.exec(url.pathname);
    if (url.pathname !== START_PATH && !poll) return false;
    if (!apiEnabled(secrets)) {
      sendProblem(res, problem('off', 404, 'the start API is off: set EMBARK_API_TOKEN, EMBARK_API_SECRET or EMBARK_HUBSPOT_SECRET'));
      return true;
    }
    const wanted = poll ? 'GET' : 'POST';
    if (req.method !== wanted) {
      sendProblem(res, problem('method', 405, `use ${wanted} on ${url.pathname}`), { allow: wanted });
      return true;
    }
    try {
      const body = await readBody(req);
      if (body === null) sendProblem(res, problem('tooLarge', 413, 'the body is larger than 256 KiB; send only the properties the onboarding needs'));
      else if (!authorised(req, res, body)) return true;
      else if (poll) await answerPoll(res, decodeURIComponent(poll[1]!), url.searchParams);
      else await answerStart(req, res, body, url.searchParams);
    } catch (error) {
      options.log.warn({ err: error }, 'start API request failed');
      if (!res.headersSent) sendProblem(res, problem('failed', 502, `GitHub could not be reached or refused a read: ${(error as Error).message}; send the request again`));
    }
    return true;
  };

  async function answerStart(req: IncomingMessage, res: ServerResponse, body: Buffer, query: URLSearchParams): Promise<void> {
    let json: unknown;
    try {
      json = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (error) {
      sendProblem(res, problem('malformed', 400, `the body is not JSON: ${(error as Error).message}`));
      return;
    }
    const idempotency = readIdempotencyKey(req.headers['idempotency-key']);
    if (!idempotency.ok) {
      sendProblem(res, problem('malformed', 400, `Idempotency-Key ${idempotency.detail}`, [{ pointer: '#/header/Idempotency-Key', detail: idempotency.detail }]));
      return;
    }
    const parsed = parseStartRequest(json, query);
    if (!parsed.ok) return sendProblem(res, invalid(parsed.errors));
    const { request } = parsed;
    const ref = request.repository;
    const installation = await options.installationFor(ref.owner, ref.repo);
    if (!installation) {
      return sendProblem(res, invalid([{ pointer: repoPointer(request.shape), detail: `Embark is not installed on ${ref.owner}/${ref.repo}, or that repository does not exist: install the app there, or check the name` }]));
    }
    const setup = await setupOf(installation.octokit, ref);
    const chosen = chooseTemplate(setup, request.template, request.shape);
    if (!chosen.ok) return sendProblem(res, invalid(chosen.errors));
    const template = chosen.source.result.template!;
    const mapping = setup.config.ok ? setup.config.config.api : { fields: {}, owners: {}, contacts: [] };
    const resolved = resolveStart({ request, template, mapping });
    if (!resolved.ok) return sendProblem(res, invalid(resolved.errors));
    const { start } = resolved;
    const { key, source } = startKey({ idempotencyKey: idempotency.key, externalId: start.externalId, template: template.name, customer: start.customer });
    const text = startIssueText(template, start, key);
    if (!text.ok) return sendProblem(res, invalid(text.errors));
    const id = ledgerId(ref, key);
    const ledger = deps.startApi!.ledger;
    const extra = { keySource: source, customer: start.customer, template: shortName(chosen.source.file), ignored: start.ignored };
    const known = await ledger.get(id);
    if (known && (known.status === 'started' || known.status === 'problem')) return reply(res, ref, key, known, extra);
    // A start that failed before is tried again (the sender repeats once the cause is fixed).
    if (!known || known.status === 'failed') await ledger.set(id, { status: 'queued', epic: null, problems: [] });
    await options.queue.add(startJob({ ref, installationId: installation.id, start: { key, title: text.title, body: text.body, labels: template.labels, stages: template.stages.length } }));
    reply(res, ref, key, await waitFor(id), extra);
  }

  /** The record once the job has an outcome, or the latest one when the wait is over. */
  async function waitFor(id: string): Promise<StartRecord> {
    const ledger = deps.startApi!.ledger;
    // Real time: this is how long the sender waits for an answer, not business time.
    const deadline = performance.now() + waitMs;
    for (;;) {
      const record = await ledger.get(id);
      if (record && record.status !== 'queued') return record;
      if (performance.now() >= deadline) return record ?? { status: 'queued', epic: null, problems: [] };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function answerPoll(res: ServerResponse, key: string, query: URLSearchParams): Promise<void> {
    const repository = query.get('repository') ?? '';
    const [owner, repo] = repository.split('/');
    const errors: FieldProblem[] = [];
    if (!START_KEY.test(key)) errors.push({ pointer: '#/path/key', detail: 'is not a start key (the `key` of a start answer)' });
    if (!owner || !repo) errors.push({ pointer: '#/query/repository', detail: 'write it as owner/name, e.g. acme/onboarding' });
    if (errors.length > 0 || !owner || !repo) return sendProblem(res, invalid(errors));
    const ref = { owner, repo };
    const found = await lookUpStart({ deps, ref, key, installationFor: options.installationFor });
    if (!found) return sendProblem(res, problem('notFound', 404, `no start with key ${key} in ${owner}/${repo}`));
    reply(res, ref, key, found, {}, 200);
  }

  function reply(res: ServerResponse, ref: RepoRef, key: string, record: StartRecord, extra: Record<string, unknown>, okStatus = 202): void {
    const poll = `${START_PATH}/${key}?repository=${encodeURIComponent(`${ref.owner}/${ref.repo}`)}`;
    if (record.status === 'failed') {
      sendProblem(res, { ...problem('failed', 502, `the onboarding could not be started: ${record.problems.join('; ')}; send the request again once that is fixed`), key, poll } as never);
      return;
    }
    const answer: Answer = { status: record.status, key, repository: `${ref.owner}/${ref.repo}`, epic: record.epic, poll, problems: record.problems, ...extra };
    sendJson(res, okStatus, answer, { location: poll });
  }
}

const repoPointer = (shape: 'envelope' | 'properties') => (shape === 'properties' ? '#/query/repository' : pointer('repository'));

/** The one onboarding template the request names, or why it cannot be used. */
function chooseTemplate(setup: RepoSetup, wanted: string, shape: 'envelope' | 'properties'): { ok: true; source: TemplateSource } | { ok: false; errors: FieldProblem[] } {
  const at = shape === 'properties' ? '#/query/template' : pointer('template');
  const fail = (detail: string) => ({ ok: false as const, errors: [{ pointer: at, detail }] });
  if (!setup.config.ok) return fail(`the repository's .github/onboarding.yml is invalid (${setup.config.errors.join('; ')}); fix it first`);
  const candidates = onboardingTemplates(setup.templates, setup.config.config.templates);
  const found = findTemplate(candidates, wanted);
  const names = candidates.map((t) => shortName(t.file)).join(', ') || 'none';
  if (found.length === 0) return fail(`no onboarding template matches "${wanted}"; the templates here are ${names}`);
  const exact = found.length === 1 ? found[0]! : found.find((t) => shortName(t.file).toLowerCase() === wanted.toLowerCase());
  if (!exact) return fail(`"${wanted}" matches several templates (${found.map((t) => shortName(t.file)).join(', ')}); name one exactly`);
  const template = exact.result.template;
  if (!exact.result.ok || !template) return fail(`the template ${exact.file} has errors; run \`embark validate ${exact.file}\``);
  if (!template.titlePrefix) return fail(`the template ${exact.file} has no fixed text before %customer% in its title, so Embark cannot recognise its issues; give it a prefix such as "[Onboarding] %customer%"`);
  return { ok: true, source: exact };
}

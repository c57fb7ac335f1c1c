/**
 * `GET /embark/status/:token` (the customer's page) and `POST /embark/status/:token/sign-off`
 * (ticking one of their items). Every bad link gets the same 404 page, whatever was wrong with it.
 * Page views of one onboarding share one GitHub read for 30 s; sign-offs always read fresh.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Octokit } from '../../github/octokit.js';
import { formToken, formTokenValid } from '../../status-page/form-token.js';
import { clientAddress, etagOf, fromOurPage, notModified, readForm, securityHeaders, sendHtml } from '../../status-page/http.js';
import { type RateLimit, RateLimiter } from '../../status-page/rate-limit.js';
import { renderNotFound, renderProblem, renderStatusPage } from '../../status-page/render.js';
import type { StatusPageSettings } from '../../status-page/settings.js';
import type { Signer } from '../../status-page/sign-off-plan.js';
import { type StatusLink, sameSecret, verifyStatusToken } from '../../status-page/token.js';
import { type Deps, onboardingKey } from '../deps.js';
import { readPageData } from './page-data.js';
import { signOff } from './sign-off.js';

export interface StatusRouteOptions {
  deps: Deps;
  settings: StatusPageSettings;
  /** The app's installation client for a repository; null when the app is not installed there. */
  octokitFor: (owner: string, repo: string) => Promise<Octokit | null>;
  log: { warn: (obj: object, msg: string) => void };
  /** Use the first `X-Forwarded-For` address for rate limits (only behind a proxy that sets it). */
  trustProxy?: boolean;
  limits?: { perLink?: RateLimit; perAddress?: RateLimit };
}

const PATH = /^\/embark\/status\/([A-Za-z0-9_.-]{1,600})(\/sign-off)?\/?$/;
const TEN_MINUTES = 10 * 60_000;
/** Sign-off attempts: a customer ticks a handful of items; more than this is a script. */
export const DEFAULT_LIMITS = { perLink: { limit: 10, windowMs: TEN_MINUTES }, perAddress: { limit: 30, windowMs: TEN_MINUTES } };

/** Notices after a sign-off: a fixed set, so nothing from the query string reaches the page. */
const NOTICES: Record<string, string> = {
  signed: 'Thank you: your sign-off is recorded and the team has been told.',
  already: 'That item was already signed off; nothing was changed.',
};

const NAME_MAX = 100;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,190}\.[A-Za-z]{2,24}$/;

function readSigner(form: URLSearchParams): { ok: true; signer: Signer } | { ok: false; message: string } {
  const name = (form.get('name') ?? '').replace(/\s+/g, ' ').trim();
  const email = (form.get('email') ?? '').trim();
  if (name === '') return { ok: false, message: 'Please write your name, so the team knows who signed off.' };
  if ([...name].length > NAME_MAX) return { ok: false, message: `Your name is too long: at most ${NAME_MAX} characters, please.` };
  if (/\p{Cc}/u.test(name)) return { ok: false, message: 'Your name holds characters that cannot be shown; please type it again.' };
  if (email !== '' && !EMAIL.test(email)) return { ok: false, message: 'That email address does not look right; correct it or leave the field empty.' };
  return { ok: true, signer: { name, email: email === '' ? null : email } };
}

export function statusPageRoute(options: StatusRouteOptions) {
  const { deps, settings } = options;
  const cache = deps.statusViews;
  const perLink = new RateLimiter(options.limits?.perLink ?? DEFAULT_LIMITS.perLink, deps.now);
  const perAddress = new RateLimiter(options.limits?.perAddress ?? DEFAULT_LIMITS.perAddress, deps.now);
  const publicOrigin = settings.publicUrl ? new URL(settings.publicUrl).origin : null;

  const notFound = (res: ServerResponse, head = false) => sendHtml(res, 404, renderNotFound(), securityHeaders('no-store'), head);
  const problem = (res: ServerResponse, status: number, title: string, message: string, back: string | null, extra: Record<string, string> = {}) =>
    sendHtml(res, status, renderProblem(title, message, back), { ...securityHeaders('no-store'), ...extra });

  async function load(link: StatusLink) {
    return cache.get(onboardingKey(link.owner, link.repo, link.epic), async () => {
      const octokit = await options.octokitFor(link.owner, link.repo);
      return octokit ? readPageData(deps, octokit, link) : null;
    });
  }

  async function view(req: IncomingMessage, res: ServerResponse, link: StatusLink, path: string, query: URLSearchParams): Promise<void> {
    const head = req.method === 'HEAD';
    const data = await load(link);
    if (!data?.nonce || !sameSecret(data.nonce, link.nonce)) return notFound(res, head);
    const now = deps.now();
    const formTokens = Object.fromEntries(
      data.view.items.filter((i) => i.canSignOff).map((i) => [i.key, formToken(settings.secret, path.split('/').pop()!, i.key, now)]),
    );
    const notice = NOTICES[query.get('done') ?? ''] ?? null;
    const body = renderStatusPage(data.view, { path, formTokens, timeZone: data.timeZone, notice });
    const etag = etagOf(body);
    const headers = { ...securityHeaders('revalidate'), etag };
    if (notModified(req, etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    sendHtml(res, 200, body, headers, head);
  }

  async function post(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    const now = deps.now();
    if (!perAddress.take(clientAddress(req, options.trustProxy ?? false))) {
      return problem(res, 429, 'Too many attempts', 'Please wait a few minutes and try again.', null, { 'retry-after': '600' });
    }
    const link = verifyStatusToken(settings.secret, token, now);
    if (!link) return notFound(res);
    if (!perLink.take(token)) return problem(res, 429, 'Too many attempts', 'Please wait a few minutes and try again.', path, { 'retry-after': '600' });
    if (!fromOurPage(req, publicOrigin)) return problem(res, 403, 'Sign-off refused', 'Sign off from the status page itself.', path);
    const read = await readForm(req);
    if (!read.ok) return problem(res, read.status, 'Sign-off refused', read.message, path);
    const itemKey = read.form.get('item') ?? '';
    if (!formTokenValid(settings.secret, token, itemKey, read.form.get('form') ?? '', now)) {
      return problem(res, 403, 'This form has expired', 'Reload the status page and sign off again.', path);
    }
    const signer = readSigner(read.form);
    if (!signer.ok) return problem(res, 400, 'Please check the form', signer.message, path);
    const octokit = await options.octokitFor(link.owner, link.repo);
    if (!octokit) return notFound(res);
    const outcome = await signOff(deps, octokit, { link, itemKey, signer: signer.signer });
    cache.drop(onboardingKey(link.owner, link.repo, link.epic));
    if (outcome.kind === 'not-found') return notFound(res);
    if (outcome.kind === 'refused') return problem(res, 409, 'Sign-off not possible', outcome.message, path);
    res.writeHead(303, { ...securityHeaders('no-store'), location: `${path}?done=${outcome.kind}` });
    res.end();
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://embark.local');
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const token = match[1]!;
    const path = `/embark/status/${token}`;
    try {
      if (match[2]) {
        if (req.method !== 'POST') problem(res, 405, 'Not allowed', 'Sign off with the form on the status page.', path, { allow: 'POST' });
        else await post(req, res, token, path);
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        problem(res, 405, 'Not allowed', 'This page can only be read.', null, { allow: 'GET, HEAD' });
      } else {
        const link = verifyStatusToken(settings.secret, token, deps.now());
        if (!link) notFound(res, req.method === 'HEAD');
        else await view(req, res, link, path, url.searchParams);
      }
    } catch (error) {
      options.log.warn({ err: error, path: '/embark/status/…' }, 'status page: GitHub could not be read');
      if (!res.headersSent) problem(res, 503, 'Please try again shortly', 'The status could not be read just now.', null, { 'retry-after': '30' });
    }
    return true;
  };
}

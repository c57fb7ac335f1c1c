/**
 * The customer's routes, one handler for the app to mount:
 * - `GET /embark/status/:token`: the status page; `POST .../sign-off` ticks one of their items,
 *   `POST .../field` fills in one of their intake fields;
 * - `/embark/unsubscribe/:token` and `/embark/survey/:token` (see `customer-routes.ts`).
 * Every bad link gets the same 404 page, whatever was wrong with it. Page views of one onboarding
 * share one GitHub read for 30 s; writes always read fresh, under the onboarding's lock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Octokit } from '../../github/octokit.js';
import { formToken } from '../../status-page/form-token.js';
import { etagOf, notModified, securityHeaders, sendHtml } from '../../status-page/http.js';
import { type RateLimit, RateLimiter } from '../../status-page/rate-limit.js';
import { renderStatusPage } from '../../status-page/render.js';
import type { StatusPageSettings } from '../../status-page/settings.js';
import type { Signer } from '../../status-page/sign-off-plan.js';
import { type StatusLink, sameSecret, verifyStatusToken } from '../../status-page/token.js';
import type { Deps } from '../deps.js';
import { type CustomerLimits, customerRoutes } from './customer-routes.js';
import { fillField } from './fill-field.js';
import { guardedForm, type RouteKit, routeKit } from './route-kit.js';
import { signOff } from './sign-off.js';

export interface StatusRouteOptions {
  deps: Deps;
  settings: StatusPageSettings;
  /** The app's installation client for a repository; null when the app is not installed there. */
  octokitFor: (owner: string, repo: string) => Promise<Octokit | null>;
  log: { warn: (obj: object, msg: string) => void };
  /** Use the first `X-Forwarded-For` address for rate limits (only behind a proxy that sets it). */
  trustProxy?: boolean;
  /** Sign-offs and field answers: each form kind has its own counters under these rules. */
  limits?: { perLink?: RateLimit; perAddress?: RateLimit };
  /** Unsubscribe and survey limits. */
  customerLimits?: CustomerLimits;
}

const PATH = /^\/embark\/status\/([A-Za-z0-9_.-]{1,600})(\/sign-off|\/field)?\/?$/;
const TEN_MINUTES = 10 * 60_000;
/** Sign-off attempts: a customer ticks a handful of items; more than this is a script. */
export const DEFAULT_LIMITS = { perLink: { limit: 10, windowMs: TEN_MINUTES }, perAddress: { limit: 30, windowMs: TEN_MINUTES } };

/** Notices after a write: a fixed set, so nothing from the query string reaches the page. */
const NOTICES: Record<string, string> = {
  signed: 'Thank you: your sign-off is recorded and the team has been told.',
  already: 'That item was already signed off; nothing was changed.',
  field: 'Thank you: your answer is saved in the onboarding and the team can see it.',
  unchanged: 'That field already held this value; nothing was changed.',
};

const NAME_MAX = 100;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,190}\.[A-Za-z]{2,24}$/;

function readSigner(form: URLSearchParams): { ok: true; signer: Signer } | { ok: false; message: string } {
  const name = (form.get('name') ?? '').replace(/\s+/g, ' ').trim();
  const email = (form.get('email') ?? '').trim();
  if (name === '') return { ok: false, message: 'Please write your name, so the team knows who this is.' };
  if ([...name].length > NAME_MAX) return { ok: false, message: `Your name is too long: at most ${NAME_MAX} characters, please.` };
  if (/\p{Cc}/u.test(name)) return { ok: false, message: 'Your name holds characters that cannot be shown; please type it again.' };
  if (email !== '' && !EMAIL.test(email)) return { ok: false, message: 'That email address does not look right; correct it or leave the field empty.' };
  return { ok: true, signer: { name, email: email === '' ? null : email } };
}

/** The form key a field's form token is bound to (item keys hold a `/`, so the two never meet). */
const fieldSubject = (fieldKey: string) => `field:${fieldKey}`;

export function statusPageRoute(options: StatusRouteOptions) {
  const { deps, settings } = options;
  const kit: RouteKit = routeKit(options);
  const limiter = (rule: RateLimit) => new RateLimiter(rule, deps.now);
  const limitsFor = () => ({
    perLink: limiter(options.limits?.perLink ?? DEFAULT_LIMITS.perLink),
    perAddress: limiter(options.limits?.perAddress ?? DEFAULT_LIMITS.perAddress),
  });
  const signOffLimits = limitsFor();
  const fieldLimits = limitsFor();
  const customer = customerRoutes(kit, options.customerLimits);
  const verify = (token: string) => verifyStatusToken(settings.secret, token, deps.now());

  async function view(req: IncomingMessage, res: ServerResponse, link: StatusLink, path: string, query: URLSearchParams): Promise<void> {
    const head = req.method === 'HEAD';
    const data = await kit.load(link);
    if (!data?.nonce || !sameSecret(data.nonce, link.nonce)) return kit.notFound(res, head);
    const contact = link.contact === undefined ? null : data.contacts.find((c) => c.ref === link.contact);
    // A removed contact's link is as dead as a revoked one.
    if (contact === undefined) return kit.notFound(res, head);
    const now = deps.now();
    const token = path.split('/').pop()!;
    const formTokens = Object.fromEntries(data.view.items.filter((i) => i.canSignOff).map((i) => [i.key, formToken(settings.secret, token, i.key, now)]));
    const fieldTokens = Object.fromEntries(data.view.fields.filter((f) => f.canEdit).map((f) => [f.key, formToken(settings.secret, token, fieldSubject(f.key), now)]));
    const notice = NOTICES[query.get('done') ?? ''] ?? null;
    const body = renderStatusPage(data.view, { path, formTokens, fieldTokens, timeZone: data.timeZone, notice, signer: contact?.name ?? null });
    const etag = etagOf(body);
    const headers = { ...securityHeaders('revalidate'), etag };
    if (notModified(req, etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    sendHtml(res, 200, body, headers, head);
  }

  const done = (res: ServerResponse, path: string, kind: string) => {
    res.writeHead(303, { ...securityHeaders('no-store'), location: `${path}?done=${kind}` });
    res.end();
  };

  async function postSignOff(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    const posted = await guardedForm(kit, req, res, { token, back: path, verify, limits: signOffLimits, subject: (f) => f.get('item') ?? '', refused: 'Sign-off refused' });
    if (!posted) return;
    const { link, form } = posted;
    // A contact's own link signs in the contact's name; a shared link says who is signing.
    const signer = link.contact === undefined ? readSigner(form) : null;
    if (signer && !signer.ok) return kit.problem(res, 400, 'Please check the form', signer.message, path);
    const octokit = await options.octokitFor(link.owner, link.repo);
    if (!octokit) return kit.notFound(res);
    const outcome = await signOff(deps, octokit, { link, itemKey: form.get('item') ?? '', signer: signer?.ok ? signer.signer : null });
    kit.drop(link);
    if (outcome.kind === 'not-found') return kit.notFound(res);
    if (outcome.kind === 'refused') return kit.problem(res, 409, 'Sign-off not possible', outcome.message, path);
    done(res, path, outcome.kind);
  }

  async function postField(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    const posted = await guardedForm(kit, req, res, {
      token,
      back: path,
      verify,
      limits: fieldLimits,
      subject: (f) => fieldSubject(f.get('field') ?? ''),
      refused: 'Answer refused',
    });
    if (!posted) return;
    const { link, form } = posted;
    const who = link.contact === undefined ? readSigner(form) : null;
    if (who && !who.ok) return kit.problem(res, 400, 'Please check the form', who.message, path);
    const octokit = await options.octokitFor(link.owner, link.repo);
    if (!octokit) return kit.notFound(res);
    const outcome = await fillField(deps, octokit, {
      link,
      fieldKey: form.get('field') ?? '',
      value: form.get('value') ?? '',
      shown: form.get('shown'),
      who: who?.ok ? who.signer.name : null,
    });
    kit.drop(link);
    if (outcome.kind === 'not-found') return kit.notFound(res);
    if (outcome.kind === 'refused') return kit.problem(res, outcome.status, 'Please check the value', outcome.message, path);
    if (outcome.kind === 'changed') {
      return kit.problem(res, 409, 'The form changed', 'This field changed while your answer was being saved: reload the page, check the value, and send it again.', path);
    }
    done(res, path, outcome.kind === 'filled' ? 'field' : 'unchanged');
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://embark.local');
    const match = PATH.exec(url.pathname);
    if (!match) return customer(req, res, url);
    const token = match[1]!;
    const path = `/embark/status/${token}`;
    try {
      if (match[2]) {
        if (req.method !== 'POST') kit.problem(res, 405, 'Not allowed', 'Use the forms on the status page.', path, { allow: 'POST' });
        else if (match[2] === '/sign-off') await postSignOff(req, res, token, path);
        else await postField(req, res, token, path);
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        kit.problem(res, 405, 'Not allowed', 'This page can only be read.', null, { allow: 'GET, HEAD' });
      } else {
        const link = verify(token);
        if (!link) kit.notFound(res, req.method === 'HEAD');
        else await view(req, res, link, path, url.searchParams);
      }
    } catch (error) {
      options.log.warn({ err: error, path: '/embark/status/…' }, 'status page: GitHub could not be read');
      if (!res.headersSent) kit.problem(res, 503, 'Please try again shortly', 'The status could not be read just now.', null, { 'retry-after': '30' });
    }
    return true;
  };
}

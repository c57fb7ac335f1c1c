/**
 * What every customer-facing route shares: the answers (one 404 page for every bad link, problem
 * pages with a way back), the page data cache, and the checks each form post passes in the same
 * order: per-address limit, a valid link, per-link limit, same origin, a small url-encoded body,
 * and a form token bound to the link, the form's subject and the hour.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Octokit } from '../../github/octokit.js';
import { formTokenValid } from '../../status-page/form-token.js';
import { clientAddress, fromOurPage, readForm, securityHeaders, sendHtml } from '../../status-page/http.js';
import type { RateLimiter } from '../../status-page/rate-limit.js';
import { renderNotFound, renderProblem } from '../../status-page/render.js';
import type { StatusPageSettings } from '../../status-page/settings.js';
import type { CachedOnboarding } from '../../status-page/view-cache.js';
import { type Deps, onboardingKey } from '../deps.js';
import { readPageData } from './page-data.js';

/** Which onboarding a link opens. */
export interface OnboardingRef {
  owner: string;
  repo: string;
  epic: number;
}

export interface RouteKit {
  deps: Deps;
  settings: StatusPageSettings;
  octokitFor: (owner: string, repo: string) => Promise<Octokit | null>;
  /** The same page for every bad, expired, revoked or unknown link. */
  notFound(res: ServerResponse, head?: boolean): void;
  problem(res: ServerResponse, status: number, title: string, message: string, back: string | null, extra?: Record<string, string>): void;
  tooMany(res: ServerResponse, back: string | null): void;
  /** The page data of an onboarding: shared by every view for 30 s (see `ViewCache`). */
  load(ref: OnboardingRef): Promise<CachedOnboarding | null>;
  /** Forget the cached page data after a write, so the next view shows it. */
  drop(ref: OnboardingRef): void;
  address(req: IncomingMessage): string;
  log: { warn: (obj: object, msg: string) => void };
}

export interface KitOptions {
  deps: Deps;
  settings: StatusPageSettings;
  octokitFor: (owner: string, repo: string) => Promise<Octokit | null>;
  trustProxy?: boolean;
  log: { warn: (obj: object, msg: string) => void };
}

export function routeKit(options: KitOptions): RouteKit {
  const { deps } = options;
  const problem: RouteKit['problem'] = (res, status, title, message, back, extra = {}) =>
    sendHtml(res, status, renderProblem(title, message, back), { ...securityHeaders('no-store'), ...extra });
  return {
    deps,
    settings: options.settings,
    octokitFor: options.octokitFor,
    notFound: (res, head = false) => sendHtml(res, 404, renderNotFound(), securityHeaders('no-store'), head),
    problem,
    tooMany: (res, back) => problem(res, 429, 'Too many attempts', 'Please wait a few minutes and try again.', back, { 'retry-after': '600' }),
    load: (ref) =>
      deps.statusViews.get(onboardingKey(ref.owner, ref.repo, ref.epic), async () => {
        const octokit = await options.octokitFor(ref.owner, ref.repo);
        return octokit ? readPageData(deps, octokit, ref) : null;
      }),
    drop: (ref) => deps.statusViews.drop(onboardingKey(ref.owner, ref.repo, ref.epic)),
    address: (req) => clientAddress(req, options.trustProxy ?? false),
    log: options.log,
  };
}

/** A form post that passed every check: the link it was posted to and its fields. */
export interface GuardedForm<L> {
  link: L;
  form: URLSearchParams;
}

/**
 * Run the checks every form post shares, answering the request when one fails (then null).
 * `verify` reads the link from the token; `subject` names what the form acts on (an item key, a
 * field), which its form token must be bound to.
 */
export async function guardedForm<L>(
  kit: RouteKit,
  req: IncomingMessage,
  res: ServerResponse,
  check: {
    token: string;
    back: string;
    verify: (token: string) => L | null;
    limits: { perLink: RateLimiter; perAddress: RateLimiter };
    subject: (form: URLSearchParams) => string;
    refused: string;
    maxBytes?: number;
  },
): Promise<GuardedForm<L> | null> {
  const now = kit.deps.now();
  // Each failed check answers the request itself; the caller only learns that it is answered.
  const refuse = (answer: () => void): null => {
    answer();
    return null;
  };
  if (!check.limits.perAddress.take(kit.address(req))) return refuse(() => kit.tooMany(res, null));
  const link = check.verify(check.token);
  if (!link) return refuse(() => kit.notFound(res));
  if (!check.limits.perLink.take(check.token)) return refuse(() => kit.tooMany(res, check.back));
  const publicOrigin = kit.settings.publicUrl ? new URL(kit.settings.publicUrl).origin : null;
  if (!fromOurPage(req, publicOrigin)) return refuse(() => kit.problem(res, 403, check.refused, 'Send the form from the page itself.', check.back));
  const read = await readForm(req, check.maxBytes);
  if (!read.ok) return refuse(() => kit.problem(res, read.status, check.refused, read.message, check.back));
  if (!formTokenValid(kit.settings.secret, check.token, check.subject(read.form), read.form.get('form') ?? '', now)) {
    return refuse(() => kit.problem(res, 403, 'This form has expired', 'Reload the page and send the form again.', check.back));
  }
  return { link, form: read.form };
}

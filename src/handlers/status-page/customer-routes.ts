/**
 * The routes behind the links in customer mail:
 * - `GET /embark/unsubscribe/:token` shows a confirm button; `POST` unsubscribes. The `POST` is
 *   RFC 8058 one-click: mail providers send `List-Unsubscribe=One-Click` with no cookies, no
 *   Origin and no confirmation, so it needs no form token and no same-origin check: the signed
 *   token is the authority, and unsubscribing twice changes nothing.
 * - `GET /embark/survey/:token` shows the survey (or says it was answered); `POST` records the
 *   answer, with the same form token and same-origin checks as a sign-off.
 * A forged token, an unknown or removed contact, or an onboarding whose state Embark had to
 * rebuild gets the same 404 page as any bad status link. Views read through the page data cache.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySurveyToken, verifyUnsubscribeToken } from '../../customer/links.js';
import { renderSurvey, renderSurveyAnswered, renderUnsubscribeConfirm, renderUnsubscribed } from '../../status-page/customer-pages.js';
import { formToken } from '../../status-page/form-token.js';
import { MAX_FORM_BYTES, securityHeaders, sendHtml } from '../../status-page/http.js';
import { type RateLimit, RateLimiter } from '../../status-page/rate-limit.js';
import { answerSurvey, unsubscribe } from './customer-answers.js';
import { guardedForm, type OnboardingRef, type RouteKit } from './route-kit.js';

export interface CustomerLimits {
  /** Unsubscribe posts per client address. Mail providers post one-click requests from shared servers, hence a high default. */
  unsubscribePerAddress?: RateLimit;
  surveyPerLink?: RateLimit;
  surveyPerAddress?: RateLimit;
}

const TEN_MINUTES = 10 * 60_000;
export const DEFAULT_CUSTOMER_LIMITS: Required<CustomerLimits> = {
  unsubscribePerAddress: { limit: 120, windowMs: TEN_MINUTES },
  surveyPerLink: { limit: 10, windowMs: TEN_MINUTES },
  surveyPerAddress: { limit: 30, windowMs: TEN_MINUTES },
};

const UNSUBSCRIBE = /^\/embark\/unsubscribe\/([A-Za-z0-9_.-]{1,400})\/?$/;
const SURVEY = /^\/embark\/survey\/([A-Za-z0-9_.-]{1,400})\/?$/;
/** What the survey's form token is bound to, besides the link and the hour. */
const SURVEY_SUBJECT = 'survey';
/** A 1,000-character comment in any script still fits, url-encoded. */
const SURVEY_FORM_BYTES = 16 * 1024;

/** Read and drop a request body, up to `max` bytes; false when it was larger. */
async function drain(req: IncomingMessage, max: number): Promise<boolean> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return false;
  }
  return true;
}

/** The unsubscribe and survey routes; answers false for any other path. */
export function customerRoutes(kit: RouteKit, limits: CustomerLimits = {}) {
  const { deps, settings } = kit;
  const rule = { ...DEFAULT_CUSTOMER_LIMITS, ...limits };
  const unsubscribeLimit = new RateLimiter(rule.unsubscribePerAddress, deps.now);
  const surveyLimits = { perLink: new RateLimiter(rule.surveyPerLink, deps.now), perAddress: new RateLimiter(rule.surveyPerAddress, deps.now) };
  const html = (res: ServerResponse, status: number, body: string, head = false) => sendHtml(res, status, body, securityHeaders('no-store'), head);

  /** The contact a link names, from the cached page data; null when the link opens nothing. */
  async function contactOf(link: OnboardingRef & { contact: string }) {
    const data = await kit.load(link);
    const contact = data?.contacts.find((c) => c.ref === link.contact);
    return data && contact ? { data, contact } : null;
  }

  async function unsubscribeRoute(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const head = req.method === 'HEAD';
      const link = verifyUnsubscribeToken(settings.secret, token);
      const found = link ? await contactOf(link) : null;
      if (!found) return kit.notFound(res, head);
      const customer = found.data.view.customer;
      return html(res, 200, found.contact.unsubscribed ? renderUnsubscribed({ customer }) : renderUnsubscribeConfirm({ path, customer }), head);
    }
    if (req.method !== 'POST') return kit.problem(res, 405, 'Not allowed', 'Use the button on the unsubscribe page.', null, { allow: 'GET, HEAD, POST' });
    if (!unsubscribeLimit.take(kit.address(req))) return kit.tooMany(res, null);
    const link = verifyUnsubscribeToken(settings.secret, token);
    if (!link) return kit.notFound(res);
    if (!(await drain(req, MAX_FORM_BYTES))) return kit.problem(res, 413, 'Unsubscribe refused', 'The request is too large.', null);
    const octokit = await kit.octokitFor(link.owner, link.repo);
    if (!octokit) return kit.notFound(res);
    const outcome = await unsubscribe(deps, octokit, link);
    kit.drop(link);
    if (outcome.kind === 'not-found') return kit.notFound(res);
    html(res, 200, renderUnsubscribed({ customer: outcome.customer }));
  }

  async function surveyRoute(req: IncomingMessage, res: ServerResponse, token: string, path: string, query: URLSearchParams): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const head = req.method === 'HEAD';
      const link = verifySurveyToken(settings.secret, token);
      const found = link ? await contactOf(link) : null;
      if (!link || !found) return kit.notFound(res, head);
      const customer = found.data.view.customer;
      if (found.data.answered.some((a) => a.contact === link.contact && a.checkin === link.day)) {
        return html(res, 200, renderSurveyAnswered({ customer, thanks: query.get('done') === '1' }), head);
      }
      return html(res, 200, renderSurvey({ path, customer, day: link.day, formToken: formToken(settings.secret, token, SURVEY_SUBJECT, deps.now()) }), head);
    }
    if (req.method !== 'POST') return kit.problem(res, 405, 'Not allowed', 'Answer with the form on the survey page.', path, { allow: 'GET, HEAD, POST' });
    const posted = await guardedForm(kit, req, res, {
      token,
      back: path,
      verify: (t) => verifySurveyToken(settings.secret, t),
      limits: surveyLimits,
      subject: () => SURVEY_SUBJECT,
      refused: 'Answer refused',
      maxBytes: SURVEY_FORM_BYTES,
    });
    if (!posted) return;
    const { link, form } = posted;
    const score = form.get('score') ?? '';
    if (!/^[1-5]$/.test(score)) return kit.problem(res, 400, 'Please pick a score', 'Choose a score from 1 to 5, then send the form again.', path);
    const octokit = await kit.octokitFor(link.owner, link.repo);
    if (!octokit) return kit.notFound(res);
    const outcome = await answerSurvey(deps, octokit, { link, score: Number(score), comment: form.get('comment') ?? '' });
    kit.drop(link);
    if (outcome.kind === 'not-found') return kit.notFound(res);
    if (outcome.kind === 'refused') {
      return outcome.already ? kit.problem(res, 409, 'Already answered', outcome.message, null) : kit.problem(res, 400, 'Please check the form', outcome.message, path);
    }
    res.writeHead(303, { ...securityHeaders('no-store'), location: `${path}?done=1` });
    res.end();
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const unsubscribeMatch = UNSUBSCRIBE.exec(url.pathname);
    const surveyMatch = unsubscribeMatch ? null : SURVEY.exec(url.pathname);
    if (!unsubscribeMatch && !surveyMatch) return false;
    try {
      if (unsubscribeMatch) await unsubscribeRoute(req, res, unsubscribeMatch[1]!, url.pathname.replace(/\/$/, ''));
      else await surveyRoute(req, res, surveyMatch![1]!, url.pathname.replace(/\/$/, ''), url.searchParams);
    } catch (error) {
      kit.log.warn({ err: error, path: unsubscribeMatch ? '/embark/unsubscribe/…' : '/embark/survey/…' }, 'customer link: GitHub could not be read or written');
      if (!res.headersSent) kit.problem(res, 503, 'Please try again shortly', 'GitHub could not be reached just now; please try again in a minute.', null, { 'retry-after': '30' });
    }
    return true;
  };
}

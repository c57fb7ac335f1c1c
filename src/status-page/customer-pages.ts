/**
 * The pages behind the links in customer mail (pure HTML, the status page's look, no JavaScript):
 * the unsubscribe confirmation and its answer, the check-in survey and its answers. Everything
 * shown is escaped here.
 */
import { escapeHtml as e, page } from './html.js';
import { SCORE_LABELS } from './survey-plan.js';

/** The form field and value RFC 8058 one-click posts carry; the page's own button posts the same. */
export const ONE_CLICK = { name: 'List-Unsubscribe', value: 'One-Click' } as const;

/**
 * `GET` of an unsubscribe link: a button, never the unsubscribe itself (mail scanners open every
 * link in a message; only a `POST` unsubscribes).
 */
export function renderUnsubscribeConfirm(input: { path: string; customer: string }): string {
  return page(
    'Unsubscribe',
    `<section aria-labelledby="title"><h1 id="title">Stop these mails?</h1>
<p>You will get no more reminders, digests, “your part” mails or check-ins about the onboarding of ${e(input.customer)}. Only the welcome and the go-live sign-off request still come.</p>
<form method="post" action="${e(input.path)}"><input type="hidden" name="${ONE_CLICK.name}" value="${ONE_CLICK.value}"><button>Unsubscribe</button></form></section>`,
  );
}

/** After an unsubscribe, and for every repeat of it. */
export function renderUnsubscribed(input: { customer: string }): string {
  return page(
    'You are unsubscribed',
    `<section class="notice" role="status"><h1>You are unsubscribed</h1>
<p>You will get no more reminders, digests, “your part” mails or check-ins about the onboarding of ${e(input.customer)}. Only the welcome and the go-live sign-off request still come. To get the others again, ask your onboarding contact.</p></section>`,
  );
}

/** The survey form: a score from 1 to 5 (radio buttons) and an optional comment. */
export function renderSurvey(input: { path: string; customer: string; day: number; formToken: string }): string {
  const choices = [5, 4, 3, 2, 1]
    .map((n) => `<label class="choice"><input type="radio" name="score" value="${n}" required> ${n} · ${e(SCORE_LABELS[n]!)}</label>`)
    .join('\n');
  return page(
    'How is your onboarding going?',
    `<header><p class="eyebrow">${e(`${input.day}-day check-in`)}</p><h1>How is your onboarding going?</h1>
<p class="meta">About the onboarding of ${e(input.customer)}.</p></header>
<section aria-labelledby="survey"><h2 id="survey">Your answer</h2>
<form method="post" action="${e(input.path)}"><input type="hidden" name="form" value="${e(input.formToken)}">
<fieldset><legend>How satisfied are you with the onboarding so far?</legend>
${choices}</fieldset>
<div class="full"><label for="comment">Anything you want to tell us? (optional)</label><textarea id="comment" name="comment" maxlength="1000"></textarea></div>
<button>Send</button></form></section>`,
  );
}

/** After an answer (`thanks`), or when this contact already answered this check-in's survey. */
export function renderSurveyAnswered(input: { customer: string; thanks: boolean }): string {
  const text = input.thanks ? 'Your answer is recorded and the team can read it.' : 'You already answered this survey.';
  return page(
    'Thank you',
    `<section class="notice" role="status"><h1>Thank you</h1><p>${text} Thank you for telling us how the onboarding of ${e(input.customer)} is going.</p></section>`,
  );
}

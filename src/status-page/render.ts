/**
 * The status page and its answers as HTML (pure). Everything shown comes from a
 * {@link StatusView} and is escaped here; the page works without JavaScript (plain forms).
 */
import { escapeHtml as e, page } from './html.js';
import type { PageField, PageItem, PageStage, StatusView } from './view-model.js';

export interface RenderOptions {
  /** The page's own path (`/embark/status/<token>`): forms post to `<path>/sign-off`. */
  path: string;
  /** The form token of each item that can be signed off, by item key. */
  formTokens: Record<string, string>;
  /** IANA zone dates are shown in (the repository's business calendar). */
  timeZone: string;
  /** A line shown at the top after a sign-off. */
  notice?: string | null;
  /** The form token of each field the customer can fill in, by field key (forms post to `<path>/field`). */
  fieldTokens?: Record<string, string>;
  /**
   * The contact's name when the link is a contact's own (from their mail): forms act in that
   * name and ask for none. Null or absent for a `/share` link, whose forms ask who is signing.
   */
  signer?: string | null;
}

const STAGE_LABEL: Record<PageStage['status'], string> = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-started': 'Not started',
  unavailable: 'Unavailable',
  'not-applicable': 'Not applicable',
};
const OVERALL_LABEL: Record<StatusView['overall'], string> = {
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
const ITEM_LABEL: Record<PageItem['state'], string> = { done: 'Done', open: 'Open', 'not-needed': 'Not needed' };

function date(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  return `<time datetime="${e(d.toISOString())}">${e(text)}</time>`;
}

function stageRow(s: PageStage, timeZone: string): string {
  const due = s.dueAt ? ` · ${s.status === 'done' ? 'was due' : 'due'} ${date(s.dueAt, timeZone)}${s.overdue ? ' <span class="badge overdue">Overdue</span>' : ''}` : '';
  return `<li><div class="row"><h3>${e(s.title)}</h3><span class="badge ${s.status}">${STAGE_LABEL[s.status]}</span></div>
<p class="meta">${s.done} of ${s.total} item${s.total === 1 ? '' : 's'} done${due}</p></li>`;
}

function signOffForm(item: PageItem, index: number, options: RenderOptions): string {
  const token = options.formTokens[item.key];
  if (!item.canSignOff || !token) return '';
  const id = `i${index}`;
  const hidden = `<input type="hidden" name="item" value="${e(item.key)}"><input type="hidden" name="form" value="${e(token)}">`;
  if (options.signer) {
    return `<form method="post" action="${e(options.path)}/sign-off">${hidden}
<button aria-describedby="${id}">Sign off as ${e(options.signer)}</button></form>`;
  }
  return `<form method="post" action="${e(options.path)}/sign-off">${hidden}
<div><label for="${id}n">Your name</label><input id="${id}n" name="name" required maxlength="100" autocomplete="name"></div>
<div><label for="${id}e">Email (optional)</label><input id="${id}e" name="email" type="email" maxlength="254" autocomplete="email"></div>
<button aria-describedby="${id}">Sign off</button></form>`;
}

function fieldRow(field: PageField, index: number, options: RenderOptions): string {
  const id = `f${index}`;
  const token = options.fieldTokens?.[field.key];
  const current = field.value === '' ? 'Not filled in yet' : `Now: ${e(field.value)}`;
  if (!field.canEdit || !token) {
    return `<li><div class="row"><h3 id="${id}">${e(field.name)}</h3></div><p class="meta">${current}</p></li>`;
  }
  const name = options.signer
    ? ''
    : `\n<div><label for="${id}n">Your name</label><input id="${id}n" name="name" required maxlength="100" autocomplete="name"></div>`;
  return `<li><form method="post" action="${e(options.path)}/field"><input type="hidden" name="field" value="${e(field.key)}"><input type="hidden" name="form" value="${e(token)}"><input type="hidden" name="shown" value="${e(field.source)}">
<div class="full"><label for="${id}v" id="${id}">${e(field.name)}</label><input id="${id}v" name="value" value="${e(field.value)}" required maxlength="200" autocomplete="off" aria-describedby="${id}m"></div>${name}
<p class="meta full" id="${id}m">${current}</p>
<button>Save ${e(field.name)}</button></form></li>`;
}

function fieldsBlock(view: StatusView, options: RenderOptions): string {
  if (view.fields.length === 0) return '';
  return `<section aria-labelledby="fields"><h2 id="fields">Details we need from you</h2><ul>${view.fields.map((f, i) => fieldRow(f, i, options)).join('\n')}</ul></section>`;
}

function itemRow(item: PageItem, index: number, options: RenderOptions): string {
  const role = item.role ? ` · ${e(item.role)}` : '';
  return `<li><div class="row"><h3 id="i${index}">${e(item.text)}</h3><span class="badge ${item.state}">${ITEM_LABEL[item.state]}</span></div>
<p class="meta">${e(item.stageTitle)}${role}</p>${signOffForm(item, index, options)}</li>`;
}

function nextBlock(view: StatusView): string {
  if (!view.next) return '';
  const owners = view.next.owners.map((o) => (o.people.length > 0 ? `${e(o.role)} (${o.people.map(e).join(', ')})` : e(o.role)));
  const who = owners.length > 0 ? `<p>With: ${owners.join(', ')}</p>` : '';
  return `<section aria-labelledby="next"><h2 id="next">What comes next</h2><p>${e(view.next.stageTitle)}</p>${who}</section>`;
}

/** The page a valid link shows. */
export function renderStatusPage(view: StatusView, options: RenderOptions): string {
  const p = view.progress;
  const dates = [
    view.targetAt ? `Target date: ${date(view.targetAt, options.timeZone)}` : null,
    view.forecastAt ? `Expected to finish: ${date(view.forecastAt, options.timeZone)}` : null,
  ].filter((d): d is string => d !== null);
  const target = dates.length > 0 ? `<p class="meta">${dates.join(' · ')}</p>` : '';
  const notice = options.notice ? `<section class="notice" role="status"><p>${e(options.notice)}</p></section>` : '';
  const items =
    view.items.length > 0
      ? `<ul>${view.items.map((item, i) => itemRow(item, i, options)).join('\n')}</ul>`
      : '<p>Nothing to sign off yet: the team will ask when something needs you.</p>';
  const body = `${notice}<header>
<p class="eyebrow">Onboarding status</p>
<h1>${e(view.customer)}</h1>
<p class="meta">${e(view.template)} · <span class="badge ${view.overall}">${OVERALL_LABEL[view.overall]}</span></p>
</header>
<section aria-labelledby="progress"><h2 id="progress">Progress</h2>
<progress max="100" value="${p.percent}" aria-labelledby="progress" aria-describedby="progress-text">${p.percent}%</progress>
<p id="progress-text">${p.stagesDone} of ${p.stagesTotal} stages and ${p.itemsDone} of ${p.itemsTotal} items done (${p.percent}%).</p>${target}</section>
${nextBlock(view)}
<section aria-labelledby="stages"><h2 id="stages">Stages</h2><ol>${view.stages.map((s) => stageRow(s, options.timeZone)).join('\n')}</ol></section>
${fieldsBlock(view, options)}
<section aria-labelledby="items"><h2 id="items">Your items</h2>${items}</section>`;
  return page(`Onboarding status: ${view.customer}`, body);
}

/** What every bad, expired, revoked or unknown link gets: the same page, whatever the reason. */
export function renderNotFound(): string {
  return page(
    'Link not found',
    `<section class="problem"><h1>This link does not work</h1>
<p>It may have expired or been replaced by a newer one. Ask your onboarding contact for a new link.</p></section>`,
  );
}

/** A refused or failed sign-off, with what to do next. */
export function renderProblem(title: string, message: string, backPath: string | null): string {
  const back = backPath ? `<p><a href="${e(backPath)}">Back to the status page</a></p>` : '';
  return page(title, `<section class="problem"><h1>${e(title)}</h1><p>${e(message)}</p>${back}</section>`);
}

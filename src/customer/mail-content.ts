/**
 * What each customer mail says, as a subject and plain blocks (`mail-layout.ts` writes them as
 * text and HTML). Every mail greets the contact, says what happens next, names the CSM when the
 * onboarding has one, and links the contact's own status page. Dates are local to the
 * repository's calendar time zone.
 */
import { DateTime } from 'luxon';
import type { MailDue } from './mail-due.js';
import type { CustomerStage } from './mail-input.js';
import type { MailBlock } from './mail-layout.js';
import { oneLine } from './one-line.js';

/** The onboarding as the mail text needs it (a `StoredState` plus its repository fits). */
export interface MailOnboarding {
  /** `owner/name`. */
  repo: string;
  epic: number;
  customer: string;
  startedAt: string;
  completedAt: string | null;
  blocked: object | null;
  roles: Readonly<Record<string, readonly string[]>>;
  roleAliases?: Readonly<Record<string, readonly string[]>>;
  stages: readonly { key: string; title: string; completedAt: string | null }[];
  checkins: readonly number[];
}

/** Everything one mail is written from. */
export interface MailContext {
  mail: MailDue;
  onboarding: MailOnboarding;
  stages: readonly CustomerStage[];
  /** IANA zone dates are written in (`calendar.timezone`). */
  timezone: string;
  /** The contact's status page; unsubscribe for non-transactional mail; survey when `mail.survey`. */
  links: { status: string; unsubscribe?: string; survey?: string };
  /** Who signs the mail (`customer.fromName`), default "The onboarding team". */
  sender?: string;
  /** `customer.digest`, for the digest's wording (`1w` reads "weekly"). */
  digest?: string | number;
}

/** Most items listed in one mail; the rest are on the status page. */
const MAX_ITEMS = 15;

/** Item text as written in the template, without its markdown: `Sign the [SLA](https://...)[^5]` -> `Sign the SLA`. */
export function plainItem(markdown: string): string {
  const text = markdown
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~]+/g, '')
    .replace(/<[^>]*>/g, '');
  return oneLine(text, 200);
}

/** `Tuesday 24 November 2026` in the zone. */
export function formatDate(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: timezone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** GitHub logins behind the CSM role (`CSM`, or a role spelled or aliased "Customer Success ..."). */
export function csmOf(onboarding: Pick<MailOnboarding, 'roles' | 'roleAliases'>): string[] {
  const isCsm = (name: string) => /^csm$|customer success/i.test(name);
  const roles = Object.keys(onboarding.roles).filter((role) => isCsm(role) || (onboarding.roleAliases?.[role] ?? []).some(isCsm));
  return [...new Set(roles.flatMap((role) => onboarding.roles[role] ?? []))];
}

const items = (stage: CustomerStage): string[] => {
  const all = stage.openCustomerItems.map(plainItem);
  return all.length <= MAX_ITEMS ? all : [...all.slice(0, MAX_ITEMS), `and ${all.length - MAX_ITEMS} more on your status page`];
};

/** Subject and body blocks of the mail. */
export function mailContent(context: MailContext): { subject: string; blocks: MailBlock[] } {
  const { mail, onboarding, timezone, links } = context;
  const customer = oneLine(onboarding.customer, 100);
  const date = (iso: string) => formatDate(iso, timezone);
  const stage = context.stages.find((s) => s.stageKey === mail.stage);
  const active = context.stages.filter((s) => s.active);
  const csm = csmOf(onboarding);
  const blocks: MailBlock[] = [{ kind: 'p', text: mail.name ? `Hello ${mail.name},` : 'Hello,' }];
  const p = (text: string) => blocks.push({ kind: 'p', text });
  const yourItems = (s: CustomerStage, intro: string) => {
    p(intro);
    blocks.push({ kind: 'list', items: items(s) });
    if (s.dueAt) p(`Please finish these by ${date(s.dueAt)}.`);
  };
  const contactLine = () => {
    if (csm.length > 0) p(`Your customer success manager is ${csm.join(', ')}. Reply to this mail if anything is unclear or in the way.`);
    else p('Reply to this mail if anything is unclear or in the way.');
  };
  let subject: string;

  switch (mail.kind) {
    case 'welcome': {
      subject = `${customer}: your onboarding has started`;
      p(`We have started the onboarding of ${customer} (on ${date(onboarding.startedAt)}). This mail tells you what happens next.`);
      const yours = active.filter((s) => s.openCustomerItems.length > 0);
      for (const s of yours) yourItems(s, `What we need from you now, in ${s.title}:`);
      if (yours.length === 0) {
        const now = active[0]?.title ?? onboarding.stages.find((s) => s.completedAt === null)?.title;
        p(`${now ? `We are working on ${now}. ` : ''}Nothing is needed from you yet; we will mail you when something is.`);
      }
      contactLine();
      break;
    }
    case 'your-part':
    case 'remind': {
      const title = stage?.title ?? 'the current stage';
      const open = stage?.openCustomerItems.length ?? 0;
      if (mail.kind === 'your-part') {
        subject = `${customer}: your part in ${title}`;
        if (stage) yourItems(stage, `${title} has started, and these items in it are yours:`);
      } else {
        subject = `Reminder: ${open} open item${open === 1 ? '' : 's'} for you in ${title}`;
        const since = stage?.startedAt ? ` started on ${date(stage.startedAt)}, and` : '';
        if (stage) yourItems(stage, `${title}${since} these items are still open on your side:`);
      }
      p('We can only move on once these are done. Tick them on your status page, or reply to this mail.');
      contactLine();
      break;
    }
    case 'digest': {
      const weekly = context.digest === '1w' || context.digest === '7d';
      subject = `${customer}: ${weekly ? 'weekly ' : ''}onboarding update`;
      const done = onboarding.stages.filter((s) => s.completedAt !== null).length;
      p(`Progress: ${done} of ${onboarding.stages.length} stages done.`);
      if (onboarding.blocked !== null) p('The onboarding is on hold at the moment; we will tell you as soon as it moves again.');
      for (const s of active) {
        p(`Now: ${s.title}${s.dueAt ? `, due ${date(s.dueAt)}` : ''}.`);
        if (s.openCustomerItems.length > 0) yourItems({ ...s, dueAt: null }, 'Still open on your side:');
      }
      contactLine();
      break;
    }
    case 'sign-off': {
      subject = `${customer} is live: onboarding complete`;
      p(`The onboarding of ${customer} was completed on ${date(onboarding.completedAt ?? onboarding.startedAt)}. Thank you for your part in it.`);
      const days = onboarding.checkins;
      if (days.length > 0) p(`We will check in with you ${days.length === 1 ? `after ${days[0]} days` : `after ${days.slice(0, -1).join(', ')} and ${days.at(-1)} days`}.`);
      contactLine();
      break;
    }
    case 'checkin': {
      const day = mail.day ?? 0;
      subject = `${customer}: ${day}-day check-in${mail.survey ? ', how are we doing?' : ''}`;
      p(`It is ${day} days since ${customer} went live${onboarding.completedAt ? ` on ${date(onboarding.completedAt)}` : ''}. How is it going?`);
      p('If anything does not work as it should, reply to this mail and we will pick it up.');
      if (mail.survey) {
        if (!links.survey) throw new TypeError(`${mail.key}: a survey check-in needs links.survey`);
        blocks.push({ kind: 'link', label: 'Tell us how satisfied you are (one question)', url: links.survey });
      }
      contactLine();
      break;
    }
  }
  blocks.push({ kind: 'link', label: 'Your onboarding status page', url: links.status });
  const sender = context.sender ? oneLine(context.sender, 100) : 'The onboarding team';
  p(`Kind regards,\n${sender}`);
  return { subject, blocks };
}

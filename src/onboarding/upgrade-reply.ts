/**
 * What `/upgrade` says: the changes the template's current version brings to this onboarding,
 * before (a preview, ending with how to confirm) and after (what was done). Bounded, so a template
 * rewritten from scratch still fits in one comment.
 */
import { escapeUserText } from '../render/escape.js';
import type { UpgradeNote, UpgradePlan } from './upgrade-plan.js';

/** Lines listed per part of the reply before the rest is counted. */
const MAX_LINES = 40;

const q = (text: string) => `“${escapeUserText(text, { maxLength: 120 })}”`;

/** `v2027.01 (3fa9c2d1e0b4)`, or the fingerprint alone. */
export function versionWords(version: string | null, fingerprint: string | null): string {
  const code = fingerprint ? `\`${fingerprint}\`` : 'unknown';
  return version ? `${escapeUserText(version)} (${code})` : code;
}

function line(note: UpgradeNote, done: boolean): string {
  const would = (now: string, then: string) => (done ? now : then);
  const stage = q(note.stage);
  switch (note.kind) {
    case 'stage-added':
      return `- ➕ New stage ${stage}: ${would('created', 'will be created')}, pending.`;
    case 'stage-renamed':
      return note.effect === 'finished' ? `- ✏️ ${q(note.before!)} is ${stage} in the new version (done, so it keeps its title).` : `- ✏️ ${q(note.before!)} ${would('is now', 'becomes')} ${stage}.`;
    case 'stage-removed':
      return `- ➖ ${stage} is no longer in the template: it stays${note.effect === 'apply' ? ', and its items are marked' : ''}.`;
    case 'item-added':
      return note.effect === 'finished' ? `- ➕ ${stage} (done): ${q(note.text)} is new in the template (listed only).` : `- ➕ ${stage}: ${q(note.text)}${would(' added', '')}.`;
    case 'item-reworded':
      return `- ✏️ ${stage}: ${q(note.before!)} → ${q(note.text)}${note.effect === 'finished' ? ' (done stage: kept as it was)' : ' (keeps its tick)'}.`;
    case 'item-restored':
      return `- ↩️ ${stage}: ${q(note.text)} is back in the template${note.effect === 'finished' ? '' : ', its mark removed'}.`;
    case 'item-moved':
      if (note.effect === 'ticked') return `- ↪️ ${q(note.text)} moved from ${q(note.before!)} to ${stage}: already ticked, so it stays where it was done.`;
      if (note.effect === 'finished') return `- ↪️ ${q(note.text)} moved from ${q(note.before!)} to ${stage}, which is done: it stays in ${q(note.before!)}.`;
      return `- ↪️ ${q(note.text)}: ${q(note.before!)} → ${stage}${would('', ' (marked where it was, added unticked where it goes)')}.`;
    case 'item-removed':
      return note.effect === 'finished' ? `- ➖ ${stage} (done): ${q(note.text)} is no longer in the template (kept as it was).` : `- ➖ ${stage}: ${q(note.text)} stays, marked as no longer in the template.`;
  }
}

function bounded(lines: string[]): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `- …and ${lines.length - MAX_LINES} more.`];
}

function body(plan: UpgradePlan, done: boolean): string[] {
  const changes = plan.notes.filter((n) => !(n.kind === 'item-added' && n.effect === 'finished'));
  const forDone = plan.notes.filter((n) => n.kind === 'item-added' && n.effect === 'finished');
  const out = bounded(changes.map((n) => line(n, done)));
  if (forDone.length > 0) {
    out.push('', `**Added by the new version to stages that are done** (not added to them; do these separately if they apply to this customer):`);
    out.push(...bounded(forDone.map((n) => `- ${q(n.stage)}: ${q(n.text)}`)));
  }
  return out;
}

/** The preview `/upgrade` answers with. */
export function previewReply(plan: UpgradePlan, from: { version: string | null; fingerprint: string | null }): string {
  const head = `**Upgrade preview**: ${versionWords(from.version, from.fingerprint)} → ${versionWords(plan.version, plan.fingerprint)}.`;
  if (plan.empty) return `${head}\nThe checklist does not change; \`/upgrade confirm\` records the new version.`;
  return [head, '', ...body(plan, false), '', 'Nothing ticked is unticked or removed. Comment `/upgrade confirm` to apply this.'].join('\n');
}

/** The answer once `/upgrade confirm` applied the plan. */
export function appliedReply(plan: UpgradePlan): string {
  const head = `**Upgraded** to ${versionWords(plan.version, plan.fingerprint)}.`;
  if (plan.empty) return `${head} The checklist did not change.`;
  return [head, '', ...body(plan, true)].join('\n');
}

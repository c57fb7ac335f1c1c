/**
 * What identifies one version of a template's checklist: a short fingerprint of its stages and
 * items, and the set of item text hashes an onboarding records when it starts (or upgrades), so a
 * later upgrade can tell the template's items from the ones people added by hand.
 */
import { createHash } from 'node:crypto';
import { normaliseText } from '../checklist/normalise.js';
import { textHash } from './ids.js';
import type { Template } from './model.js';

/** 12 hex characters over every stage (key, title) and item (text, role, optional), in order. */
export function templateFingerprint(template: Pick<Template, 'stages'>): string {
  const hash = createHash('sha256');
  for (const stage of template.stages) {
    hash.update(`stage\0${stage.key}\0${normaliseText(stage.title)}\n`);
    for (const item of stage.items) hash.update(`item\0${textHash(item.text)}\0${normaliseText(item.role ?? '')}\0${item.optional ? 1 : 0}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

/** The text hashes of the template's items, each once, in template order. */
export function templateItemHashes(template: Pick<Template, 'stages'>): string[] {
  return [...new Set(template.stages.flatMap((s) => s.items.map((i) => textHash(i.text))))];
}

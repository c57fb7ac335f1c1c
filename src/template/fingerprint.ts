/**
 * What identifies one version of a template's checklist: a short fingerprint of its stages and
 * items, and the item ids an onboarding records when it starts (or upgrades), so a later upgrade
 * can tell the template's items from the ones people added by hand, and what the recorded version
 * already had in each stage.
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

/**
 * The template's items as `<stage key>.<text hash>`, each once, in template order: which items are
 * the template's (by hash) and where the template puts them (by stage).
 */
export function templateItemHashes(template: Pick<Template, 'stages'>): string[] {
  return [...new Set(template.stages.flatMap((s) => s.items.map((i) => `${s.key}.${textHash(i.text)}`)))];
}

/** The text hashes of recorded item ids (`stage-1.3fa9c2d1` -> `3fa9c2d1`). */
export function hashesOf(ids: readonly string[]): Set<string> {
  return new Set(ids.map((id) => id.slice(id.lastIndexOf('.') + 1)));
}

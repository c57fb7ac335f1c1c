/**
 * Which checklist item or stage a person meant by `3`, `2.3`, `portal access` or `stage-2`.
 *
 * Stage numbers: a stage is named by its `Stage N` number when it has one, and by its 1-based
 * position when it has none. `itemLabel` writes references the same way, so a label Embark shows
 * (`2.3`) always resolves back to the same item.
 */

import type { ItemRef } from './types.js';
import { readNumericItemRef } from './values.js';

/** The view of a stage the resolver needs. */
export interface ResolvableStage {
  key: string;
  number: number | null;
  title: string;
  items: { id: string; text: string; role: string | null; checked: boolean }[];
}

export type ItemResolution = { ok: true; stageKey: string; itemId: string } | { ok: false; message: string };
export type StageResolution = { ok: true; stageKey: string } | { ok: false; message: string };

/** How many candidates an "ambiguous" message lists. */
const MAX_CANDIDATES = 5;
const PREVIEW_LENGTH = 60;

/** The number people use for the stage at `index`: its own number, else its position. */
function stageNumber(stage: ResolvableStage, index: number): number {
  return stage.number ?? index + 1;
}

/** The stage people mean by number `n`: a stage numbered `n`, else an unnumbered stage at position `n`. */
function stageByNumber(stages: readonly ResolvableStage[], n: number): ResolvableStage | undefined {
  return stages.find((s) => s.number === n) ?? (stages[n - 1]?.number === null ? stages[n - 1] : undefined);
}

/** `2.3`: how Embark labels an item so that `/check 2.3` finds it again. Null if not found. */
export function itemLabel(stages: readonly ResolvableStage[], stageKey: string, itemId: string): string | null {
  const index = stages.findIndex((s) => s.key === stageKey);
  const stage = stages[index];
  const item = stage ? stage.items.findIndex((i) => i.id === itemId) : -1;
  return stage && item >= 0 ? `${stageNumber(stage, index)}.${item + 1}` : null;
}

/** Item text as people would type it: markdown marks, footnote refs and link targets dropped. */
function plain(text: string): string {
  return text
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*~]|(?<!\w)_|_(?!\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

function stageList(stages: readonly ResolvableStage[]): string {
  return stages.map((s, i) => `${stageNumber(s, i)} (${preview(s.title)})`).join(', ');
}

interface Candidate {
  stageKey: string;
  itemId: string;
  label: string;
  text: string;
  exact: boolean;
}

/**
 * The single candidate to take, or null. The active stage wins when it has any match (an exact
 * one first, else a unique one); only when it has none do other stages count.
 */
function pick(candidates: Candidate[], activeStageKey: string | null): Candidate | null {
  const active = candidates.filter((c) => c.stageKey === activeStageKey);
  const pool = active.length > 0 ? active : candidates;
  const exact = pool.filter((c) => c.exact);
  if (exact.length === 1) return exact[0]!;
  return pool.length === 1 ? pool[0]! : null;
}

function byNumber(ref: ItemRef & { kind: 'number' }, stages: readonly ResolvableStage[], activeStageKey: string | null): ItemResolution {
  const stage = stages.find((s) => s.key === activeStageKey);
  if (!stage) return { ok: false, message: `there is no active stage, so name the item as stage.item (e.g. 2.${ref.item})` };
  const item = stage.items[ref.item - 1];
  if (!item) {
    const count = stage.items.length;
    return { ok: false, message: `the active stage (${preview(stage.title)}) has ${count} item${count === 1 ? '' : 's'}, so there is no item ${ref.item}` };
  }
  return { ok: true, stageKey: stage.key, itemId: item.id };
}

function byStageItem(ref: ItemRef & { kind: 'stageItem' }, stages: readonly ResolvableStage[]): ItemResolution {
  const stage = stageByNumber(stages, ref.stage);
  if (!stage) return { ok: false, message: `there is no stage ${ref.stage}; the stages are ${stageList(stages)}` };
  const item = stage.items[ref.item - 1];
  if (!item) {
    const count = stage.items.length;
    return { ok: false, message: `stage ${ref.stage} (${preview(stage.title)}) has ${count} item${count === 1 ? '' : 's'}, so there is no item ${ref.stage}.${ref.item}` };
  }
  return { ok: true, stageKey: stage.key, itemId: item.id };
}

function byText(fragment: string, stages: readonly ResolvableStage[], activeStageKey: string | null): ItemResolution {
  const wanted = plain(fragment);
  if (wanted === '') return { ok: false, message: 'name the item by its number (3 or 2.3) or by a piece of its text' };
  const candidates: Candidate[] = stages.flatMap((stage, index) =>
    stage.items.flatMap((item, i) => {
      const text = plain(item.text);
      if (!text.includes(wanted)) return [];
      return [{ stageKey: stage.key, itemId: item.id, label: `${stageNumber(stage, index)}.${i + 1}`, text: item.text, exact: text === wanted }];
    }),
  );
  const chosen = pick(candidates, activeStageKey);
  if (chosen) return { ok: true, stageKey: chosen.stageKey, itemId: chosen.itemId };
  if (candidates.length === 0) {
    return { ok: false, message: `no item matches "${preview(fragment)}"; use the item's number (3, or 2.3 for stage 2) or other words from its text` };
  }
  // Active-stage matches first: they are the ones the person most likely meant.
  const ordered = [...candidates.filter((c) => c.stageKey === activeStageKey), ...candidates.filter((c) => c.stageKey !== activeStageKey)];
  const listed = ordered.slice(0, MAX_CANDIDATES).map((c) => `${c.label} ${preview(c.text)}`);
  const more = ordered.length > MAX_CANDIDATES ? `\n(and ${ordered.length - MAX_CANDIDATES} more)` : '';
  return { ok: false, message: `"${preview(fragment)}" matches ${ordered.length} items; use its number instead:\n${listed.join('\n')}${more}` };
}

/**
 * The item a reference names. A number is an item of the active stage; `stage.item` is exact; text
 * matches a case-insensitive fragment of an item's text: when the active stage has matches, only
 * they count (the one whose whole text matches, else the only one); otherwise the same rule runs
 * over all stages. More than one left is ambiguous and the message lists them. A string `ref` is read as the user typed it (`"3"`, `"2.3"`, `"portal"`).
 */
export function resolveItem(
  ref: ItemRef | string,
  stages: readonly ResolvableStage[],
  activeStageKey: string | null,
): ItemResolution {
  const numeric = typeof ref === 'string' ? readNumericItemRef(ref) : null;
  if (numeric && !numeric.ok) return numeric;
  const read: ItemRef = typeof ref !== 'string' ? ref : numeric ? numeric.value : { kind: 'text', text: ref };
  switch (read.kind) {
    case 'number':
      return byNumber(read, stages, activeStageKey);
    case 'stageItem':
      return byStageItem(read, stages);
    case 'text':
      return byText(read.text, stages, activeStageKey);
  }
}

/**
 * The stage a reference names: its number (`2`, `Stage 2`), its key (`stage-2`), or a unique
 * case-insensitive fragment of its title.
 */
export function resolveStage(ref: string | number, stages: readonly ResolvableStage[]): StageResolution {
  const text = String(ref).trim();
  if (text === '') return { ok: false, message: `name a stage: ${stageList(stages)}` };
  const byKey = stages.find((s) => s.key.toLowerCase() === text.toLowerCase());
  if (byKey) return { ok: true, stageKey: byKey.key };
  const numbered = /^(?:(?:stage|phase)\s*-?\s*)?(\d{1,4})$/i.exec(text);
  if (numbered) {
    const stage = stageByNumber(stages, Number(numbered[1]));
    return stage ? { ok: true, stageKey: stage.key } : { ok: false, message: `there is no stage ${numbered[1]}; the stages are ${stageList(stages)}` };
  }
  const wanted = plain(text);
  const matches = stages.map((s, i) => ({ s, i })).filter(({ s }) => plain(s.title).includes(wanted));
  const exact = matches.filter(({ s }) => plain(s.title) === wanted);
  const chosen = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
  if (chosen) return { ok: true, stageKey: chosen.s.key };
  if (matches.length === 0) return { ok: false, message: `no stage matches "${preview(text)}"; the stages are ${stageList(stages)}` };
  const listed = matches.slice(0, MAX_CANDIDATES).map(({ s, i }) => `${stageNumber(s, i)} ${preview(s.title)}`);
  return { ok: false, message: `"${preview(text)}" matches ${matches.length} stages; use its number instead:\n${listed.join('\n')}` };
}

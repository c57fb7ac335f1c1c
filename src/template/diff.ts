/**
 * The difference between two versions of a checklist (two templates, or a running onboarding and
 * the template it came from now), stage by stage and item by item. Pure.
 *
 * Stages are paired by what they hold: items in common weigh most, then the same title (the
 * `Stage N:` prefix set aside), then the same key. So a stage inserted before the others, with
 * everything after renumbered, pairs each old stage with its renumbered self; a stage whose title
 * changed but whose number and items stayed is the same stage, renamed.
 *
 * Items are matched by stable id first (the hash of their text, within paired stages), then by
 * the same id in another stage (moved), then by text similarity (reworded, possibly moved too).
 * What is left is added (new side only) or removed (old side only).
 */
import { normaliseText } from '../checklist/normalise.js';
import { textHash } from './ids.js';
import type { Template } from './model.js';
import { textSimilarity } from './similarity.js';

/** One item as the diff sees it. */
export interface DiffItem {
  /** `textHash` of the item's text: the stable part of its id. */
  hash: string;
  /** The text without the role marker. */
  text: string;
  role: string | null;
}

/** One stage as the diff sees it. */
export interface DiffStage {
  key: string;
  title: string;
  number: number | null;
  items: DiffItem[];
}

/** An item by its stage's index and its own index in that stage. */
export interface ItemRef {
  stage: number;
  item: number;
}

/** A pair of stages, or a stage on one side only. */
export interface StageMatch {
  old: number | null;
  new: number | null;
  /** Paired, and the title (without its `Stage N:` prefix) changed. */
  renamed: boolean;
  /** Paired, and the stage number or key changed. */
  renumbered: boolean;
}

/**
 * - `same`: same text and role in paired stages;
 * - `reworded`: paired stages, the text (or only the role) changed;
 * - `moved`: found in another stage (its text may have changed too);
 * - `added` / `removed`: on one side only.
 */
export type ItemChangeKind = 'same' | 'reworded' | 'moved' | 'added' | 'removed';

export interface ItemMatch {
  kind: ItemChangeKind;
  old: ItemRef | null;
  new: ItemRef | null;
}

export interface ChecklistDiff {
  /** New-side stages in order (paired or added), then the removed ones. */
  stages: StageMatch[];
  /** New-side items in order (matched or added), then the removed ones in old order. */
  items: ItemMatch[];
}

/** Two texts at least this alike are the same item reworded. */
export const REWORD_THRESHOLD = 0.6;

const STAGE_PREFIX = /^(?:stage|phase)\s*\d+\s*[:\-–—.|]*\s*/i;

/** A stage title without its `Stage N:` prefix, normalised. */
export function stageName(title: string): string {
  return normaliseText(title.replace(STAGE_PREFIX, ''));
}

function sharedItems(a: DiffStage, b: DiffStage): number {
  const left = new Map<string, number>();
  for (const i of a.items) left.set(i.hash, (left.get(i.hash) ?? 0) + 1);
  let shared = 0;
  for (const i of b.items) {
    const n = left.get(i.hash) ?? 0;
    if (n > 0) {
      shared++;
      left.set(i.hash, n - 1);
    }
  }
  return shared;
}

/** How strongly an old and a new stage look like one stage; 0 = not at all. */
function stageScore(a: DiffStage, b: DiffStage): number {
  const name = stageName(a.title);
  const sameName = name !== '' && name === stageName(b.title);
  return 3 * sharedItems(a, b) + (sameName ? 5 : 0) + (a.key === b.key ? 2 : 0);
}

function pairStages(before: DiffStage[], after: DiffStage[]): StageMatch[] {
  const pairs: Array<{ o: number; n: number; score: number }> = [];
  before.forEach((a, o) => {
    after.forEach((b, n) => {
      const score = stageScore(a, b);
      if (score > 0) pairs.push({ o, n, score });
    });
  });
  // Strongest first; between equals, the pair closest in position.
  pairs.sort((x, y) => y.score - x.score || Math.abs(x.o - x.n) - Math.abs(y.o - y.n) || x.n - y.n);
  const oldOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const p of pairs) {
    if (oldOf.has(p.n) || taken.has(p.o)) continue;
    oldOf.set(p.n, p.o);
    taken.add(p.o);
  }
  const matches: StageMatch[] = after.map((b, n) => {
    const o = oldOf.get(n);
    if (o === undefined) return { old: null, new: n, renamed: false, renumbered: false };
    const a = before[o]!;
    return { old: o, new: n, renamed: stageName(a.title) !== stageName(b.title), renumbered: a.number !== b.number || a.key !== b.key };
  });
  before.forEach((_, o) => {
    if (!taken.has(o)) matches.push({ old: o, new: null, renamed: false, renumbered: false });
  });
  return matches;
}

const refKey = (r: ItemRef) => `${r.stage}.${r.item}`;

/** The diff of `before` -> `after`; see the module comment for how things are matched. */
export function diffChecklists(before: DiffStage[], after: DiffStage[]): ChecklistDiff {
  const stages = pairStages(before, after);
  const oldStageOf = new Map(stages.filter((s) => s.new !== null).map((s) => [s.new!, s.old]));
  const matchOf = new Map<string, ItemMatch>();
  const usedOld = new Set<string>();
  const oldRefs: ItemRef[] = before.flatMap((s, stage) => s.items.map((_, item) => ({ stage, item })));
  const newRefs: ItemRef[] = after.flatMap((s, stage) => s.items.map((_, item) => ({ stage, item })));
  const oldItem = (r: ItemRef) => before[r.stage]!.items[r.item]!;
  const newItem = (r: ItemRef) => after[r.stage]!.items[r.item]!;
  const claim = (n: ItemRef, o: ItemRef, kind: ItemChangeKind) => {
    matchOf.set(refKey(n), { kind, old: o, new: n });
    usedOld.add(refKey(o));
  };
  const free = (o: ItemRef) => !usedOld.has(refKey(o));
  const samePair = (n: ItemRef, o: ItemRef) => oldStageOf.get(n.stage) === o.stage;

  // 1. Stable id: the same text in paired stages.
  for (const n of newRefs) {
    const o = oldRefs.find((c) => free(c) && samePair(n, c) && oldItem(c).hash === newItem(n).hash);
    if (o) claim(n, o, normaliseText(oldItem(o).role ?? '') === normaliseText(newItem(n).role ?? '') ? 'same' : 'reworded');
  }
  // 2. The same id in another stage: moved.
  for (const n of newRefs) {
    if (matchOf.has(refKey(n))) continue;
    const o = oldRefs.find((c) => free(c) && oldItem(c).hash === newItem(n).hash);
    if (o) claim(n, o, 'moved');
  }
  // 3. Similar text: reworded (moved too when the stages differ), the most alike pairs first.
  const candidates: Array<{ n: ItemRef; o: ItemRef; score: number }> = [];
  for (const n of newRefs) {
    if (matchOf.has(refKey(n))) continue;
    for (const o of oldRefs) {
      if (!free(o)) continue;
      const similarity = textSimilarity(oldItem(o).text, newItem(n).text);
      if (similarity >= REWORD_THRESHOLD) candidates.push({ n, o, score: similarity + (samePair(n, o) ? 0.05 : 0) });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  for (const c of candidates) {
    if (matchOf.has(refKey(c.n)) || !free(c.o)) continue;
    claim(c.n, c.o, samePair(c.n, c.o) ? 'reworded' : 'moved');
  }
  // 4. The rest.
  const items: ItemMatch[] = newRefs.map((n) => matchOf.get(refKey(n)) ?? { kind: 'added', old: null, new: n });
  for (const o of oldRefs) if (free(o)) items.push({ kind: 'removed', old: o, new: null });
  return { stages, items };
}

/** True when nothing changed: every stage paired as it was, every item the same. */
export function isEmptyDiff(diff: ChecklistDiff): boolean {
  return diff.stages.every((s) => s.old !== null && s.new !== null && !s.renamed && !s.renumbered) && diff.items.every((i) => i.kind === 'same');
}

/** A template's stages as the diff reads them. */
export function templateChecklist(template: Pick<Template, 'stages'>): DiffStage[] {
  return template.stages.map((s) => ({
    key: s.key,
    title: s.title,
    number: s.number,
    items: s.items.map((i) => ({ hash: textHash(i.text), text: i.text, role: i.role })),
  }));
}

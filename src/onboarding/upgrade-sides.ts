/**
 * The two sides of a template upgrade, as the checklist diff reads them: the running onboarding
 * (its stage issues' items, with what a write needs: the task's text as written, which occurrence
 * of it, ticked or not, marked or not, the template's or added by hand) and the template now.
 */
import { readTasks } from '../checklist/index.js';
import { normaliseText } from '../checklist/normalise.js';
import type { DiffItem, DiffStage } from '../template/diff.js';
import { hashesOf } from '../template/fingerprint.js';
import { textHash } from '../template/ids.js';
import { stageWithoutItems } from '../template/item-filter.js';
import type { Template, TemplateStage } from '../template/model.js';
import { splitRetired } from '../template/retired.js';
import type { StoredState } from './state.js';
import type { StageView } from './view.js';

/** An item of the running onboarding. */
export interface OnboardingItem extends DiffItem {
  /** The task's text as written (role marker and any mark included): how edits find it. */
  raw: string;
  /** How many tasks with the same text come before it in its body. */
  occurrence: number;
  checked: boolean;
  /** Marked as no longer in the template by an earlier upgrade. */
  retired: boolean;
  /** In the template when the onboarding started or last upgraded (true when that is unknown). */
  fromTemplate: boolean;
}

/** A stage of the running onboarding. */
export interface OnboardingStage extends DiffStage {
  items: OnboardingItem[];
  view: StageView;
  /** Closed, without an issue, or not applicable: an upgrade does not edit it. */
  frozen: boolean;
}

/** A stage of the template, with each item's task text as the template writes it. */
export interface TemplateSideStage extends DiffStage {
  stage: TemplateStage;
  items: Array<DiffItem & { raw: string }>;
}

const norm = (text: string) => normaliseText(text);

/** The onboarding's stages in its order, items read from the stage issues as they are now. */
export function onboardingSide(state: StoredState, views: StageView[]): OnboardingStage[] {
  const base = state.template.items ? hashesOf(state.template.items) : null;
  return views.map((view) => {
    const tasks = view.issue ? readTasks(view.issue.body) : [];
    const seen = new Map<string, number>();
    const occurrences = tasks.map((t) => {
      const n = seen.get(norm(t.text)) ?? 0;
      seen.set(norm(t.text), n + 1);
      return n;
    });
    let cursor = 0;
    const items: OnboardingItem[] = [];
    for (const item of view.items) {
      // Items are the stage's tasks in order (a task outside every section is not one): pair them.
      while (cursor < tasks.length && !norm(splitRetired(tasks[cursor]!.text).text).endsWith(norm(item.text))) cursor++;
      const task = tasks[cursor];
      if (!task) break;
      const hash = textHash(item.text);
      items.push({
        hash,
        text: item.text,
        role: item.role,
        raw: task.text,
        occurrence: occurrences[cursor]!,
        checked: item.checked,
        retired: splitRetired(task.text).retired,
        fromTemplate: base === null || base.has(hash),
      });
      cursor++;
    }
    // A stage left out by its `when:` has no issue to edit (or one closed as not planned).
    const frozen = view.status === 'done' || view.status === 'missing' || view.status === 'not-applicable';
    return { key: view.key, title: view.title, number: view.number, items, view, frozen };
  });
}

/**
 * The template's stages, each item with its task text as written in the template; the items in
 * `drop` (ids: their `when:` does not hold for this customer) left out with the lines nested under
 * them, as a start leaves them out.
 */
export function templateSide(template: Template, drop: ReadonlySet<string> = new Set()): TemplateSideStage[] {
  const byBox = new Map(readTasks(template.body ?? '').map((t) => [t.checkboxOffset, t.text]));
  return template.stages.map((written) => stageWithoutItems(written, template.body ?? '', drop)).map((stage) => ({
    key: stage.key,
    title: stage.title,
    number: stage.number,
    stage,
    items: stage.items.map((i) => ({ hash: textHash(i.text), text: i.text, role: i.role, raw: byBox.get(i.checkboxOffset) ?? (i.role ? `${i.role} >> ${i.text}` : i.text) })),
  }));
}
